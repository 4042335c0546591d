"""Every page of the app, defined once: ``app.py`` builds the navigation from these, and
every link and switch names one of them (never a path string)."""

from __future__ import annotations

import streamlit as st

LIBRARY = st.Page("app_pages/library.py", title="Library", icon=":material/menu_book:", default=True)
PRACTICE = st.Page("app_pages/practice.py", title="Practice", icon=":material/edit_note:", url_path="practice")
INTERVIEW = st.Page("app_pages/interview.py", title="Interviewer console", icon=":material/badge:",
                    url_path="interview")
SESSIONS = st.Page("app_pages/sessions.py", title="Sessions", icon=":material/folder_open:", url_path="sessions")
REVIEW = st.Page("app_pages/review.py", title="Review", icon=":material/rate_review:", url_path="review")
COMPARE = st.Page("app_pages/compare.py", title="Compare", icon=":material/compare:", url_path="compare")
PROGRESS = st.Page("app_pages/progress.py", title="Progress", icon=":material/monitoring:", url_path="progress")

SECTIONS: dict[str, list[st.Page]] = {
    "Practise": [LIBRARY, PRACTICE],
    "Interview": [INTERVIEW],
    "Review": [SESSIONS, REVIEW, COMPARE, PROGRESS],
}


PATHS = ("practice", "interview", "candidate", "sessions", "review", "compare", "progress")


def role_pages(role: str) -> list[st.Page]:
    """The navigation of a candidate or reviewer link: the role's one page under every path the
    app knows, so an edited path runs that same page (no "page not found"). Fresh Pages each run:
    ``st.navigation`` changes the default page it is given, which must not leak into ``SECTIONS``."""
    script, title = (("app_pages/candidate.py", "Candidate view") if role == "candidate"
                     else ("app_pages/review.py", "Review"))
    home = st.Page(script, title=title, url_path="link", default=True)  # served at "/"
    return [home, *(st.Page(script, title=title, url_path=p) for p in PATHS)]


def runner_for(mode: str) -> st.Page:
    """The page that runs a session of this mode."""
    return INTERVIEW if mode == "interview" else PRACTICE
