"""The console's links: who gets which, and a way to revoke or replace each one."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

ROLES = {
    "candidate": ("Candidate's link", "for the candidate only: the prompt, the pad, facts revealed, hints given "
                  "and the clock; never the rubric, your notes or scores."),
    "reviewer": ("Reviewer's link", "for a coach or hiring-committee member: read this session and add a review, "
                 "nothing else."),
}


def show_link_panel(urls: dict[str, str | None], key: str, on_issue: Callable[[str], Callable[[], None]],
                    on_revoke: Callable[[str], Callable[[], None]]) -> None:
    """``urls`` maps each role to its live link (None: none active)."""
    with st.expander("Links to share", icon=":material/link:"):
        st.caption("Each link opens one role on this session and nothing else. A new link or a revoke "
                   "stops the old one at once, in tabs already open too.")
        for role, (title, who) in ROLES.items():
            url = urls.get(role)
            st.markdown(f"**{title}**: {who}")
            if url:
                st.code(url, language=None)
            else:
                st.caption("No link is active.")
            new, revoke = st.columns(2)
            new.button("Replace with a new link" if url else "Create a link", key=f"{key}-{role}-issue",
                       on_click=on_issue(role), icon=":material/autorenew:", width="stretch")
            revoke.button("Revoke", key=f"{key}-{role}-revoke", on_click=on_revoke(role), disabled=not url,
                          icon=":material/link_off:", width="stretch")
