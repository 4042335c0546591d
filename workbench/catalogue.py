"""Search, filter and sort the case library (pure functions, so pages stay thin)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from workbench.case import DIFFICULTIES, Case

SORTS = ("Title", "Difficulty", "Time (shortest first)", "Time (longest first)", "Not attempted first",
         "Best score (lowest first)")


@dataclass(frozen=True)
class CaseFilter:
    text: str = ""
    domains: tuple[str, ...] = ()
    difficulties: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    max_minutes: int | None = None
    min_minutes: int | None = None
    sort: str = "Title"
    scores: dict[str, tuple[int, float]] = field(default_factory=dict, compare=False)


def matches(case: Case, f: CaseFilter) -> bool:
    if f.text.strip():
        hay = " ".join([case.title, case.summary, case.id, *case.tags]).lower()
        if not all(word in hay for word in f.text.lower().split()):
            return False
    if f.domains and case.domain not in f.domains:
        return False
    if f.difficulties and case.difficulty not in f.difficulties:
        return False
    if f.tags and not set(f.tags) & set(case.tags):
        return False
    if f.max_minutes is not None and case.time_minutes > f.max_minutes:
        return False
    return not (f.min_minutes is not None and case.time_minutes < f.min_minutes)


def filter_cases(cases: list[Case], f: CaseFilter) -> list[Case]:
    found = [c for c in cases if matches(c, f)]
    key = {
        "Title": lambda c: c.title.lower(),
        "Difficulty": lambda c: (DIFFICULTIES.index(c.difficulty), c.title.lower()),
        "Time (shortest first)": lambda c: (c.time_minutes, c.title.lower()),
        "Time (longest first)": lambda c: (-c.time_minutes, c.title.lower()),
        "Not attempted first": lambda c: (c.id in f.scores, c.title.lower()),
        "Best score (lowest first)": lambda c: (f.scores.get(c.id, (0, -1.0))[1], c.title.lower()),
    }.get(f.sort, lambda c: c.title.lower())
    return sorted(found, key=key)


def surprise(cases: list[Case], rng: random.Random | None = None) -> Case | None:
    """A random case from those given (the filtered list), each equally likely; None when empty."""
    if not cases:
        return None
    return (rng or random.Random()).choice(cases)
