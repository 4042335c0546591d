"""Session summaries as pandas frames: the library's best scores and the progress data.

Scores come from the scoring engine (``workbench.scoring``): a summary scored against
its session's own rubric carries its figures; an older one is scored here, by the same
engine, against the library. This module only lays the results out as frames.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from workbench.case import LEVELS
from workbench.gcpause import gc_paused
from workbench.library import Library
from workbench.scoring import coverage_figures, item_weights
from workbench.summary import SessionSummary

UNNAMED = "(unnamed)"
OTHER_AREA = "other"
GRAINS = {"D": "day", "W": "week", "M": "month"}
ESTIMATION = "estimation"  # the sub-area of a step's estimates (not a rubric sub-area: never in the score)
ESTIMATE_WEIGHT = 1


def estimate_item(estimate_id: str) -> str:
    """An estimate's id as a progress item; the colon keeps it apart from rubric ids (slugs)."""
    return f"estimate:{estimate_id}"


def rubric_frame(library: Library) -> pd.DataFrame:
    """One row per (case, step, rubric item), generic items included, then one per estimate
    (sub-area ``estimation``): progress treats sizing a figure within tolerance like an item covered."""
    rows = [(case.id, sid, item.id, item.weight, item.level, item.sub_area or "", item.text)
            for case in library.cases.values() for sid in library.framework.step_ids if sid in case.steps
            for item in library.rubric(case, sid)]
    rows += [(case.id, e.step, estimate_item(e.id), ESTIMATE_WEIGHT, "core", ESTIMATION, f"Estimate: {e.question}")
             for case in library.cases.values() for e in case.estimates if e.step in case.steps]
    return pd.DataFrame(rows, columns=["case_id", "step", "item", "weight", "level", "sub_area", "text"])


def summary_scores(summaries: Sequence[SessionSummary], library: Library
                   ) -> list[tuple[float | None, dict[str, float | None]]]:
    """Per summary: (overall, per-step coverage), from the engine; (None, {}) when it cannot be scored.

    Summaries scored against their own rubric already carry the figures; the others are
    scored against the library's current rubric for their case.
    """
    weights = {cid: item_weights({sid: library.rubric(case, sid) for sid in library.framework.step_ids
                                  if sid in case.steps}) for cid, case in library.cases.items()}
    out: list[tuple[float | None, dict[str, float | None]]] = []
    for s in summaries:
        if s.scored:
            out.append((s.score, {st.id: st.coverage for st in s.steps}))
        elif s.case_id in weights:
            out.append(coverage_figures(weights[s.case_id], {st.id: st.covered for st in s.steps},
                                        {st.id for st in s.steps if st.checked}))
        else:
            out.append((None, {}))
    return out


def best_by_case(summaries: Sequence[SessionSummary], library: Library) -> dict[str, tuple[int, float]]:
    """Case id -> (attempts, best score) over the scored sessions of cases in the library."""
    frame = pd.DataFrame({"case_id": [s.case_id for s in summaries],
                          "score": [o for o, _ in summary_scores(summaries, library)]}, dtype=object)
    frame = frame[frame["case_id"].isin(library.cases) & frame["score"].notna()].astype({"score": float})
    grouped = frame.groupby("case_id")["score"].agg(["count", "max"])
    return {str(cid): (int(row["count"]), float(row["max"])) for cid, row in grouped.iterrows()}


# -- progress across attempts ------------------------------------------------------
@dataclass(frozen=True)
class ProgressData:
    """Long frames for the progress page.

    ``sessions``: one row per session, indexed 0..n-1 (``score`` from the scoring
    engine, NaN when unscored or the case is not in the library). ``steps``: one row
    per (session, step), ``row`` pointing into ``sessions``; ``coverage`` only where
    the step was assessed. ``items``: one row per rubric item of every assessed step
    of a case in the library, ``covered`` True when the counting scorer ticked it.
    Person, mode and creation time are repeated on every frame so a filter is a mask,
    not a join. Treat as read-only: the page shares one copy between reruns and users.
    """

    sessions: pd.DataFrame
    steps: pd.DataFrame
    items: pd.DataFrame


@dataclass(frozen=True)
class ProgressFilter:
    """Who, how and when; empty tuples and None mean everything. ``end`` is inclusive."""

    people: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None


def _categorical(values: Sequence[str] | pd.Series, categories: Sequence[str]) -> pd.Categorical:
    return pd.Categorical(values, categories=pd.Index(list(categories), dtype=object))


