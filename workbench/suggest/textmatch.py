"""Text normalisation for the offline suggester: sentences, tokens, stems and synonyms.

Interview answers are terse ("p99", "GBDT", "A/B", "w/o"), so a few general rewrites map
the field's abbreviations onto the words the rubric uses before stemming. These rewrites
are deliberately generic (they apply to every case) rather than tuned to one answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

_STEMMER = Stemmer.Stemmer("english")

# Words that carry no rubric meaning. Kept small: "not", "only" and the like stay out of
# the index through this list, and negation is handled separately for pitfalls.
_STOP_TEXT = """
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing done down during each either etc eg else even ever every
few for from further get gets getting go going got had has have having he her here hers him his how however
i ie if in into is it its itself just let lets like may maybe me might more most much must my need needs
no nor not now of off on once one only or other others our ours out over own per perhaps probably quite
rather really said same say says see seems she should so some something such than that the their theirs them
then there these they thing things think this those though through thus to too under until up upon us use
used uses using very via vs want was way we well were what when where whether which while who whom why will
with within without would yes yet you your yours i'd i'll we'd we'll it's that's there's let's
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

# Abbreviations and variants rewritten onto the words the rubric uses. Keys are single raw
# tokens (hyphens and slashes kept) or pairs of tokens; values are the words put in their place.
_WORD_MAP: dict[str, str] = {
    "w/o": "without", "w/": "with", "&": "and", "a/b": "ab test", "a/b/n": "ab test",
    "xgboost": "xgboost gradient boosted trees", "lightgbm": "lightgbm gradient boosted trees",
    "catboost": "catboost gradient boosted trees", "gbdt": "gradient boosted trees",
    "gbm": "gradient boosted trees", "gbt": "gradient boosted trees", "gbrt": "gradient boosted trees",
    "lambdamart": "lambdamart gradient boosted trees", "gradient-boosted": "gradient boosted trees",
    "lr": "logistic regression", "logreg": "logistic regression", "ctr": "click through rate",
    "cvr": "conversion rate", "dnn": "deep neural network", "ann": "approximate nearest neighbour",
    "3ds": "threeds secure challenge", "3-d": "threeds", "pii": "personal data privacy", "gdpr": "privacy regulation",
    "shap": "shap explanation reason", "rollback": "rollback way back", "roll-back": "rollback way back",
    "fallback": "fallback", "fall-back": "fallback", "failover": "fallback", "fail-over": "fallback",
    "out-of-time": "split by time", "chronological": "by time", "chronologically": "by time",
    "temporal": "by time", "temporally": "by time", "leak": "leakage", "leaks": "leakage", "leaked": "leakage",
    "leaking": "leakage", "leaky": "leakage", "holdout": "holdout", "hold-out": "holdout",
    "cold-start": "cold start new", "non-ml": "heuristic rule baseline", "heuristic": "heuristic baseline",
    "heuristics": "heuristic baseline", "sla": "service level deadline", "slas": "service level deadline",
    "mae": "mean absolute error", "rmse": "root mean squared error", "pr-auc": "precision recall auc",
    "qps": "queries per second", "rps": "requests per second", "tps": "requests per second",
    "dau": "daily active users", "k8s": "kubernetes", "llm": "large language model",
    "llms": "large language model", "kpi": "key metric", "kpis": "key metric",
    "p50": "p50 percentile", "p90": "p90 percentile", "p95": "p95 percentile", "p99": "p99 percentile",
    "p999": "p999 percentile", "vs": "versus", "e.g": "", "i.e": "",
    "outage": "outage unavailable", "outages": "outage unavailable", "timeout": "timeout unavailable",
    "timeouts": "timeout unavailable", "dashboard": "dashboard monitor", "dashboards": "dashboard monitor",
}
_PAIR_MAP: dict[tuple[str, str], str] = {
    ("ab", "test"): "ab test", ("ab", "tests"): "ab test", ("ab", "testing"): "ab test",
    ("split", "test"): "ab test", ("gradient", "boosting"): "gradient boosted trees",
    ("gradient", "boosted"): "gradient boosted", ("boosted", "trees"): "gradient boosted trees",
    ("boosted", "tree"): "gradient boosted trees", ("neural", "net"): "neural network",
    ("fall", "back"): "fallback", ("falls", "back"): "fallback", ("roll", "back"): "rollback way back",
    ("kill", "switch"): "kill switch rollback", ("distribution", "shift"): "drift",
    ("by", "date"): "by time", ("hold", "out"): "holdout", ("cold", "start"): "cold start new",
    ("3", "d"): "threeds", ("is", "down"): "is down unavailable", ("are", "down"): "are down unavailable",
    ("goes", "down"): "goes down unavailable", ("or", "down"): "or down unavailable",
    ("times", "out"): "timeout unavailable", ("time", "out"): "timeout unavailable",
}
_RAW_TOKEN = re.compile(r"[a-z0-9]+(?:[./'-][a-z0-9]+)*/?|&")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9(\"'*-])")
_BULLET = re.compile(r"^\s*(?:[-*•+]|\d+[.)])\s+")


