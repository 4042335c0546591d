"""Process-wide caches shared by the pages: the case library, the store, and the tables
built from the store's summaries; plus one-shot flash messages."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pandas as pd
import streamlit as st

from workbench.analytics import best_by_case
from workbench.library import Library, case_folders, library_signature
from workbench.librarycache import load_library_cached
from workbench.session_list import sessions_frame
from workbench.settings import read as read_settings
from workbench.store import Store, StoreSnapshot, open_store, store_url

FLASH = "wb_flash"


@st.cache_resource(show_spinner="Loading the case library…", max_entries=4)
def _library(signature: str, folders: tuple[str, ...]) -> Library:
    # cache_resource hands back the same object (no copy per rerun); the models are frozen.
    return load_library_cached([Path(f) for f in folders], read_settings().cache_dir())


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
    """The store, handed the current library so every save is self-describing (the rubric
    snapshot, taken once, and the score summary) and every load is checked against the framework."""
    s = _store(store_url())
    s.library = library()
    return s


def snapshot() -> StoreSnapshot:
    """The store's summaries this person may list: all of them unless sign-in is on."""
    from app_pages.auth import narrow

    return narrow(store().snapshot())


@st.cache_resource(max_entries=4, show_spinner=False)
def _best_scores(signature: str, lib_key: str, _summaries: tuple, _lib: Library) -> dict[str, tuple[int, float]]:
    return best_by_case(list(_summaries), _lib)


@st.cache_resource(max_entries=4, show_spinner=False)
def _sessions_table(signature: str, lib_key: str, _summaries: tuple, _lib: Library) -> pd.DataFrame:
    return sessions_frame(list(_summaries), _lib)


def best_scores() -> dict[str, tuple[int, float]]:
    """Case id -> (attempts, best score), recomputed only when the store or library changes."""
    snap, lib = snapshot(), library()
    return _best_scores(snap.signature, lib.content_key, snap.summaries, lib)


def sessions_table() -> tuple[pd.DataFrame, tuple[str, ...]]:
    """The Sessions table (shared, read-only) and the files that could not be read."""
    snap, lib = snapshot(), library()
    return _sessions_table(snap.signature, lib.content_key, snap.summaries, lib), snap.problems


def flash(message: str, kind: str = "success") -> None:
    """A message shown once on the next run (survives a page switch)."""
    st.session_state[FLASH] = (kind, message)


def show_flash() -> None:
    item = st.session_state.pop(FLASH, None)
    if item:
        kind, message = item
        getattr(st, kind)(message)
