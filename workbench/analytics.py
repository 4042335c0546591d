"""Aggregations over session summaries (pandas), for the library, sessions and progress pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
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


def sessions_frame(summaries: list[SessionSummary], library: Library) -> pd.DataFrame:
    """One row per session for the Sessions page, newest first."""
    cov = session_coverage(summaries, library)
    score = dict(zip(cov["session"], cov["coverage"], strict=True)) if not cov.empty else {}
    rows = [
        {
            "id": s.id,
            "Case": s.case_title,
            "case_id": s.case_id,
            "Mode": "Interview" if s.mode == "interview" else "Solo",
            "Candidate": s.candidate,
            "Interviewer": s.interviewer,
            "Updated": pd.Timestamp(s.updated_at),
            "Score": score.get(s.id),
            "Status": s.status.replace("_", " "),
            "Reviews": s.reviews,
        }
        for s in summaries
    ]
    columns = ["id", "Case", "case_id", "Mode", "Candidate", "Interviewer", "Updated", "Score", "Status", "Reviews"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values("Updated", ascending=False, kind="stable").reset_index(drop=True)


# -- progress across attempts ------------------------------------------------------
# The progress page filters and aggregates three long frames built once per store
# state: sessions, their steps, and the rubric items of every checked step.

UNNAMED = "(unnamed)"
OTHER_AREA = "other"
GRAINS = {"D": "day", "W": "week", "M": "month"}


@dataclass(frozen=True)
class ProgressData:
    """Long frames for the progress page.

    ``sessions``: one row per session (score is the weighted coverage of the whole
    rubric, NaN when its case is not in the library). ``steps``: one row per
    (session, step); ``coverage`` only where the step was assessed (checked or
    rated). ``items``: one row per rubric item of every assessed step, ``covered``
    True when the counting party ticked it. Person, mode and creation time are
    repeated on every frame so a filter is a mask, not a join.
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


def _utc(values: list[str]) -> pd.Series:
    return pd.to_datetime(pd.Series(values, dtype="object"), utc=True, format="ISO8601")


def progress_data(summaries: Sequence[SessionSummary], library: Library,
                  rubric: pd.DataFrame | None = None) -> ProgressData:
    """Build the long frames once per store state (the page caches the result)."""
    rubric = rubric_frame(library) if rubric is None else rubric
    srows = [(s.id, s.case_id, s.case_title, s.mode, s.candidate or UNNAMED, s.interviewer, s.status,
              s.created_at) for s in summaries]
    sessions = pd.DataFrame(srows, columns=["session", "case_id", "case_title", "mode", "person", "interviewer",
                                            "status", "created"])
    sessions["created"] = _utc(sessions["created"].tolist())
    sessions["in_library"] = sessions["case_id"].isin(list(library.cases))
    for col in ("case_id", "mode", "person"):
        sessions[col] = sessions[col].astype("category")

    trows = [(n, st.id, st.time_spent_s, st.hints, st.checked or st.rating is not None)
             for n, s in enumerate(summaries) for st in s.steps]
    steps = pd.DataFrame(trows, columns=["row", "step", "time_spent_s", "hints", "assessed"])
    steps["row"] = steps["row"].astype("int64")
    for col in ("session", "case_id", "person", "mode", "created"):
        steps[col] = sessions[col].to_numpy()[steps["row"].to_numpy()] if len(steps) else []
    steps["key"] = np.arange(len(steps), dtype="int64")
    budgets = pd.DataFrame(
        [(cid, sid, library.step_budget_s(case, sid)) for cid, case in library.cases.items()
         for sid in library.framework.step_ids if sid in case.steps],
        columns=["case_id", "step", "budget_s"])
    totals = rubric.groupby(["case_id", "step"], as_index=False)["weight"].sum().rename(columns={"weight": "total"})
    steps = steps.merge(budgets.merge(totals, on=["case_id", "step"], how="outer"),
                        on=["case_id", "step"], how="left")
    steps = steps.sort_values("key", kind="stable").reset_index(drop=True)

    # Items of assessed steps, each flagged covered when its (step row, item) was ticked.
    assessed = steps.loc[steps["assessed"], ["key", "case_id", "step"]]
    items = assessed.merge(rubric[["case_id", "step", "item", "sub_area", "level", "weight"]],
                           on=["case_id", "step"], how="inner")
    ticked = [(n, item) for n, s in enumerate(st for s in summaries for st in s.steps) for item in s.covered]
    items["covered"] = False
    if ticked and len(items):
        codes = {item: c for c, item in enumerate(pd.unique(items["item"]))}
        width = len(codes) + 1
        wanted = np.fromiter((k * width + codes[i] for k, i in ticked if i in codes), dtype="int64")
        have = items["key"].to_numpy() * width + items["item"].map(codes).to_numpy(dtype="int64")
        items["covered"] = np.isin(have, wanted)
    items["sub_area"] = items["sub_area"].replace("", OTHER_AREA)
    items["got"] = items["weight"] * items["covered"]
    for col in ("session", "person", "mode", "created"):
        items[col] = steps[col].to_numpy()[items["key"].to_numpy()] if len(items) else []
    for col in ("step", "item", "sub_area", "level"):
        items[col] = items[col].astype("category")

    per_step = items.groupby("key")[["got", "weight"]].sum()
    steps["got"] = steps["key"].map(per_step["got"]).fillna(0.0)
    steps["coverage"] = (steps["got"] / steps["total"]).where(steps["assessed"])
    steps["step"] = steps["step"].astype("category")
    per_session = steps.groupby("row")[["got", "total"]].sum(min_count=1)
    sessions["score"] = (per_session["got"] / per_session["total"]).reindex(range(len(sessions))).to_numpy()
    steps = steps.drop(columns=["row"])
    return ProgressData(sessions, steps, items.drop(columns=["key"]))


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