_DIGIT_GROUP = re.compile(r"(?<=\d),(?=\d{3})")
_LEADING_NUMBER = re.compile(r"\d+(?:\.\d+)?|[a-z]+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _split_token(tok: str, words: list[str]) -> None:
    if tok.isalpha() or _NUMBER.fullmatch(tok):
        words.append(tok)
    elif tok[0].isdigit():  # "50ms", "700k", "3b": the number and its unit as two words
        words.extend(_LEADING_NUMBER.findall(tok))
    else:
        words.append(tok)


_WORD_SPLIT = {k: tuple(v.split()) for k, v in _WORD_MAP.items()}
_PAIR_SPLIT = {k: tuple(v.split()) for k, v in _PAIR_MAP.items()}
_PAIR_FIRST = frozenset(a for a, _ in _PAIR_MAP)
_PART_SEP = re.compile(r"[-/.]")


def normalise(text: str) -> list[str]:
    """Lower-cased words with abbreviations rewritten onto rubric vocabulary (not stemmed)."""
    return list(_normalise(text))


def _rewrite_token(tok: str) -> tuple[str, ...]:
    """The words one raw token stands for (slow path: mapped, hyphenated or numeric tokens)."""
    mapped = _WORD_SPLIT.get(tok)
    if mapped is not None:
        return mapped
    words: list[str] = []
    if tok.startswith("re-"):
        words.append("re" + tok[3:])
    elif ("-" in tok or "/" in tok or "." in tok) and not _NUMBER.fullmatch(tok):
        for part in _PART_SEP.split(tok):
            if part:
                m = _WORD_SPLIT.get(part)
                if m is not None:
                    words.extend(m)
                else:
                    _split_token(part, words)
    else:
        _split_token(tok, words)
    return tuple(words)


@lru_cache(maxsize=65536)
def _normalise(text: str) -> tuple[str, ...]:
    raw = _RAW_TOKEN.findall(_DIGIT_GROUP.sub("", text.lower().replace("’", "'")))
    words = [w for tok in raw for w in ((tok,) if tok.isalpha() and tok not in _WORD_SPLIT
                                        else _rewrite_token(tok))]
    if _PAIR_FIRST.isdisjoint(words):
        return tuple(words)
    out: list[str] = []
    n, last = 0, len(words) - 1
    while n <= last:
        w = words[n]
        pair = _PAIR_SPLIT.get((w, words[n + 1])) if n < last and w in _PAIR_FIRST else None
        if pair is not None:
            out.extend(pair)
            n += 2
        else:
            out.append(w)
            n += 1
    return tuple(out)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)



def stems_of(words: list[str], *, keep_stop: bool = False, fix: Callable[[str], str] | None = None) -> list[str]:
    """Stems of normalised words: content words only, or with ``keep_stop`` every word and number."""
    if fix is not None:
        words = [fix(w) for w in words]
    if keep_stop:
        return [stem(w) for w in words]
    return [stem(w) for w in words if len(w) > 1 and w[0].isalpha() and w not in STOP_WORDS]


def tokens(text: str, *, keep_stop: bool = False) -> list[str]:
    """Stemmed content tokens of ``text``; with ``keep_stop`` every word, numbers too (for phrases)."""
    return stems_of(normalise(text), keep_stop=keep_stop)


@dataclass(frozen=True)
class Sentence:
    """One sentence of an answer: as written (evidence), content stems, and all stems (phrases)."""

    text: str
    stems: tuple[str, ...]
    words: tuple[str, ...] = ()


def sentences(text: str, fix: Callable[[str], str] | None = None) -> list[Sentence]:
    """Split an answer into sentences: one per bullet or line, then at sentence ends.

    ``fix`` maps a misspelt word onto a known one before stemming (see LibraryIndex.fix_word).
    """
    out: list[Sentence] = []
    for line in text.splitlines():
        line = _BULLET.sub("", line).strip()
        if not line:
            continue
        for part in _SENTENCE_END.split(line):
            part = part.strip()
            if part:
                norm = normalise(part)
                stems = tuple(stems_of(norm, fix=fix))
                words = tuple(stems_of(norm, keep_stop=True, fix=fix))
                if stems:
                    out.append(Sentence(part, stems, words))
    return out


def edits1_keys(word: str) -> list[str]:
    """The word with each single letter deleted: keys of a symmetric-delete typo index."""
    return [word[:i] + word[i + 1:] for i in range(len(word))]


_NEGATION_TEXT = "not never no avoid avoids avoiding instead without dont don't isn't aren't won't rather"
NEGATIONS = frozenset(_NEGATION_TEXT.split())


def negated(text: str) -> bool:
    """True when a sentence denies or rejects what it mentions ("not random", "never ...")."""
    words = set(re.findall(r"[a-z']+", text.lower()))
    return bool(words & NEGATIONS)
