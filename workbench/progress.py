"""What the progress page shows: coverage over time, per step and sub-area, gaps, and what to practise next.

Each function aggregates the frames of ``workbench.analytics.progress_data`` (already
filtered) with plain pandas; ``progress_view`` computes everything for one filter.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from workbench.analytics import (
    ESTIMATE_WEIGHT,
    ESTIMATION,
    OTHER_AREA,
    ProgressData,
    ProgressFilter,
    area_titles,
    estimate_item,
    filter_progress,
    period,
    rubric_frame,
    step_titles,
    time_grain,
)
from workbench.gcpause import gc_paused
from workbench.library import Library
from workbench.trends import hint_timeline, score_timeline


def step_overview(data: ProgressData, library: Library) -> pd.DataFrame:
    """Per step: assessed attempts, mean coverage, time against budget, hint use."""
    titles = step_titles(library)
    steps = data.steps
    worked = steps[steps["time_spent_s"] > 0]
    assessed = steps[steps["assessed"]]
    out = pd.DataFrame({"step": list(titles), "title": list(titles.values())}).set_index("step")
    out["assessed"] = assessed.groupby("step", observed=True).size()
    out["coverage"] = assessed.groupby("step", observed=True)["coverage"].mean()
    out["time_s"] = worked.groupby("step", observed=True)["time_spent_s"].mean()
    out["budget_s"] = worked.groupby("step", observed=True)["budget_s"].mean()
    out["over_budget"] = (worked["time_spent_s"] > worked["budget_s"]).groupby(
        worked["step"], observed=True).mean()
    out["worked"] = worked.groupby("step", observed=True).size()
    out["hints"] = worked.groupby("step", observed=True)["hints"].mean()
    out["hinted"] = (worked["hints"] > 0).groupby(worked["step"], observed=True).mean()
    out[["assessed", "worked"]] = out[["assessed", "worked"]].fillna(0).astype("int64")
    return out.reset_index()


def sub_area_coverage(data: ProgressData, library: Library) -> pd.DataFrame:
    """Weighted coverage per (step, sub-area) over the assessed steps, in framework order.

    ``checks`` counts item assessments, ``missed`` those not ticked.
    """
    titles = area_titles(library)
    names = step_titles(library)
    order = [(s.id, a.id) for s in library.framework.steps for a in s.sub_areas]
    items = data.items
    grouped = items.groupby(["step", "sub_area"], observed=True).agg(
        got=("got", "sum"), weight=("weight", "sum"), checks=("covered", "size"), hit=("covered", "sum"))
    grouped = grouped[grouped["checks"] > 0]
    extra = [k for k in grouped.index if k not in set(order)]
    out = pd.DataFrame(index=pd.MultiIndex.from_tuples(order + extra, names=["step", "sub_area"]))
    out = out.join(grouped, how="left").reset_index()
    out[["got", "weight", "checks", "hit"]] = out[["got", "weight", "checks", "hit"]].fillna(0)
    out["coverage"] = (out["got"] / out["weight"]).where(out["weight"] > 0)
    out["missed"] = (out["checks"] - out["hit"]).astype("int64")
    out["checks"] = out["checks"].astype("int64")
    out["step_title"] = out["step"].map(names)
    out["title"] = [titles.get((s, a), a) for s, a in zip(out["step"], out["sub_area"], strict=True)]
    return out[["step", "sub_area", "step_title", "title", "coverage", "got", "weight", "checks", "missed"]]


def sub_area_timeline(data: ProgressData, library: Library) -> tuple[pd.DataFrame, str]:
    """Weighted coverage per (step, sub-area, period): the heatmap's cells."""
    items = data.items
    cols = ["step", "sub_area", "when", "coverage", "checks"]
    if items.empty:
        return pd.DataFrame(columns=cols), "D"
    grain = time_grain(items["created"])
    out = items.assign(when=period(items["created"], grain)).groupby(
        ["step", "sub_area", "when"], observed=True).agg(
        got=("got", "sum"), weight=("weight", "sum"), checks=("covered", "size")).reset_index()
    out = out[out["checks"] > 0]
    out["coverage"] = out["got"] / out["weight"]
    return out[cols].reset_index(drop=True), grain


