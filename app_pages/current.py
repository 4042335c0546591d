"""The session open in this browser tab, and how every change to it is saved.

The active session lives in ``st.session_state`` as a model we own (not in widget
state), so what the user typed survives widgets that are not drawn on this run.
Every change goes through ``mutate``, the one widget callback, which autosaves it.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any

import streamlit as st

from app_pages import nav
from app_pages.auth import may_open
from app_pages.state import flash, library, show_flash, store
from components.bound_widgets import base_key
from workbench.case import Case
from workbench.ids import is_valid_session_id
from workbench.library import Library
from workbench.session import Session
from workbench.store import ConflictError, NotFoundError, StoreError
from workbench.upload import import_session
from workbench.walkthrough import new_session, resume_after_absence
from workbench.yamlio import FileError

ACTIVE = "wb_session"
CONFLICT = "wb_conflict"
GENERATION = "wb_generation"
UPLOAD_PROBLEMS = "wb_upload_problems"


def active() -> Session | None:
    return st.session_state.get(ACTIVE)


def set_active(session: Session | None) -> None:
    st.session_state[ACTIVE] = session
    st.session_state.pop(CONFLICT, None)
    if session is None:
        st.query_params.pop("session", None)
    else:
        st.query_params["session"] = session.id


def replace_active(session: Session) -> None:
    """Make another session active; widget keys change so no stale widget value shows."""
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1
    set_active(session)


def widget_key(session: Session, *parts: str) -> str:
    """Widget keys carry the session id and a generation that changes when the
    session is replaced (upload, reload), so stale widget values never show."""
    gen = st.session_state.get(GENERATION, 0)
    # Keys reach the page as CSS classes: a reviewer's link (app_pages/roles.py) shows no part of the id.
    prefix = "link" if st.session_state.get("wb_link_grant") is not None else session.id[:12]
    return "-".join((prefix, str(gen), *parts))


def widget_args(session: Session | None, widget: str | None) -> tuple[Any, ...] | None:
    """The widget's value as the callback's last argument: ``()`` for no widget, ``None`` for a
    widget of an older page.

    After an upload, a reload or a merge the keys change (``widget_key``), but Streamlit still calls
    the callbacks of the old widgets when the browser reports them late (a clock tick sent just
    then carries the whole old page): their values belong to the session before, and writing them
    into this one would undo the merge or bring back what "load the saved version" discarded.
    """
    if widget is None:
        return ()
    if session is None or not base_key(widget).startswith(widget_key(session) + "-"):
        return None
    return (st.session_state.get(widget),)


def commit(session: Session, base: Session | Callable[[], Session] | None = None) -> bool:
    """Autosave: write the session to the store now, never silently over a newer save.

    With ``base`` (the session as it was before this change, or a function that rebuilds
    it), a newer save by someone else is merged: the change is re-applied to the newer
    version and saved, and only an edit of the same field by both sides is reported
    (both texts are kept).
    """
    try:
        store().save(session)
    except ConflictError as exc:
        if base is None:
            st.session_state[CONFLICT] = str(exc)
            return False
        try:
            result = store().save_merging(session, base() if callable(base) else base)
        except (ConflictError, StoreError, OSError) as again:
            st.session_state[CONFLICT] = str(again)
            return False
        if result.merged:
            replace_active(result.session)
        if result.conflicts:
            fields = ", ".join(c.path for c in result.conflicts)
            flash(f"Someone else changed the same text at the same time ({fields}); both versions are kept "
                  "in the field, marked, for you to tidy.", "warning")
    except (StoreError, OSError) as exc:
        st.session_state[CONFLICT] = f"could not save to the store: {exc}"
        return False
    st.session_state.pop(CONFLICT, None)
    return True


def mutate(fn: Callable[..., bool], *args: Any, widget: str | None = None, **kwargs: Any) -> Callable[[], None]:
    """The one way a widget changes the session.

    Returns a callback that applies ``fn(session, *args, **kwargs)`` to the active
    session, with the widget's current value appended to ``args`` when ``widget``
    names one, and autosaves when ``fn`` reports a change (every mutator returns
    whether it changed something).
    """

    def _cb() -> None:
        session = active()
        extra = widget_args(session, widget)
        if session is None or extra is None:
            return
        # The merge base is needed only when someone else saved in between: pickling it is a
        # third of the cost of a deep copy, and it is rebuilt only then.
        frozen = pickle.dumps(session, protocol=pickle.HIGHEST_PROTOCOL)
        if fn(session, *args, *extra, **kwargs):
            commit(session, lambda: pickle.loads(frozen))  # our own bytes, written above

    return _cb


def case_for(session: Session) -> Case | None:
    return library().cases.get(session.case.id)


def _load_into_state(session_id: str) -> Session:
    loaded = store().load(session_id)
    if not may_open(loaded.people.owner, loaded.id):  # sign-in on: not theirs, not shared, not the team's
        raise NotFoundError(f"no session {session_id} in the store")
    resume_after_absence(loaded)
    replace_active(loaded)
    return loaded


def resolve_session(require: bool = True) -> Session | None:
    """The session named by ``?session=`` (loaded from the store) or the one in state.

    Keeps the URL in step with the active session, so a refresh or a shared link
    comes back to it.
    """
    wanted = st.query_params.get("session")
    current = active()
    if wanted and (current is None or current.id != wanted):
        problem = None
        if not is_valid_session_id(wanted):
            problem = "The link names a session id that is not valid."
        else:
            try:
                current = _load_into_state(wanted)
            except NotFoundError:
                problem = "No saved session matches this link. It may have been deleted."
            except FileError as exc:
                problem = "The saved session could not be read:\n\n" + "\n\n".join(map(str, exc.problems[:20]))
        if problem:
            st.error(problem)
            st.query_params.pop("session", None)
    elif current is not None and not wanted:
        st.query_params["session"] = current.id
    if current is None and require:
        st.info("No session is open. Start one from the **Library**, or open a saved one from **Sessions**.")
        st.page_link(nav.LIBRARY, label="Go to the library", icon=":material/menu_book:")
    return current


def show_conflict() -> None:
    """If the last save was refused, say so and offer both ways out."""
    message = st.session_state.get(CONFLICT)
    session = active()
    if not message or session is None:
        return
    with st.container(border=True):
        st.error(f"Not saved: {message}")
        c1, c2 = st.columns(2)
        if c1.button("Load the saved version (discard my changes)", key="conflict-reload"):
            _load_into_state(session.id)
            st.rerun()
        if c2.button("Keep mine (overwrite the saved version)", key="conflict-force"):
            store().save(session, force=True)
            st.session_state.pop(CONFLICT, None)
            st.rerun()


def open_session(session_id: str, page: st.Page) -> None:
    """Make a stored session active and go to a page with ``?session=`` in the URL."""
    _load_into_state(session_id)
    st.switch_page(page, query_params={"session": session_id})


def import_session_file(name: str, raw: bytes) -> Session | None:
    """Open an uploaded session file: validate it, save it to the store, then make it active.

    The open session is replaced only after the new one has loaded and been saved, so
    a bad file or a failed save never costs the user what they had open. A file older
    than the store's copy of the same session opens as a copy (``plan_import``).
    """
    try:
        imported = import_session(store(), name, raw, prepare=resume_after_absence)
    except FileError as exc:
        problems = [str(p) for p in exc.problems[:20]]
        if len(exc.problems) > 20:
            problems.append(f"… and {len(exc.problems) - 20} more problems")
        st.session_state[UPLOAD_PROBLEMS] = problems
        return None
    except (StoreError, OSError, ValueError) as exc:
        st.session_state[UPLOAD_PROBLEMS] = [f"{name}: could not be saved to the store ({exc})"]
        return None
    st.session_state.pop(UPLOAD_PROBLEMS, None)
    replace_active(imported.session)
    flash(imported.note)
    return imported.session


def upload_callback(key: str) -> Callable[[], None]:
    def _cb() -> None:
        uploaded = st.session_state.get(key)
        if uploaded is not None:
            import_session_file(uploaded.name, uploaded.getvalue())

    return _cb


def show_upload_problems() -> None:
    problems = st.session_state.get(UPLOAD_PROBLEMS)
    if problems:
        st.error("That file was not opened; your current session is unchanged.\n\n"
                 + "\n".join(f"- `{p}`" for p in problems))


def session_page(on_empty: Callable[[], None] | None = None) -> tuple[Session, Library]:
    """Start of every page that works on one session: flash, resolve, or stop with guidance."""
    show_flash()
    session = resolve_session()
    if session is None:
        if on_empty is not None:
            on_empty()
        st.stop()
    return session, library()


def require_case(session: Session, need: str) -> Case:
    """The session's case, or a clear message (and a way to still read it) when it is missing."""
    case = case_for(session)
    if case is None:
        st.warning(f"The case **{session.case.title}** (`{session.case.id}`) is not in this library, so {need}. "
                   "Open the session on the Review page to read it.")
        st.page_link(nav.REVIEW, label="Review this session", query_params={"session": session.id})
        st.stop()
    return case


def start_session(case: Case, mode: str = "solo", candidate: str = "", interviewer: str = "",
                  target_level: str | None = None) -> None:
    """Create a session, save it, and open the page that runs it."""
    session = new_session(case, library(), mode=mode, candidate=candidate,  # type: ignore[arg-type]
                          interviewer=interviewer, target_level=target_level)  # type: ignore[arg-type]
    replace_active(session)
    commit(session)
    st.switch_page(nav.runner_for(mode), query_params={"session": session.id})
