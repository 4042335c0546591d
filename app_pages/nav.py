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


def role_page(role: str) -> st.Page:
    """The one page a candidate or reviewer link opens: a fresh Page each run, because
    ``st.navigation`` marks a lone page as the default, which must not leak into ``SECTIONS``."""
    script, title, path = (("app_pages/candidate.py", "Candidate view", "candidate") if role == "candidate"
                           else ("app_pages/review.py", "Review", "review"))
    return st.Page(script, title=title, url_path=path, default=True)


def runner_for(mode: str) -> st.Page:
    """The page that runs a session of this mode."""
    return INTERVIEW if mode == "interview" else PRACTICE
