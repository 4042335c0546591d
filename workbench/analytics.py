"""Aggregations over session summaries (pandas), for the library, sessions and progress pages."""

from __future__ import annotations

import pandas as pd

from workbench.library import Library
from workbench.summary import SessionSummary


def rubric_frame(library: Library) -> pd.DataFrame:
    """One row per (case, step, rubric item), generic items included."""
    rows = []
    for case in library.cases.values():
        for sid in library.framework.step_ids:
            if sid not in case.steps:
                continue
            for item in library.rubric(case, sid):
                rows.append((case.id, sid, item.id, item.weight, item.level, item.sub_area or "", item.text))
    return pd.DataFrame(rows, columns=["case_id", "step", "item", "weight", "level", "sub_area", "text"])


def step_frame(summaries: list[SessionSummary]) -> pd.DataFrame:
    """One row per (session, step) with time, hints and the covered items."""
    rows = []
    for s in summaries:
        for st in s.steps:
            rows.append((s.id, s.case_id, st.id, st.time_spent_s, st.hints, st.checked, st.covered))
    return pd.DataFrame(rows, columns=["session", "case_id", "step", "time_spent_s", "hints", "checked",
                                       "covered"])


def step_coverage(summaries: list[SessionSummary], library: Library,
                  rubric: pd.DataFrame | None = None) -> pd.DataFrame:
    """Weighted coverage per (session, step), scored against the current library."""
    rubric = rubric_frame(library) if rubric is None else rubric
    steps = step_frame(summaries)
    if steps.empty or rubric.empty:
        return pd.DataFrame(columns=["session", "case_id", "step", "coverage"])
    totals = rubric.groupby(["case_id", "step"], as_index=False)["weight"].sum().rename(
        columns={"weight": "total"})
    covered = steps[["session", "case_id", "step", "covered"]].explode("covered").dropna(subset=["covered"])
    covered = covered.merge(rubric[["case_id", "step", "item", "weight"]],
                            left_on=["case_id", "step", "covered"], right_on=["case_id", "step", "item"])
    got = covered.groupby(["session", "case_id", "step"], as_index=False)["weight"].sum()
    out = steps[["session", "case_id", "step"]].merge(totals, on=["case_id", "step"])
    out = out.merge(got, on=["session", "case_id", "step"], how="left").fillna({"weight": 0})
    out["coverage"] = out["weight"] / out["total"]
    return out[["session", "case_id", "step", "coverage", "weight", "total"]]


def session_coverage(summaries: list[SessionSummary], library: Library,
                     rubric: pd.DataFrame | None = None) -> pd.DataFrame:
    """Overall weighted coverage per session (only sessions whose case is in the library)."""
    per_step = step_coverage(summaries, library, rubric)
    if per_step.empty:
        return pd.DataFrame(columns=["session", "case_id", "coverage"])
    agg = per_step.groupby(["session", "case_id"], as_index=False)[["weight", "total"]].sum()
    agg["coverage"] = agg["weight"] / agg["total"]
    return agg[["session", "case_id", "coverage"]]


def best_by_case(summaries: list[SessionSummary], library: Library) -> dict[str, tuple[int, float]]:
    """Case id -> (attempts, best overall coverage)."""
    cov = session_coverage(summaries, library)
    if cov.empty:
        return {}
    grouped = cov.groupby("case_id")["coverage"].agg(["count", "max"])
    return {cid: (int(row["count"]), float(row["max"])) for cid, row in grouped.iterrows()}
