"""The library index: term weights learnt from the case library's own text, fitted once.

Every rubric item becomes a weighted bag of stems (its text counts most, its `signals`
next, its `why` least), with inverse document frequency taken over all the library's
prose (items, why, hints, questions, probes, facts, pitfalls, prompts). Words that every
case uses ("model", "data") weigh little; words that name an idea ("leakage",
"calibration", "canary") weigh a lot.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from dataclasses import dataclass, field

from workbench.case import Case, Fact, RubricItem
from workbench.library import Library
from workbench.suggest.textmatch import edits1_keys, normalise, stems_of, tokens

# Relative weight of each source of an item's words (chosen on the dev set, see README).
W_TEXT = 1.0
W_SIGNALS = 1.0
W_WHY = 0.2
MIN_TYPO_LEN = 5
W_FACT_ANSWER = 0.7


@dataclass(frozen=True)
class Profile:
    """A rubric item, pitfall or fact as weighted stems plus its signal phrases."""

    id: str
    weights: dict[str, float]
    total: float
    phrases: tuple[tuple[str, ...], ...] = ()


@dataclass
class LibraryIndex:
    idf: dict[str, float]
    default_idf: float
    words: frozenset[str] = frozenset()
    typo: dict[str, str] = field(default_factory=dict)
    items: dict[tuple[str, str], list[Profile]] = field(default_factory=dict)
    generic: dict[str, list[Profile]] = field(default_factory=dict)
    pitfalls: dict[tuple[str, str], list[Profile]] = field(default_factory=dict)
    facts: dict[str, list[Profile]] = field(default_factory=dict)

    def weight(self, stem: str) -> float:
        return self.idf.get(stem, self.default_idf)

    def fix_word(self, word: str) -> str:
        """A word the library uses, or the one a single typo away ("calibraton"), or the word itself."""
        if word in self.words or len(word) < MIN_TYPO_LEN or not word.isalpha():
            return word
        hit = self.typo.get(word)
        if hit is not None:
            return hit
        for key in edits1_keys(word):
            hit = self.typo.get(key)
            if hit is not None:
                return hit
        return word

    def step_items(self, case: Case, step_id: str) -> list[Profile]:
        """The framework's items for the step, then the case's own."""
        return self.generic.get(step_id, []) + self.items.get((case.id, step_id), [])


def _documents(library: Library) -> list[list[str]]:
    """Every piece of the library's prose as normalised (unstemmed) words.

    Each document is joined from the same pieces the profiles tokenise (item text, why, each
    signal), so building the profiles afterwards hits the normalisation cache.
    """
    docs: list[list[str]] = []

    def add(*pieces: str) -> None:
        words = [w for piece in pieces if piece for w in normalise(piece)]
        if words:
            docs.append(words)

    for fstep in library.framework.steps:
        add(fstep.summary)
        for a in fstep.sub_areas:
            add(a.title, a.description)
        for i in fstep.rubric:
            add(i.text, i.why, *i.signals)
    for case in library.cases.values():
        add(case.prompt)
        for f in case.facts:
            add(f.question, f.answer)
        for step in case.steps.values():
            for text in (*step.questions, *step.hints):
                add(text)
            for pr in step.probes:
                add(pr.ask, pr.listen_for)
            for i in step.rubric:
                add(i.text, i.why, *i.signals)
            for pf in step.pitfalls:
                add(pf.text, *pf.signals)
    return docs


def _profile(pid: str, parts: list[tuple[str, float]], signals: list[str], idf: dict[str, float],
             default_idf: float) -> Profile:
    raw: dict[str, float] = {}
    for text, w in parts:
        for stem in set(tokens(text)):
            raw[stem] = max(raw.get(stem, 0.0), w)
    for phrase in signals:
        for stem in set(tokens(phrase)):
            raw[stem] = max(raw.get(stem, 0.0), W_SIGNALS)
    weights = {s: w * idf.get(s, default_idf) for s, w in raw.items()}
    phrases = tuple(p for p in (tuple(tokens(s, keep_stop=True)) for s in signals) if p)
    return Profile(pid, weights, sum(weights.values()) or 1.0, phrases)


def _item_profile(item: RubricItem, idf: dict[str, float], default_idf: float) -> Profile:
    return _profile(item.id, [(item.text, W_TEXT), (item.why, W_WHY)], list(item.signals), idf, default_idf)


def fact_profile(fact: Fact, index: LibraryIndex) -> Profile:
    """A fact as the words a candidate might ask with: its id, its question, then its answer."""
    parts = [(fact.id.replace("-", " "), 1.0), (fact.question, 1.0), (fact.answer, W_FACT_ANSWER)]
    return _profile(fact.id, parts, [], index.idf, index.default_idf)


def fit_index(library: Library) -> LibraryIndex:
    """Fit IDF and every item, pitfall and fact profile of the library (about 0.1-0.3 s)."""
    docs = _documents(library)
    n = len(docs)
    df = Counter(s for d in docs for s in set(stems_of(d)))
    idf = {s: math.log(1 + n / c) for s, c in df.items()}
    default_idf = math.log(1 + n)
    words = Counter(w for d in docs for w in d if w.isalpha())
    index = LibraryIndex(idf=idf, default_idf=default_idf, words=frozenset(words))
    for word, _count in words.most_common():  # a typo key goes to the most frequent word
        if len(word) >= MIN_TYPO_LEN:
            index.typo.setdefault(word, word)
            for key in edits1_keys(word):
                index.typo.setdefault(key, word)
    for fstep in library.framework.steps:
        index.generic[fstep.id] = [_item_profile(i, idf, default_idf) for i in fstep.rubric]
    for case in library.cases.values():
        for sid, step in case.steps.items():
            index.items[(case.id, sid)] = [_item_profile(i, idf, default_idf) for i in step.rubric]
            index.pitfalls[(case.id, sid)] = [
                _profile(f"{sid}-pitfall-{n}", [(p.text, W_TEXT)], list(p.signals), idf, default_idf)
                for n, p in enumerate(step.pitfalls)]
        index.facts[case.id] = [fact_profile(f, index) for f in case.facts]
    return index


_CACHE: dict[str, LibraryIndex] = {}
_LOCK = threading.Lock()


def index_for(library: Library) -> LibraryIndex:
    """The fitted index for this library, fitted on first use and then reused (thread-safe)."""
    key = library.content_key
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is None:
            if len(_CACHE) >= 4:  # a library edit makes a new key; keep only the last few
                _CACHE.pop(next(iter(_CACHE)))
            hit = _CACHE[key] = fit_index(library)
        return hit