def weakest_sub_areas(coverage: pd.DataFrame, n: int = 3, min_checks: int = 1) -> pd.DataFrame:
    """The sub-areas with the lowest weighted coverage (most assessed first on ties).

    Only sub-areas where something was missed qualify: a fully covered area is not weak.
    """
    seen = coverage[(coverage["checks"] >= min_checks) & coverage["coverage"].notna() & (coverage["missed"] > 0)]
    return seen.sort_values(["coverage", "checks"], ascending=[True, False], kind="stable").head(n) \
        .reset_index(drop=True)


def _item_info(library: Library) -> pd.DataFrame:
    """Per (scope, item): its text, level, weight, where it applies, step and sub-area; scope "" is generic."""
    rows = [("", i.id, i.text, i.level, i.weight, "every case", fs.id, i.sub_area or OTHER_AREA)
            for fs in library.framework.steps for i in fs.rubric]
    rows += [(case.id, i.id, i.text, i.level, i.weight, case.title, sid, i.sub_area or OTHER_AREA)
             for case in library.cases.values() for sid, cs in case.steps.items() for i in cs.rubric]
    rows += [(case.id, estimate_item(e.id), f"Estimate: {e.question}", "core", ESTIMATE_WEIGHT, case.title, e.step,
              ESTIMATION) for case in library.cases.values() for e in case.estimates]
    return pd.DataFrame(rows, columns=["scope", "item", "text", "level", "weight", "cases", "step", "sub_area"])


def missed_items(data: ProgressData, library: Library, n: int = 10) -> pd.DataFrame:
    """The rubric items missed most often in assessed steps, with how often they were assessed.

    Generic items count across every case; a case's own items within that case.
    """
    cols = ["item", "text", "step_title", "area", "level", "weight", "cases", "assessed", "missed", "miss_rate"]
    items = data.items
    if items.empty:
        return pd.DataFrame(columns=cols)
    generic = {i.id for s in library.framework.steps for i in s.rubric}
    # Group on the categorical codes first (hundreds of thousands of rows), name the groups after.
    per_case = items.groupby(["case_id", "item"], observed=True)["covered"].agg(["size", "sum"]).reset_index()
    item = per_case["item"].astype(str)
    grouped = pd.DataFrame({"scope": per_case["case_id"].astype(str).where(~item.isin(generic), ""), "item": item,
                            "assessed": per_case["size"], "hit": per_case["sum"]}) \
        .groupby(["scope", "item"], as_index=False)[["assessed", "hit"]].sum()
    grouped["missed"] = grouped["assessed"] - grouped["hit"]
    grouped = grouped[grouped["missed"] > 0].assign(miss_rate=lambda g: g["missed"] / g["assessed"])
    grouped = grouped.sort_values(["missed", "miss_rate", "item"], ascending=[False, False, True],
                                  kind="stable").head(n)
    out = grouped.merge(_item_info(library), on=["scope", "item"], how="left")
    areas = area_titles(library)
    out["step_title"] = out["step"].map(step_titles(library))
    out["area"] = [areas.get((s, a), a) for s, a in zip(out["step"], out["sub_area"], strict=True)]
    out[["assessed", "missed", "weight"]] = out[["assessed", "missed", "weight"]].astype("int64")
    return out[cols]


