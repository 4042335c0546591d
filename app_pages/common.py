"""Glue shared by the pages: the cached library, the store, and the active session.

The active session lives in ``st.session_state`` as a model we own (not in widget
state), so what the user typed survives widgets that are not drawn on this run.
Every change goes through ``commit`` which autosaves it to the store.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st

from workbench.analytics import best_by_case, sessions_frame
from workbench.case import Case
from workbench.ids import is_valid_session_id
from workbench.library import Library, case_folders, library_signature, load_library
from workbench.session import Session
from workbench.store import ConflictError, NotFoundError, Store, StoreError, open_store, store_url
from workbench.walkthrough import new_session, resume_after_absence
from workbench.yamlio import FileError

ACTIVE = "wb_session"
CONFLICT = "wb_conflict"
FLASH = "wb_flash"

PAGES = {
    "library": "app_pages/library.py",
    "practice": "app_pages/practice.py",
    "interview": "app_pages/interview.py",
    "candidate": "app_pages/candidate.py",
    "review": "app_pages/review.py",
    "sessions": "app_pages/sessions.py",
    "compare": "app_pages/compare.py",
    "progress": "app_pages/progress.py",
}


@st.cache_resource(show_spinner="Loading the case library…", max_entries=4)
def _library(signature: str, folders: tuple[str, ...]) -> Library:
    # cache_resource hands back the same object (no copy per rerun); the models are frozen.
    return load_library([Path(f) for f in folders])


_FULL_SCAN_S = 30.0
_signature_memo: dict[tuple[str, ...], tuple[float, tuple[int, ...], str]] = {}


def _folder_stamps(folders: list[Path]) -> tuple[int, ...]:
    return tuple(f.stat().st_mtime_ns if f.is_dir() else -1 for f in folders)


def library() -> Library:
    """The case library, reloaded when a case file changes.

    Per rerun this costs one stat per case folder, whatever the library's size: a file
    added, removed or saved by rename moves its folder's mtime. Every file is stat-ed
    again at most every 30 seconds, which catches edits made in place.
    """
    folders = case_folders()
    names = tuple(str(f) for f in folders)
    now = time.monotonic()
    stamps = _folder_stamps(folders)
    memo = _signature_memo.get(names)
    if memo is None or memo[1] != stamps or now - memo[0] > _FULL_SCAN_S:
        # A short digest, so the cache hashes a few bytes per rerun, not one entry per file.
        digest = hashlib.blake2b(repr(library_signature(folders)).encode(), digest_size=12).hexdigest()
        memo = (now, stamps, digest)
        _signature_memo[names] = memo
    return _library(memo[2], names)


@st.cache_resource(max_entries=4)
def _store(url: str) -> Store:
    return open_store(url)


def store() -> Store:
    return _store(store_url())


def active() -> Session | None:
    return st.session_state.get(ACTIVE)


def set_active(session: Session | None) -> None:
    st.session_state[ACTIVE] = session
    st.session_state.pop(CONFLICT, None)
    if session is None:
        st.query_params.pop("session", None)
    else:
        st.query_params["session"] = session.id


def flash(message: str, kind: str = "success") -> None:
    """A message shown once on the next run (survives a page switch)."""
    st.session_state[FLASH] = (kind, message)


def show_flash() -> None:
    item = st.session_state.pop(FLASH, None)
    if item:
        kind, message = item
        getattr(st, kind)(message)


def commit(session: Session) -> bool:
    """Autosave: write the session to the store now; report a conflict instead of overwriting."""
    try:
        store().save(session)
    except ConflictError as exc:
        st.session_state[CONFLICT] = str(exc)
        return False
    except (StoreError, OSError) as exc:
        st.session_state[CONFLICT] = f"could not save to the store: {exc}"
        return False
    st.session_state.pop(CONFLICT, None)
    return True


def mutate(fn: Callable[..., object], *args: object) -> Callable[[], None]:
    """A widget callback that applies ``fn(session, *args)`` and autosaves if it changed."""

    def _cb() -> None:
        session = active()
        if session is None:
            return
        changed = fn(session, *args)
        if changed is not False and changed is not None:  # False or None: nothing changed, nothing to save
            commit(session)

    return _cb


def resolve_session(require: bool = True) -> Session | None:
    """The session named by ``?session=`` (loaded from the store) or the one in state.

    Keeps the URL in step with the active session, so a refresh or a shared link
    comes back to it.
    """
    wanted = st.query_params.get("session")
    current = active()
    if wanted and (current is None or current.id != wanted):
        if not is_valid_session_id(wanted):
            st.error("The link names a session id that is not valid.")
            st.query_params.pop("session", None)
        else:
            try:
                loaded = store().load(wanted)
            except NotFoundError:
                st.error("No saved session matches this link. It may have been deleted.")
                st.query_params.pop("session", None)
            except FileError as exc:
                st.error("The saved session could not be read:\n\n" + "\n\n".join(map(str, exc.problems)))
                st.query_params.pop("session", None)
            else:
                resume_after_absence(loaded)
                replace_active(loaded)
                current = loaded
    elif current is not None and not wanted:
        st.query_params["session"] = current.id
    if current is None and require:
        st.info("No session is open. Start one from the **Library**, or open a saved one from **Sessions**.")
        st.page_link(PAGES["library"], label="Go to the library", icon=":material/menu_book:")
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
            loaded = store().load(session.id)
            replace_active(loaded)  # new widget keys, so the discarded text does not linger
            st.rerun()
        if c2.button("Keep mine (overwrite the saved version)", key="conflict-force"):
            store().save(session, force=True)
            st.session_state.pop(CONFLICT, None)
            st.rerun()


def case_for(session: Session) -> Case | None:
    return library().cases.get(session.case.id)


def open_session(session_id: str, page: str) -> None:
    """Make a stored session active and go to a page with ``?session=`` in the URL."""
    loaded = store().load(session_id)
    resume_after_absence(loaded)
    replace_active(loaded)
    st.switch_page(PAGES[page], query_params={"session": session_id})


GENERATION = "wb_generation"
UPLOAD_PROBLEMS = "wb_upload_problems"


def widget_key(session: Session, *parts: str) -> str:
    """Widget keys carry the session id and a generation that changes when the
    session is replaced (upload, reload), so stale widget values never show."""
    gen = st.session_state.get(GENERATION, 0)
    return "-".join((session.id[:12], str(gen), *parts))


def replace_active(session: Session) -> None:
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1
    set_active(session)


def import_session_file(name: str, raw: bytes) -> Session | None:
    """Open an uploaded session file: validate it, put it in the store, make it active.

    An invalid file leaves the open session untouched and records the problems.
    A file older than the store's copy of the same session opens as a copy, so a
    stale download never overwrites newer work.
    """
    from workbench.ids import new_session_id
    from workbench.sessionfile import session_from_bytes

    try:
        session = session_from_bytes(raw, name)
    except FileError as exc:
        st.session_state[UPLOAD_PROBLEMS] = [str(p) for p in exc.problems]
        return None
    st.session_state.pop(UPLOAD_PROBLEMS, None)
    s = store()
    stored = s.stored_revision(session.id)
    note = f"Opened {name}."
    if stored is not None and stored > session.revision:
        session.id = new_session_id()
        session.revision = 0
        note = (f"Opened {name} as a copy: the store already holds a newer save of that session, "
                "which is left as it was.")
    elif stored is not None:
        session.revision = stored
    resume_after_absence(session)
    replace_active(session)
    if commit(session):
        flash(note)
    return session


def upload_callback(key: str) -> Callable[[], None]:
    def _cb() -> None:
        uploaded = st.session_state.get(key)
        if uploaded is None:
            return
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
        st.page_link(PAGES["review"], label="Review this session", query_params={"session": session.id})
        st.stop()
    return case


def library_key(lib: Library) -> str:
    """A short digest of the library's content (cases and framework) for caches keyed on it."""
    text = repr((sorted(lib.hashes.items()), lib.framework.model_dump_json()))
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


