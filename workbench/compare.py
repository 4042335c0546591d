"""Two attempts at the same case, side by side: coverage per step and the items that differ."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from workbench.case import Case, RubricItem
from workbench.library import Library
from workbench.scoring import score_session, session_rubric
from workbench.session import Session


@dataclass(frozen=True)
class StepComparison:
    step_id: str
    coverage_a: float
    coverage_b: float
    only_a: list[RubricItem]
    only_b: list[RubricItem]
    both: list[RubricItem]
    neither: list[RubricItem]


def compare_sessions(a: Session, b: Session, case: Case | None, library: Library) -> list[StepComparison]:
    """Per step of A: each attempt's coverage (each against its own rubric), and which of A's
    rubric items one covered and the other missed."""
    if a.case.id != b.case.id:
        raise ValueError("only attempts at the same case can be compared")
    sa, sb = score_session(a, case, library), score_session(b, case, library)
    steps_b = {s.step_id: s for s in sb.steps}
    rubric = session_rubric(a, case, library)
    out = []
    for step_a in sa.steps:
        step_b = steps_b.get(step_a.step_id)
        ids_a = {i.id for i in step_a.covered}
        ids_b = {i.id for i in step_b.covered} if step_b else set()
        items = rubric[step_a.step_id]
        out.append(StepComparison(
            step_id=step_a.step_id,
            coverage_a=step_a.coverage,
            coverage_b=step_b.coverage if step_b else 0.0,
            only_a=[i for i in items if i.id in ids_a and i.id not in ids_b],
            only_b=[i for i in items if i.id in ids_b and i.id not in ids_a],
            both=[i for i in items if i.id in ids_a and i.id in ids_b],
            neither=[i for i in items if i.id not in ids_a and i.id not in ids_b],
        ))
    return out


def default_pair(rows: pd.DataFrame) -> tuple[str, str]:
    """The two most recent attempts in a sessions frame (``id``, ``Updated``): (older as A, newer as B)."""
    recent = rows.sort_values("Updated", ascending=False, kind="stable")["id"].tolist()[:2]
    if len(recent) < 2:
        raise ValueError("comparing needs two attempts")
    return recent[1], recent[0]