def area_weights(library: Library, rubric: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per (case, step, sub-area): the number and weight of rubric items on it, generic included."""
    rubric = rubric_frame(library) if rubric is None else rubric
    r = rubric.assign(sub_area=rubric["sub_area"].replace("", OTHER_AREA))
    return r.groupby(["case_id", "step", "sub_area"], as_index=False).agg(
        items=("item", "size"), weight=("weight", "sum"))


def cases_for_areas(library: Library, areas: pd.DataFrame, attempted: pd.Series,
                    per_area: int = 3, rubric: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each weak (step, sub-area), the cases that weigh it most, unattempted first on ties.

    ``attempted`` maps case id -> attempts in the current filter.
    """
    cols = ["step", "sub_area", "case_id", "case_title", "items", "weight", "attempts"]
    if areas.empty:
        return pd.DataFrame(columns=cols)
    weights = area_weights(library, rubric)
    picked = weights.merge(areas[["step", "sub_area"]], on=["step", "sub_area"])
    picked["attempts"] = picked["case_id"].map(attempted).fillna(0).astype("int64")
    picked["case_title"] = picked["case_id"].map({cid: c.title for cid, c in library.cases.items()})
    picked = picked.sort_values(["weight", "attempts", "case_id"], ascending=[False, True, True], kind="stable")
    picked = picked.groupby(["step", "sub_area"], sort=False).head(per_area)
    rank = {(s, a): n for n, (s, a) in enumerate(zip(areas["step"], areas["sub_area"], strict=True))}
    picked = picked.assign(rank=[rank[(s, a)] for s, a in zip(picked["step"], picked["sub_area"], strict=True)])
    return picked.sort_values("rank", kind="stable")[cols].reset_index(drop=True)


def recommend_next(library: Library, weak: pd.DataFrame, data: ProgressData, n: int = 3,
                   rubric: pd.DataFrame | None = None) -> pd.DataFrame:
    """Cases to attempt next: those that weigh the weak sub-areas most.

    A case's fit is the rubric weight it puts on each weak sub-area times how much
    of that sub-area is being missed. Unattempted cases come first; once every
    fitting case has been tried, the ones with the lowest best score follow.
    """
    cols = ["case_id", "case_title", "fit", "attempts", "best", "areas"]
    if weak.empty:
        return pd.DataFrame(columns=cols)
    weights = area_weights(library, rubric).merge(
        weak[["step", "sub_area", "title", "coverage"]], on=["step", "sub_area"])
    weights["fit"] = weights["weight"] * (1.0 - weights["coverage"])
    fit = weights.groupby("case_id").agg(fit=("fit", "sum"), areas=("title", lambda t: list(dict.fromkeys(t))))
    fit = fit[fit["fit"] > 0]
    sessions = data.sessions[data.sessions["in_library"]]
    attempts = sessions.groupby("case_id", observed=True).size()
    best = sessions.groupby("case_id", observed=True)["score"].max()
    fit["attempts"] = fit.index.map(attempts).fillna(0).astype("int64")
    fit["best"] = fit.index.map(best)
    fit["priority"] = fit["fit"].where(fit["attempts"] == 0, fit["fit"] * (1.0 - fit["best"].fillna(0.0)))
    fit["tried"] = fit["attempts"] > 0
    fit = fit.sort_values(["tried", "priority", "fit"], ascending=[True, False, False], kind="stable").head(n)
    fit["case_title"] = fit.index.map({cid: c.title for cid, c in library.cases.items()})
    return fit.reset_index()[cols]


@dataclass(frozen=True)
class ProgressView:
    """Everything the progress page shows for one filter, computed in one cacheable call."""

    sessions: int
    people: int
    assessed_steps: int
    mean_score: float | None
    timeline: pd.DataFrame
    timeline_grain: str
    overview: pd.DataFrame
    hints: pd.DataFrame
    hints_grain: str
    areas: pd.DataFrame
    area_timeline: pd.DataFrame
    area_grain: str
    weakest: pd.DataFrame
    missed: pd.DataFrame
    exercising: pd.DataFrame
    recommended: pd.DataFrame


@gc_paused()
def progress_view(data: ProgressData, library: Library, flt: ProgressFilter,
                  rubric: pd.DataFrame | None = None, weakest: int = 3) -> ProgressView:
    """Filter, then aggregate everything the page draws."""
    rubric = rubric_frame(library) if rubric is None else rubric
    part = filter_progress(data, flt)
    scores = part.sessions["score"].dropna()
    timeline, grain = score_timeline(part, library)
    hints, hints_grain = hint_timeline(part, library)
    areas = sub_area_coverage(part, library)
    area_timeline, area_grain = sub_area_timeline(part, library)
    weak = weakest_sub_areas(areas, n=weakest)
    attempts = part.sessions[part.sessions["in_library"]].groupby("case_id", observed=True).size()
    return ProgressView(
        sessions=len(part.sessions),
        people=int(part.sessions["person"].nunique()),
        assessed_steps=int(part.steps["assessed"].sum()),
        mean_score=float(scores.mean()) if len(scores) else None,
        timeline=timeline,
        timeline_grain=grain,
        overview=step_overview(part, library),
        hints=hints,
        hints_grain=hints_grain,
        areas=areas,
        area_timeline=area_timeline,
        area_grain=area_grain,
        weakest=weak,
        missed=missed_items(part, library),
        exercising=cases_for_areas(library, weak, attempts, rubric=rubric),
        recommended=recommend_next(library, weak, part, rubric=rubric),
    )