def _period(created: pd.Series, grain: str) -> pd.Series:
    naive = created.dt.tz_convert(None)
    return naive.dt.floor("D") if grain == "D" else naive.dt.to_period(grain).dt.start_time


def _step_titles(library: Library) -> dict[str, str]:
    return {s.id: s.title for s in library.framework.steps}


def area_titles(library: Library) -> dict[tuple[str, str], str]:
    """(step, sub-area id) -> the framework's title for it."""
    out = {(s.id, a.id): a.title for s in library.framework.steps for a in s.sub_areas}
    out.update({(s.id, OTHER_AREA): "Other (no sub-area)" for s in library.framework.steps})
    return out


def score_timeline(data: ProgressData, library: Library, max_points: int = 150) -> tuple[pd.DataFrame, str]:
    """Coverage per step (and the session score) over time.

    Up to ``max_points`` sessions each session is a point (grain ``"session"``);
    beyond that, means per day, week or month keep the chart light.
    Columns: when, series (step title or "Overall"), coverage, attempts, label.
    """
    titles = _step_titles(library)
    steps = data.steps[data.steps["coverage"].notna()]
    scored = data.sessions[data.sessions["score"].notna()]
    cols = ["when", "series", "coverage", "attempts", "label"]
    if steps.empty:
        return pd.DataFrame(columns=cols), "session"
    order = {t: n for n, t in enumerate([*titles.values(), "Overall"])}
    if scored["session"].nunique() <= max_points:
        per = pd.DataFrame({"when": steps["created"].dt.tz_convert(None),
                            "series": steps["step"].astype(str).map(titles),
                            "coverage": steps["coverage"], "attempts": 1, "session": steps["session"]})
        overall = pd.DataFrame({"when": scored["created"].dt.tz_convert(None), "series": "Overall",
                                "coverage": scored["score"], "attempts": 1, "session": scored["session"]})
        out = pd.concat([per, overall], ignore_index=True)
        labels = data.sessions.set_index("session")["case_title"].astype(str)
        out["label"] = out["session"].map(labels)
        grain = "session"
    else:
        grain = time_grain(scored["created"])
        per = steps.assign(when=_period(steps["created"], grain), series=steps["step"].astype(str).map(titles))
        per = per.groupby(["when", "series"], as_index=False, observed=True).agg(
            coverage=("coverage", "mean"), attempts=("coverage", "size"))
        overall = scored.assign(when=_period(scored["created"], grain)).groupby("when", as_index=False).agg(
            coverage=("score", "mean"), attempts=("score", "size"))
        overall["series"] = "Overall"
        out = pd.concat([per, overall], ignore_index=True)
        out["label"] = out["attempts"].map(lambda n: f"{n} attempt{'s' if n != 1 else ''}")
    out["rank"] = out["series"].map(order)
    out = out.sort_values(["rank", "when"], kind="stable")
    return out[cols].reset_index(drop=True), grain


def step_overview(data: ProgressData, library: Library) -> pd.DataFrame:
    """Per step: assessed attempts, mean coverage, time against budget, hint use."""
    titles = _step_titles(library)
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


def hint_timeline(data: ProgressData, library: Library) -> tuple[pd.DataFrame, str]:
    """Mean hints per attempt at each step, per day, week or month."""
    titles = _step_titles(library)
    worked = data.steps[data.steps["time_spent_s"] > 0]
    if worked.empty:
        return pd.DataFrame(columns=["when", "series", "hints", "attempts"]), "D"
    grain = time_grain(worked["created"])
    out = worked.assign(when=_period(worked["created"], grain)).groupby(
        ["when", "step"], as_index=False, observed=True).agg(hints=("hints", "mean"), attempts=("hints", "size"))
    out["series"] = out["step"].astype(str).map(titles)
    order = {t: n for n, t in enumerate(titles.values())}
    out = out.sort_values(["series", "when"], key=lambda c: c.map(order) if c.name == "series" else c)
    return out[["when", "series", "hints", "attempts"]].reset_index(drop=True), grain


