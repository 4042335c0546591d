"""Weighted rubric coverage: per step, overall, and by level, with the missed items' why."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from workbench.case import LEVELS, Case, RubricItem
from workbench.library import Library
from workbench.session import CheckedBy, Session


@dataclass(frozen=True)
class StepScore:
    step_id: str
    covered: list[RubricItem]
    missed: list[RubricItem]
    by_level: dict[str, float | None] = field(default_factory=dict)

    @property
    def total_weight(self) -> int:
        return sum(i.weight for i in self.covered) + sum(i.weight for i in self.missed)

    @property
    def coverage(self) -> float:
        total = self.total_weight
        return sum(i.weight for i in self.covered) / total if total else 0.0


@dataclass(frozen=True)
class SessionScore:
    steps: list[StepScore]

    @property
    def coverage(self) -> float:
        total = sum(s.total_weight for s in self.steps)
        return sum(sum(i.weight for i in s.covered) for s in self.steps) / total if total else 0.0

    @property
    def by_level(self) -> dict[str, float | None]:
        return level_coverage([i for s in self.steps for i in s.covered],
                              [i for s in self.steps for i in s.missed])

    def step(self, step_id: str) -> StepScore:
        return next(s for s in self.steps if s.step_id == step_id)


def level_coverage(covered: list[RubricItem], missed: list[RubricItem]) -> dict[str, float | None]:
    """Weighted coverage per level; None where the rubric has no item of that level."""
    out: dict[str, float | None] = {}
    for level in LEVELS:
        got = sum(i.weight for i in covered if i.level == level)
        total = got + sum(i.weight for i in missed if i.level == level)
        out[level] = got / total if total else None
    return out


def score_items(step_id: str, rubric: list[RubricItem], covered_ids: Iterable[str]) -> StepScore:
    ids = set(covered_ids)
    covered = [i for i in rubric if i.id in ids]
    missed = [i for i in rubric if i.id not in ids]
    # Heaviest misses first: that is the order in which they matter.
    missed.sort(key=lambda i: (-i.weight, LEVELS.index(i.level)))
    return StepScore(step_id, covered, missed, level_coverage(covered, missed))


def covered_ids(session: Session, step_id: str, by: CheckedBy | None = None) -> list[str]:
    """Items ticked in a step; ``by`` limits to the candidate's or the interviewer's ticks."""
    return [c.item for c in session.step(step_id).checks if by is None or c.by == by]


def score_session(session: Session, case: Case, library: Library, by: CheckedBy | None = None) -> SessionScore:
    """Score a session against the case's rubric.

    In an interview the interviewer's ticks are the score; in solo practice the
    candidate's own ticks are. ``by`` overrides that choice.
    """
    if by is None:
        by = "interviewer" if session.mode == "interview" else "self"
    steps = [
        score_items(rec.id, library.rubric(case, rec.id), covered_ids(session, rec.id, by))
        for rec in session.steps
        if rec.id in case.steps
    ]
    return SessionScore(steps)


def score_review(review_covered: dict[str, list[str]], case: Case, library: Library) -> SessionScore:
    return SessionScore([
        score_items(sid, library.rubric(case, sid), review_covered.get(sid, []))
        for sid in library.framework.step_ids if sid in case.steps
    ])
