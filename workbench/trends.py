"""Trends over time for the progress page: scores and hints per attempt or per period.

A line never mixes people or scorers: with several in view, each gets its own overall line.
"""

from __future__ import annotations

import pandas as pd

from workbench.analytics import ProgressData, period, step_titles, time_grain
from workbench.library import Library


def score_timeline(data: ProgressData, library: Library, max_points: int = 150) -> tuple[pd.DataFrame, str]:
    """Coverage per step (and the session score) over time.

    Up to ``max_points`` sessions each session is a point (grain ``"session"``);
    beyond that, means per day, week or month keep the chart light.
    Columns: when, series (step title or "Overall"), coverage, attempts, label.
    """
    titles = step_titles(library)
    steps = data.steps[data.steps["coverage"].notna()]
    scored = data.sessions[data.sessions["score"].notna()]
    cols = ["when", "series", "coverage", "attempts", "label"]
    if steps.empty:
        return pd.DataFrame(columns=cols), "session"
    order = {t: n for n, t in enumerate([*titles.values(), "Overall"])}
    who = _who(data.sessions)
    if who.loc[scored.index].nunique() > 1:
        return _overall_by_who(scored, who.loc[scored.index], max_points)
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
        per = steps.assign(when=period(steps["created"], grain),
                           series=steps["step"].cat.rename_categories(titles))
        per = per.groupby(["when", "series"], as_index=False, observed=True).agg(
            coverage=("coverage", "mean"), attempts=("coverage", "size"))
        overall = scored.assign(when=period(scored["created"], grain)).groupby("when", as_index=False).agg(
            coverage=("score", "mean"), attempts=("score", "size"))
        overall["series"] = "Overall"
        out = pd.concat([per, overall], ignore_index=True)
        out["label"] = out["attempts"].map(lambda n: f"{n} attempt{'s' if n != 1 else ''}")
    out["rank"] = out["series"].map(order)
    out = out.sort_values(["rank", "when"], kind="stable")
    return out[cols].reset_index(drop=True), grain


def _who(sessions: pd.DataFrame) -> pd.Series:
    """Whose score a session's line is: the person, and who scored them (self in solo practice,
    the interviewer in an interview), so one line never mixes people or scorers."""
    scorer = sessions["mode"].astype(object).map({"interview": "interviewer"}).fillna("self")
    return sessions["person"].astype(object) + " (" + scorer + ")"


def _overall_by_who(scored: pd.DataFrame, who: pd.Series, max_points: int) -> tuple[pd.DataFrame, str]:
    """One overall line per person and scorer (step lines would be unreadable for several people)."""
    cols = ["when", "series", "coverage", "attempts", "label"]
    frame = pd.DataFrame({"created": scored["created"], "series": "Overall · " + who,
                          "coverage": scored["score"], "label": scored["case_title"]})
    if len(frame) <= max_points:
        out = frame.assign(when=frame["created"].dt.tz_convert(None), attempts=1)
        grain = "session"
    else:
        grain = time_grain(frame["created"])
        out = frame.assign(when=period(frame["created"], grain)).groupby(["when", "series"], as_index=False).agg(
            coverage=("coverage", "mean"), attempts=("coverage", "size"))
        out["label"] = out["attempts"].map(lambda n: f"{n} attempt{'s' if n != 1 else ''}")
    out = out.sort_values(["series", "when"], kind="stable")
    return out[cols].reset_index(drop=True), grain


def hint_timeline(data: ProgressData, library: Library, max_points: int = 150) -> tuple[pd.DataFrame, str]:
    """Hints revealed at each step over time: per attempt up to ``max_points`` sessions
    (grain ``"session"``, as the score chart), else the mean per day, week or month."""
    titles = step_titles(library)
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
        out = worked.assign(when=period(worked["created"], grain)).groupby(
            ["when", "step"], as_index=False, observed=True).agg(hints=("hints", "mean"),
                                                                 attempts=("hints", "size"))
    out = out.assign(series=out["step"].astype(str).map(titles), rank=out["step"].cat.codes)
    out = out.sort_values(["rank", "when"], kind="stable")
    return out[cols].reset_index(drop=True), grain