@st.cache_resource(max_entries=4, show_spinner=False)
def _best_scores(signature: str, lib_key: str, _summaries: tuple, _lib: Library) -> dict[str, tuple[int, float]]:
    return best_by_case(list(_summaries), _lib)


@st.cache_resource(max_entries=4, show_spinner=False)
def _sessions_table(signature: str, lib_key: str, _summaries: tuple, _lib: Library) -> pd.DataFrame:
    return sessions_frame(list(_summaries), _lib)


def best_scores() -> dict[str, tuple[int, float]]:
    """Case id -> (attempts, best score), recomputed only when the store or library changes."""
    snap, lib = store().snapshot(), library()
    return _best_scores(snap.signature, library_key(lib), snap.summaries, lib)


def sessions_table() -> tuple[pd.DataFrame, tuple[str, ...]]:
    """The Sessions table (shared, read-only) and the files that could not be read."""
    snap, lib = store().snapshot(), library()
    return _sessions_table(snap.signature, library_key(lib), snap.summaries, lib), snap.problems


def start_session(case: Case, mode: str = "solo", candidate: str = "", interviewer: str = "",
                  target_level: str | None = None) -> None:
    """Create a session, save it, and open the page that runs it."""
    session = new_session(case, library(), mode=mode, candidate=candidate,  # type: ignore[arg-type]
                          interviewer=interviewer, target_level=target_level)  # type: ignore[arg-type]
    replace_active(session)
    commit(session)
    st.switch_page(PAGES["practice" if mode == "solo" else "interview"], query_params={"session": session.id})
