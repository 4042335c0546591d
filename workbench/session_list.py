"""The sessions table: one row per stored session, and its filters and sorts (pure, so pages only draw)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from workbench.analytics import summary_scores
from workbench.library import Library
from workbench.summary import SessionSummary

SessionSort = Literal["Newest", "Oldest", "Score (high first)", "Score (low first)", "Case"]
SESSION_SORTS: tuple[SessionSort, ...] = ("Newest", "Oldest", "Score (high first)", "Score (low first)", "Case")
MODES = ("All", "Solo", "Interview")
STATUSES = ("All", "in progress", "completed")
# Column and direction per sort; unscored sessions go last whichever way scores run.
_ORDER: dict[str, tuple[str, bool]] = {"Newest": ("Updated", False), "Oldest": ("Updated", True),
                                       "Score (high first)": ("Score", False), "Score (low first)": ("Score", True),
                                       "Case": ("Case", True)}


def sessions_frame(summaries: Sequence[SessionSummary], library: Library) -> pd.DataFrame:
    """One row per session for the Sessions page, newest first; Score is NaN where unscored."""
    scores = summary_scores(summaries, library)
    columns = ["id", "Case", "case_id", "Mode", "Candidate", "Interviewer", "Updated", "Score", "Status", "Reviews"]
    frame = pd.DataFrame([
        (s.id, s.case_title, s.case_id, "Interview" if s.mode == "interview" else "Solo", s.candidate,
         s.interviewer, pd.Timestamp(s.updated_at), score, s.status.replace("_", " "), s.reviews)
        for s, (score, _) in zip(summaries, scores, strict=True)], columns=columns)
    frame["Score"] = frame["Score"].astype(float)
    return frame.sort_values("Updated", ascending=False, kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class SessionFilter:
    """What the sessions page asks for: words to find, a mode, a status and an order."""

    text: str = ""
    mode: str = "All"
    status: str = "All"
    sort: SessionSort = "Newest"


def filter_sessions(frame: pd.DataFrame, flt: SessionFilter) -> pd.DataFrame:
    """Rows of ``sessions_frame`` matching the text, the mode and the status, in the chosen order.

    The text matches case title, candidate, interviewer or case id, ignoring case.
    """
    view = frame
    needle = flt.text.strip().lower()
    if needle:
        hay = (view["Case"] + " " + view["Candidate"] + " " + view["Interviewer"] + " " + view["case_id"]).str.lower()
        view = view[hay.str.contains(needle, regex=False)]
    if flt.mode != "All":
        view = view[view["Mode"] == flt.mode]
    if flt.status != "All":
        view = view[view["Status"] == flt.status]
    column, ascending = _ORDER[flt.sort]
    return view.sort_values(column, ascending=ascending, kind="stable", na_position="last")
