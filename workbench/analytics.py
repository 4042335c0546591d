"""Aggregations over session summaries (pandas), for the library, sessions and progress pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from workbench.case import LEVELS
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

    ``sessions``: one row per session, indexed 0..n-1 (``score`` is the weighted
    coverage of the whole rubric by the counting party's ticks, NaN when the case is
    not in the library). ``steps``: one row per (session, step), ``row`` pointing
    into ``sessions``; ``coverage`` only where the step was assessed (checked or
    rated). ``items``: one row per rubric item of every assessed step, ``covered``
    True when the counting party ticked it. Person, mode and creation time are
    repeated on every frame so a filter is a mask, not a join. Treat as read-only:
    the page shares one copy between reruns and users.
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


def _cat(codes: np.ndarray, categories: Sequence[str]) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, categories=pd.Index(list(categories), dtype=object))


def _codes(values: Sequence[str], categories: dict[str, int]) -> np.ndarray:
    return np.fromiter((categories.get(v, -1) for v in values), dtype="int64", count=len(values))


def progress_data(summaries: Sequence[SessionSummary], library: Library,
                  rubric: pd.DataFrame | None = None) -> ProgressData:
    """Build the long frames once per store state (the page caches the result).

    Strings become categorical codes and the rubric is laid out as arrays, so
    10,000 sessions take a fraction of a second rather than several.
    """
    rubric = rubric_frame(library) if rubric is None else rubric
    step_ids = library.framework.step_ids
    step_code = {s: n for n, s in enumerate(step_ids)}
    case_ids = sorted(library.cases) + sorted({s.case_id for s in summaries} - set(library.cases))
    case_code = {c: n for n, c in enumerate(case_ids)}
    n_lib = len(library.cases)

    people = [s.candidate or UNNAMED for s in summaries]
    modes = [s.mode for s in summaries]
    person_cats = sorted(set(people))
    mode_cats = sorted(set(modes))
    s_case = _codes([s.case_id for s in summaries], case_code)
    sessions = pd.DataFrame({
        "session": [s.id for s in summaries],
        "case_id": _cat(s_case, case_ids),
        "case_title": [s.case_title for s in summaries],
        "mode": _cat(_codes(modes, {m: n for n, m in enumerate(mode_cats)}), mode_cats),
        "person": _cat(_codes(people, {p: n for n, p in enumerate(person_cats)}), person_cats),
        "interviewer": [s.interviewer for s in summaries],
        "status": [s.status for s in summaries],
        "created": _utc([s.created_at for s in summaries]),
    })
    sessions["in_library"] = s_case < n_lib

    # Steps: one row each, with the budget and rubric weight of its (case, step).
    flat = [(n, st) for n, s in enumerate(summaries) for st in s.steps]
    row = np.fromiter((n for n, _ in flat), dtype="int64", count=len(flat))
    t_step = _codes([st.id for _, st in flat], step_code)
    t_case = s_case[row]
    budget = np.full((len(case_ids) + 1, len(step_ids) + 1), np.nan)
    total = np.full_like(budget, np.nan)
    for cid, case in library.cases.items():
        for sid in step_ids:
            if sid in case.steps:
                budget[case_code[cid], step_code[sid]] = library.step_budget_s(case, sid)
    for (cid, sid), weight in rubric.groupby(["case_id", "step"])["weight"].sum().items():
        if cid in case_code and sid in step_code:
            total[case_code[cid], step_code[sid]] = weight
    steps = pd.DataFrame({
        "row": row,
        "step": _cat(t_step, step_ids),
        "case_id": _cat(t_case, case_ids),
        "time_spent_s": np.fromiter((st.time_spent_s for _, st in flat), dtype="int64", count=len(flat)),
        "hints": np.fromiter((st.hints for _, st in flat), dtype="int64", count=len(flat)),
        "assessed": np.fromiter((st.checked or st.rating is not None for _, st in flat), dtype=bool,
                                count=len(flat)),
        "budget_s": budget[t_case, t_step],
        "total": total[t_case, t_step],
    })

    # Rubric as arrays sorted by (case, step): item k of (c, s) sits at start[c, s] + k.
    r = rubric[rubric["case_id"].isin(case_code) & rubric["step"].isin(step_code)]
    r = r.assign(c=r["case_id"].map(case_code), s=r["step"].map(step_code)).sort_values(["c", "s"], kind="stable")
    item_cats = list(dict.fromkeys(r["item"]))
    item_code = {i: n for n, i in enumerate(item_cats)}
    area_values = r["sub_area"].replace("", OTHER_AREA)
    area_cats = list(dict.fromkeys(area_values))
    r_item = _codes(list(r["item"]), item_code)
    r_area = _codes(list(area_values), {a: n for n, a in enumerate(area_cats)})
    r_level = _codes(list(r["level"]), {lv: n for n, lv in enumerate(LEVELS)})
    r_weight = r["weight"].to_numpy(dtype="int64")
    count = np.zeros_like(budget, dtype="int64")
    np.add.at(count, (r["c"].to_numpy(), r["s"].to_numpy()), 1)
    start = (np.cumsum(count.ravel()) - count.ravel()).reshape(count.shape)

    # Items of assessed steps, each flagged covered when its (step row, item) was ticked.
    keys = np.flatnonzero(steps["assessed"].to_numpy())
    per = count[t_case[keys], t_step[keys]]
    key = np.repeat(keys, per)
    offset = np.arange(len(key)) - np.repeat(np.cumsum(per) - per, per)
    pos = np.repeat(start[t_case[keys], t_step[keys]], per) + offset
    width = len(item_cats) + 1
    ticked = np.fromiter((k * width + item_code[i] for k, (_, st) in enumerate(flat) for i in st.covered
                          if i in item_code), dtype="int64")
    covered = np.isin(key * width + r_item[pos], ticked)
    got = r_weight[pos] * covered
    items = pd.DataFrame({
        "key": key,
        "row": row[key],
        "case_id": _cat(t_case[key], case_ids),
        "step": _cat(t_step[key], step_ids),
        "item": _cat(r_item[pos], item_cats),
        "sub_area": _cat(r_area[pos], area_cats),
        "level": _cat(r_level[pos], LEVELS),
        "weight": r_weight[pos],
        "covered": covered,
        "got": got,
    })

    steps["got"] = np.bincount(key, weights=got, minlength=len(steps))
    steps["coverage"] = (steps["got"] / steps["total"]).where(steps["assessed"])
    s_got = np.bincount(row, weights=steps["got"].to_numpy(), minlength=len(sessions))
    s_total = np.bincount(row, weights=steps["total"].fillna(0).to_numpy(), minlength=len(sessions))
    with np.errstate(invalid="ignore", divide="ignore"):
        sessions["score"] = np.where(sessions["in_library"] & (s_total > 0), s_got / s_total, np.nan)
    for frame in (steps, items):
        frame["person"] = _cat(sessions["person"].cat.codes.to_numpy()[frame["row"].to_numpy()], person_cats)
        frame["mode"] = _cat(sessions["mode"].cat.codes.to_numpy()[frame["row"].to_numpy()], mode_cats)
        frame["created"] = sessions["created"].array.take(frame["row"].to_numpy())
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
    if len(scored) <= max_points:
        per = pd.DataFrame({"when": steps["created"].dt.tz_convert(None),
                            "series": steps["step"].cat.rename_categories(titles).astype(object),
                            "coverage": steps["coverage"], "attempts": 1, "row": steps["row"]})
        overall = pd.DataFrame({"when": scored["created"].dt.tz_convert(None), "series": "Overall",
                                "coverage": scored["score"], "attempts": 1, "row": scored.index})
        out = pd.concat([per, overall], ignore_index=True)
        out["label"] = out["row"].map(data.sessions["case_title"])
        grain = "session"
    else:
        grain = time_grain(scored["created"])
        per = steps.assign(when=_period(steps["created"], grain),
                           series=steps["step"].cat.rename_categories(titles))
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


def hint_timeline(data: ProgressData, library: Library, max_points: int = 150) -> tuple[pd.DataFrame, str]:
    """Hints revealed at each step over time: per attempt up to ``max_points`` sessions
    (grain ``"session"``, as the score chart), else the mean per day, week or month."""
    titles = _step_titles(library)
    worked = data.steps[data.steps["time_spent_s"] > 0]
    cols = ["when", "series", "hints", "attempts"]
    if worked.empty:
        return pd.DataFrame(columns=cols), "session"
    if worked["row"].nunique() <= max_points:
        grain = "session"
        out = worked.assign(when=worked["created"].dt.tz_convert(None), attempts=1)[["when", "step", "hints",
                                                                                    "attempts"]]
    else:
        grain = time_grain(worked["created"])
        out = worked.assign(when=_period(worked["created"], grain)).groupby(
            ["when", "step"], as_index=False, observed=True).agg(hints=("hints", "mean"),
                                                                 attempts=("hints", "size"))
    out = out.assign(series=out["step"].astype(str).map(titles), rank=out["step"].cat.codes)
    out = out.sort_values(["rank", "when"], kind="stable")
    return out[cols].reset_index(drop=True), grain


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
    """The sub-areas with the lowest weighted coverage (most assessed first on ties).

    Only sub-areas where something was missed qualify: a fully covered area is not weak.
    """
    seen = coverage[(coverage["checks"] >= min_checks) & coverage["coverage"].notna() & (coverage["missed"] > 0)]
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
    item_ids = list(items["item"].cat.categories)
    case_ids = list(items["case_id"].cat.categories)
    item_codes = items["item"].cat.codes.to_numpy()
    is_generic = np.array([i in generic for i in item_ids], dtype=bool)
    scope = np.where(is_generic[item_codes], -1, items["case_id"].cat.codes.to_numpy())
    grouped = pd.DataFrame({"scope": scope, "item": item_codes, "covered": items["covered"].to_numpy()}).groupby(
        ["scope", "item"]).agg(assessed=("covered", "size"), hit=("covered", "sum")).reset_index()
    grouped["missed"] = grouped["assessed"] - grouped["hit"]
    grouped = grouped[grouped["missed"] > 0]
    grouped["miss_rate"] = grouped["missed"] / grouped["assessed"]
    grouped["item_id"] = [item_ids[i] for i in grouped["item"]]
    grouped = grouped.sort_values(["missed", "miss_rate", "item_id"], ascending=[False, False, True],
                                  kind="stable").head(n)
    areas = area_titles(library)
    titles = _step_titles(library)
    info: dict[tuple[str, str], tuple[str, str, int, str, str, str]] = {}
    for fstep in library.framework.steps:
        for item in fstep.rubric:
            info[("", item.id)] = (item.text, item.level, item.weight, "every case", fstep.id,
                                   item.sub_area or OTHER_AREA)
    for case in library.cases.values():
        for sid, cstep in case.steps.items():
            for item in cstep.rubric:
                info[(case.id, item.id)] = (item.text, item.level, item.weight, case.title, sid,
                                            item.sub_area or OTHER_AREA)
    keys = [("" if sc < 0 else case_ids[sc], iid) for sc, iid in zip(grouped["scope"], grouped["item_id"],
                                                                       strict=True)]
    found = [info.get(k, (k[1], "", 0, k[0], "", OTHER_AREA)) for k in keys]
    out = pd.DataFrame({
        "item": [k[1] for k in keys],
        "text": [f[0] for f in found],
        "step_title": [titles.get(f[4], f[4]) for f in found],
        "area": [areas.get((f[4], f[5]), f[5]) for f in found],
        "level": [f[1] for f in found],
        "weight": [f[2] for f in found],
        "cases": [f[3] for f in found],
        "assessed": grouped["assessed"].astype("int64").to_numpy(),
        "missed": grouped["missed"].astype("int64").to_numpy(),
        "miss_rate": grouped["miss_rate"].to_numpy(),
    })
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
    fit["priority"] = np.where(fit["attempts"] == 0, fit["fit"], fit["fit"] * (1.0 - fit["best"].fillna(0.0)))
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