@gc_paused()  # hundreds of thousands of rows: see workbench.gcpause
def progress_data(summaries: Sequence[SessionSummary], library: Library,
                  rubric: pd.DataFrame | None = None) -> ProgressData:
    """Build the long frames once per store state (the page caches the result).

    Keys are categoricals sharing one set of categories per column, so the merges
    join on small integer codes.
    """
    rubric = rubric_frame(library) if rubric is None else rubric
    step_ids = library.framework.step_ids
    case_ids = sorted(library.cases) + sorted({s.case_id for s in summaries} - set(library.cases))
    scores = summary_scores(summaries, library)
    people = [s.candidate or UNNAMED for s in summaries]
    sessions = pd.DataFrame({
        "session": [s.id for s in summaries],
        "case_id": _categorical([s.case_id for s in summaries], case_ids),
        "case_title": [s.case_title for s in summaries],
        "mode": pd.Categorical([s.mode for s in summaries]),
        "person": _categorical(people, sorted(set(people))),
        "interviewer": [s.interviewer for s in summaries],
        "status": [s.status for s in summaries],
        "created": pd.to_datetime(pd.Series([s.created_at for s in summaries], dtype=object), utc=True,
                                  format="ISO8601"),
        "score": pd.Series([o for o, _ in scores], dtype=float),
    })
    sessions["in_library"] = sessions["case_id"].isin(library.cases)

    step_rows, verdict_rows = [], []
    for n, (s, (_, per)) in enumerate(zip(summaries, scores, strict=True)):
        for st in s.steps:
            step_rows.append((n, st.id, st.time_spent_s, st.hints, st.checked, per.get(st.id), st.covered))
            if st.checked and st.estimates:  # only where the file recorded verdicts: no verdict is not a miss
                verdict_rows += [(n, st.id, estimate_item(eid), v == "within") for eid, v in st.estimates.items()]
    steps = pd.DataFrame(step_rows, columns=["row", "step", "time_spent_s", "hints", "assessed", "coverage",
                                             "covered"])
    steps = steps.astype({"row": "int64", "time_spent_s": "int64", "hints": "int64", "assessed": bool,
                          "coverage": float})
    steps["step"] = _categorical(steps["step"], step_ids)
    steps["case_id"] = sessions["case_id"].take(steps["row"]).to_numpy()
    budgets = pd.DataFrame([(cid, sid, library.step_budget_s(case, sid)) for cid, case in library.cases.items()
                            for sid in step_ids if sid in case.steps], columns=["case_id", "step", "budget_s"])
    budgets = budgets.astype({"budget_s": float}).assign(case_id=lambda f: _categorical(f["case_id"], case_ids),
                                                         step=lambda f: _categorical(f["step"], step_ids))
    steps = steps.merge(budgets, on=["case_id", "step"], how="left")
    steps["coverage"] = steps["coverage"].where(steps["assessed"])

    r = rubric[rubric["case_id"].isin(library.cases) & rubric["step"].isin(step_ids)]
    item_ids = list(dict.fromkeys(r["item"]))
    r = r.assign(case_id=_categorical(r["case_id"], case_ids), step=_categorical(r["step"], step_ids),
                 item=_categorical(r["item"], item_ids),
                 sub_area=pd.Categorical(r["sub_area"].replace("", OTHER_AREA)),
                 level=_categorical(r["level"], LEVELS))
    ticked = steps.loc[steps["assessed"], ["row", "step", "covered"]].explode("covered").dropna()
    ticked = ticked.rename(columns={"covered": "item"}).assign(item=lambda f: _categorical(f["item"], item_ids),
                                                               covered=True)
    assessed = steps.loc[steps["assessed"], ["row", "case_id", "step"]]
    cols = ["case_id", "step", "item", "sub_area", "level", "weight"]
    sizing = r["sub_area"] == ESTIMATION
    items = assessed.merge(r.loc[~sizing, cols], on=["case_id", "step"])
    items = items.merge(ticked.dropna(subset=["item"]).drop_duplicates(), on=["row", "step", "item"], how="left")
    items["covered"] = items["covered"].fillna(False).astype(bool)
    verdicts = pd.DataFrame(verdict_rows, columns=["row", "step", "item", "covered"])
    verdicts = verdicts.astype({"row": "int64", "covered": bool}).assign(
        step=lambda f: _categorical(f["step"], step_ids), item=lambda f: _categorical(f["item"], item_ids))
    sized = assessed.merge(verdicts, on=["row", "step"]).merge(r.loc[sizing, cols], on=["case_id", "step", "item"])
    items = pd.concat([items, sized[items.columns]], ignore_index=True)
    items["weight"] = items["weight"].astype("int64")
    items["got"] = items["weight"].where(items["covered"], 0)

    who = sessions[["person", "mode", "created"]]
    steps = steps.drop(columns=["covered"]).join(who, on="row")
    items = items.join(who, on="row")
    return ProgressData(sessions, steps, items)


def filter_progress(data: ProgressData, flt: ProgressFilter) -> ProgressData:
    """The same frames restricted to the chosen people, modes and dates."""

    def mask(frame: pd.DataFrame) -> pd.Series:
        m = pd.Series(True, index=frame.index)
        if flt.people:
            m &= frame["person"].isin(flt.people)
        if flt.modes:
            m &= frame["mode"].isin(flt.modes)
        if flt.start is not None:
            m &= frame["created"] >= pd.Timestamp(flt.start, tz="UTC")
        if flt.end is not None:
            m &= frame["created"] < pd.Timestamp(flt.end, tz="UTC") + pd.Timedelta(days=1)
        return m

    if flt == ProgressFilter():
        return data
    return ProgressData(*(frame[mask(frame)] for frame in (data.sessions, data.steps, data.items)))


def time_grain(created: pd.Series) -> str:
    """Day, week or month buckets, so a chart has tens of points, not thousands."""
    if created.empty:
        return "D"
    span = (created.max() - created.min()).days
    return "D" if span <= 31 else "W" if span <= 210 else "M"


def period(created: pd.Series, grain: str) -> pd.Series:
    naive = created.dt.tz_convert(None)
    return naive.dt.floor("D") if grain == "D" else naive.dt.to_period(grain).dt.start_time


def step_titles(library: Library) -> dict[str, str]:
    return {s.id: s.title for s in library.framework.steps}


def area_titles(library: Library) -> dict[tuple[str, str], str]:
    """(step, sub-area id) -> the framework's title for it."""
    out = {(s.id, a.id): a.title for s in library.framework.steps for a in s.sub_areas}
    out.update({(s.id, OTHER_AREA): "Other (no sub-area)" for s in library.framework.steps})
    out.update({(s.id, ESTIMATION): "Estimation (figures sized within tolerance)" for s in library.framework.steps})
    return out
