"""The offline provider: lexical matching of an answer's sentences against each rubric item.

For each item, every sentence (and every pair of neighbouring sentences, since one idea
often spans two) is scored by the share of the item's weighted stems it contains. A
signal phrase found in a sentence is strong evidence on its own. The best window gives
the item's score and its best sentence is the evidence shown to the candidate.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.case import Case, Fact
from workbench.library import Library
from workbench.suggest.index import LibraryIndex, Profile, _item_profile, fact_profile, index_for
from workbench.suggest.textmatch import Sentence, negated, normalise, sentences, stems_of, tokens

# Chosen on the development set (tests/data/answers); see README "Suggestions".
COVER_THRESHOLD = 0.58  # score at or above which an item is suggested as covered
SIGNAL_BONUS = 0.44  # added when a sentence contains one of the item's signal phrases
SATURATION = 0.41  # share of an item's weight that counts as full coverage
PAIR_DISCOUNT = 1.0  # weight of a two-sentence window relative to one sentence
QUESTION_THRESHOLD = 0.3  # share of the question's informative words a fact must contain
UNSUPPORTED_BELOW = 0.2
NO_DETAIL = "The interviewer has no more detail on that; state your assumption."


@dataclass(frozen=True)
class Suggestion:
    """The suggester's reading of one rubric item: never a tick until a person confirms it."""

    item: str
    score: float
    covered: bool
    evidence: str

    def as_dict(self) -> dict[str, object]:
        return {"item": self.item, "score": self.score, "covered": self.covered, "evidence": self.evidence}


@dataclass(frozen=True)
class PitfallHit:
    """A pitfall the answer appears to commit, with the sentence that triggered it."""

    text: str
    score: float
    evidence: str


def _prepare(index: LibraryIndex, text: str) -> list[tuple[Sentence, frozenset[str]]]:
    return [(s, frozenset(s.stems)) for s in sentences(text, fix=index.fix_word)]


def _has_phrase(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """True when the phrase's stems occur contiguously in the sentence's stems."""
    n = len(phrase)
    if n == 0 or n > len(words):
        return False
    first = phrase[0]
    return any(words[i] == first and words[i:i + n] == phrase for i in range(len(words) - n + 1))


def _coverage(profile: Profile, bag: frozenset[str]) -> float:
    matched = sum(w for s, w in profile.weights.items() if s in bag)
    return min(1.0, matched / (profile.total * SATURATION))


def _signalled(profile: Profile, sent: Sentence) -> bool:
    return any(_has_phrase(sent.words, p) for p in profile.phrases)


def score_profile(profile: Profile, sents: list[tuple[Sentence, frozenset[str]]]) -> tuple[float, str]:
    """The item's score (0..1) over the answer and the sentence that best supports it."""
    best, evidence = 0.0, ""
    singles = [_coverage(profile, bag) + (SIGNAL_BONUS if _signalled(profile, s) else 0.0) for s, bag in sents]
    for n, (sent, bag) in enumerate(sents):
        score, chosen = singles[n], sent
        if n + 1 < len(sents):
            pair = PAIR_DISCOUNT * _coverage(profile, bag | sents[n + 1][1]) + SIGNAL_BONUS * (
                _signalled(profile, sent) or _signalled(profile, sents[n + 1][0]))
            if pair > score:
                score, chosen = pair, (sents[n + 1][0] if singles[n + 1] > singles[n] else sent)
        if score > best:
            best, evidence = score, chosen.text
    return round(min(1.0, best), 3), evidence


def _in_library(library: Library, case: Case) -> bool:
    """True when the index was fitted on this very case (not an edited or uploaded copy)."""
    known = library.cases.get(case.id)
    return known is case or known == case


def _case_items(index: LibraryIndex, library: Library, case: Case, step_id: str) -> list[Profile]:
    if (case.id, step_id) in index.items and _in_library(library, case):
        return index.step_items(case, step_id)
    # a case outside the fitted library (an upload, an edited file): profile it on the fly
    return [_item_profile(i, index.idf, index.default_idf) for i in library.rubric(case, step_id)]


def suggest_offline(case: Case, step_id: str, text: str, library: Library) -> list[Suggestion]:
    """One suggestion per rubric item of the step (framework's first), in rubric order."""
    index = index_for(library)
    sents = _prepare(index, text)
    out = []
    for profile in _case_items(index, library, case, step_id):
        score, evidence = score_profile(profile, sents) if sents else (0.0, "")
        covered = score >= COVER_THRESHOLD
        out.append(Suggestion(profile.id, score, covered, evidence if covered or score > 0 else ""))
    return out


def detect_pitfalls(case: Case, step_id: str, text: str, library: Library) -> list[PitfallHit]:
    """Pitfalls of the step whose `signals` appear in a sentence that does not negate them.

    Only signals count: a pitfall's text names the mistake in the same words as the right
    answer ("forgetting 3-D Secure and manual review"), so matching the text flags exactly
    the answers that avoid it.
    """
    index = index_for(library)
    sents = [s for s, _ in _prepare(index, text) if not negated(s.text)]
    hits = []
    for pitfall in case.steps[step_id].pitfalls:
        phrases = [p for p in (tuple(tokens(sig, keep_stop=True)) for sig in pitfall.signals) if p]
        for sent in sents:
            if any(_has_phrase(sent.words, p) for p in phrases):
                hits.append(PitfallHit(pitfall.text, 1.0, sent.text))
                break
    return hits


def _fact_profiles(index: LibraryIndex, library: Library, case: Case) -> list[Profile]:
    if case.id in index.facts and _in_library(library, case):
        return index.facts[case.id]
    return [fact_profile(f, index) for f in case.facts]


def match_question(case: Case, question: str, library: Library) -> Fact | None:
    """The fact that best answers the candidate's question, or None if none is close (then the
    app answers NO_DETAIL).

    The score is the share of the question's informative words (IDF-weighted) that the fact's
    id, question or answer contains; below QUESTION_THRESHOLD the interviewer has no detail.
    """
    index = index_for(library)
    bag = frozenset(stems_of(normalise(question), fix=index.fix_word))
    asked = sum(index.weight(t) for t in bag)
    if not bag or asked <= 0:
        return None
    best_id, best = None, 0.0
    for p in _fact_profiles(index, library, case):
        shared = sum(index.weight(t) * min(1.0, p.weights[t] / index.weight(t)) for t in bag if t in p.weights)
        score = shared / asked
        if score > best:
            best_id, best = p.id, score
    return case.fact(best_id) if best_id is not None and best >= QUESTION_THRESHOLD else None


def unsupported_ticks(ticked: list[str], suggestions: list[Suggestion]) -> list[str]:
    """Ticked item ids whose best sentence barely matches: flag gently, never untick."""
    scores = {s.item: s.score for s in suggestions}
    return [i for i in ticked if i in scores and scores[i] < UNSUPPORTED_BELOW]