def sub_area_coverage(data: ProgressData, library: Library) -> pd.DataFrame:
    """Weighted coverage per (step, sub-area) over the assessed steps, in framework order.

    ``checks`` counts item assessments, ``missed`` those not ticked.
    """
    titles = area_titles(library)
    step_titles = _step_titles(library)
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
    out["step_title"] = out["step"].map(step_titles)
    out["title"] = [titles.get((s, a), a) for s, a in zip(out["step"], out["sub_area"], strict=True)]
    return out[["step", "sub_area", "step_title", "title", "coverage", "got", "weight", "checks", "missed"]]


def sub_area_timeline(data: ProgressData, library: Library) -> tuple[pd.DataFrame, str]:
    """Weighted coverage per (step, sub-area, period): the heatmap's cells."""
    items = data.items
    cols = ["step", "sub_area", "when", "coverage", "checks"]
    if items.empty:
        return pd.DataFrame(columns=cols), "D"
    grain = time_grain(items["created"])
    out = items.assign(when=_period(items["created"], grain)).groupby(
        ["step", "sub_area", "when"], observed=True).agg(
        got=("got", "sum"), weight=("weight", "sum"), checks=("covered", "size")).reset_index()
    out = out[out["checks"] > 0]
    out["coverage"] = out["got"] / out["weight"]
    return out[cols].reset_index(drop=True), grain


def weakest_sub_areas(coverage: pd.DataFrame, n: int = 3, min_checks: int = 1) -> pd.DataFrame:
    """The sub-areas with the lowest weighted coverage (most assessed first on ties)."""
    seen = coverage[(coverage["checks"] >= min_checks) & coverage["coverage"].notna()]
    return seen.sort_values(["coverage", "checks"], ascending=[True, False], kind="stable").head(n) \
        .reset_index(drop=True)


def _generic_ids(library: Library) -> set[str]:
    return {i.id for s in library.framework.steps for i in s.rubric}


def missed_items(data: ProgressData, library: Library, n: int = 10) -> pd.DataFrame:
    """The rubric items missed most often in assessed steps, with how often they were assessed.

    Generic items count across every case; a case's own items within that case.
    """
    cols = ["item", "text", "step_title", "area", "level", "weight", "cases", "assessed", "missed", "miss_rate"]
    items = data.items
    if items.empty:
        return pd.DataFrame(columns=cols)
    generic = _generic_ids(library)
    scope = pd.Series(np.where(items["item"].isin(generic), "", items["case_id"].astype(str)), index=items.index)
    grouped = items.assign(scope=scope).groupby(["scope", "step", "item", "sub_area"], observed=True).agg(
        assessed=("covered", "size"), hit=("covered", "sum")).reset_index()
    grouped = grouped[grouped["assessed"] > 0]
    grouped["missed"] = grouped["assessed"] - grouped["hit"]
    grouped = grouped[grouped["missed"] > 0]
    grouped["miss_rate"] = grouped["missed"] / grouped["assessed"]
    grouped = grouped.sort_values(["missed", "miss_rate", "item"], ascending=[False, False, True],
                                  kind="stable").head(n)
    info: dict[tuple[str, str], tuple[str, str, int, str]] = {}
    for case in library.cases.values():
        for cstep in case.steps.values():
            for item in cstep.rubric:
                info[(case.id, item.id)] = (item.text, item.level, item.weight, case.title)
    for fstep in library.framework.steps:
        for item in fstep.rubric:
            info[("", item.id)] = (item.text, item.level, item.weight, "every case")
    keys = list(zip(grouped["scope"], grouped["item"].astype(str), strict=True))
    found = [info.get(k, (k[1], "", 0, k[0])) for k in keys]
    areas = area_titles(library)
    titles = _step_titles(library)
    out = pd.DataFrame({
        "item": [k[1] for k in keys],
        "text": [f[0] for f in found],
        "step_title": grouped["step"].astype(str).map(titles).to_numpy(),
        "area": [areas.get((s, a), a) for s, a in zip(grouped["step"], grouped["sub_area"], strict=True)],
        "level": [f[1] for f in found],
        "weight": [f[2] for f in found],
        "cases": [f[3] for f in found],
        "assessed": grouped["assessed"].astype("int64").to_numpy(),
        "missed": grouped["missed"].astype("int64").to_numpy(),
        "miss_rate": grouped["miss_rate"].to_numpy(),
    })
    return out[cols].reset_index(drop=True)


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
    fit["priority"] = np.where(fit["attempts"] == 0, fit["fit"], fit["fit"] * (1.0 - fit["best"].fillna(0.0)))
    fit["tried"] = fit["attempts"] > 0
    fit = fit.sort_values(["tried", "priority", "fit"], ascending=[True, False, False], kind="stable").head(n)
    fit["case_title"] = fit.index.map({cid: c.title for cid, c in library.cases.items()})
    return fit.reset_index()[cols]
