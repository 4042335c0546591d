"""Two writers on one session: the candidate's pad and the interviewer's console.

Both save through ``Store.update`` with the version they last read as the base, so a write
that meets a newer version is merged into it (``workbench.merge``) instead of raising a
conflict prompt. Edits of different fields simply land; the same field edited on both
sides keeps both texts, and ``show_merge_notice`` says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from app_pages import current as c
from app_pages.state import store
from workbench.session import Session
from workbench.store import StoreError
from workbench.yamlio import FileError

# Seconds between the console's looks at the store for the candidate's writes: a look that finds no
# new revision reads one small file, and the pad then shows within about 2 s (a tick plus a draw).
FOLLOW_S = 1
NOTICE = "wb_merge_notice"
QUOTED = "wb_quoted"


def merged_write(base: Session, fn: Callable[..., bool], *args: Any, **kwargs: Any) -> Session:
    """Apply ``fn`` to a copy of ``base`` and save it, merged into whatever is stored now.

    Returns the session as saved (``base`` itself when nothing changed or the save failed).
    """
    try:
        result = store().update(base.id, lambda s: fn(s, *args, **kwargs), base=base)
    except (StoreError, OSError) as exc:
        st.session_state[NOTICE] = f"Not saved: {exc}. Try again in a moment."
        return base
    if result.conflicts:
        where = ", ".join(sorted({str(x.path) for x in result.conflicts}))
        st.session_state[NOTICE] = (f"This was also changed in another window at the same time ({where}). "
                                    "Both versions are kept, one after the other: tidy up the text.")
    return result.session


def show_merge_notice() -> None:
    message = st.session_state.pop(NOTICE, None)
    if message:
        st.warning(message, icon=":material/merge:")


def merging_mutate(fn: Callable[..., bool], *args: Any, widget: str | None = None,
                   **kwargs: Any) -> Callable[[], None]:
    """``current.mutate`` for a session someone else writes at the same time (the console's)."""

    def _cb() -> None:
        session = c.active()
        extra = c.widget_args(session, widget)
        if session is None or extra is None:
            return
        st.session_state[c.ACTIVE] = merged_write(session, fn, *args, *extra, **kwargs)

    return _cb


def quote(fn: Callable[..., bool], *args: Any) -> Callable[[], None]:
    """A quote button's callback: merged like any console write, then the whole console redraws."""
    inner = merging_mutate(fn, *args)

    def _cb() -> None:
        inner()
        st.session_state[QUOTED] = True

    return _cb


def refresh_active() -> Session | None:
    """The console's session, reloaded if the store holds a newer version (the candidate wrote)."""
    session = c.active()
    if session is None:
        return None
    try:
        stored = store().stored_revision(session.id)
        if stored is not None and stored > session.revision:
            session = store().load(session.id)
            st.session_state[c.ACTIVE] = session
    except (StoreError, FileError, OSError, ValueError):
        pass  # the console keeps what it has; the next tick tries again
    return session
