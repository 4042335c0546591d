"""The summary index of a store: one summary per session, reread only when its file changed.

Local folders keep the summaries in ``_index.json``, a cache any process may rewrite
(a lost update only means a file is reread). Object stores also get a small summary
object per session (``_summaries/<id>.json``, written with each save), so a replica
that meets a changed session reads a few hundred bytes instead of the whole file, and
no single object is the shared truth that concurrent writers fight over. The listing
of an object store is cached for ``store.RELIST_AFTER_S`` between reruns.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from workbench.gcpause import gc_paused
from workbench.ids import is_valid_session_id
from workbench.sessionfile import session_from_bytes
from workbench.summary import SessionSummary, summarize
from workbench.yamlio import FileError

INDEX_FILE = "_index.json"
SUMMARY_DIR = "_summaries"
INDEX_VERSION = 2  # 2: step summaries carry estimate verdicts
_RACY_S = 1.0


def _versioned(key: str) -> str:
    """A summary object's key names the summary format too, so an older one is rebuilt."""
    return f"v{INDEX_VERSION}:{key}"


class SummaryIndex:
    """Mixin for ``Store``: needs ``fs``, ``root``, ``local``, ``checked_framework`` and ``_lock``."""

    fs: Any
    root: str
    local: bool
    _listing_memo: Any
    _object_listing: tuple[float, dict[str, str]] | None

    def relist_after_s(self) -> float:
        raise NotImplementedError

    def checked_framework(self) -> Any:
        raise NotImplementedError

    def _listing(self) -> dict[str, str]:
        """File name -> change key (size and mtime, or an etag) for every session file."""
        if self.local:
            return self._local_listing()
        memo = self._object_listing
        if memo is not None and time.monotonic() - memo[0] < self.relist_after_s():
            return memo[1]  # cached between reruns; our own writes clear it
        out: dict[str, str] = {}
        try:
            infos = self.fs.ls(self.root, detail=True, refresh=True)
        except FileNotFoundError:  # a fresh bucket or prefix: no object yet, so no session
            infos = []
        for info in infos:
            name = str(info["name"]).rsplit("/", 1)[-1]
            if not name.endswith(".yaml") or not is_valid_session_id(name[:-5]):
                continue
            out[name] = change_key(info.get("size"), info)
        self._object_listing = (time.monotonic(), out)
        return out

    def _summary_path(self, name: str) -> str:
        return f"{self.root}/{SUMMARY_DIR}/{name[:-5]}.json"

    def _write_summary(self, name: str, key: str, summary: SessionSummary) -> None:
        """The per-session summary object beside an object-store session (best effort: a cache)."""
        body = json.dumps({"key": _versioned(key), "summary": summary.model_dump(mode="json")}).encode()
        with contextlib.suppress(OSError):
            self.fs.pipe_file(self._summary_path(name), body)

    def _read_summary(self, name: str, key: str) -> SessionSummary | None:
        """The summary object for ``name`` if it was written for this very version of the file."""
        try:
            entry = IndexEntry.model_validate_json(self.fs.cat_file(self._summary_path(name)))
        except (OSError, ValidationError):
            return None
        return entry.summary if entry.key == _versioned(key) else None

    def _local_listing(self) -> dict[str, str]:
        """The listing of a local folder, re-stat-ing every file only when it may have changed.

        Stat-ing 10,000 files costs 50-150 ms here, too much for every rerun. Every
        write through a Store is a rename, which moves the folder's mtime, so an
        unchanged folder mtime means no session was added, replaced or removed.
        Edits made in place by other tools do not move it, so the full scan is
        repeated anyway once it is ``store.RELIST_AFTER_S`` old. A folder mtime less than
        ``_RACY_S`` older than the scan is not trusted (a later change could carry
        the same coarse timestamp), as git does with its racy index entries.
        Keys match fsspec's (``size:st_mtime``) so an index written either way stays valid.
        """
        now = time.time()
        dir_mtime = os.stat(self.root).st_mtime_ns
        memo = self._listing_memo
        if (memo is not None and memo.dir_mtime_ns == dir_mtime and now - memo.scanned_at < self.relist_after_s()
                and memo.scanned_at - dir_mtime / 1e9 >= _RACY_S):
            return memo.listing
        out: dict[str, str] = {}
        with os.scandir(self.root) as entries:
            for entry in entries:
                name = entry.name
                if not name.endswith(".yaml") or not is_valid_session_id(name[:-5]):
                    continue
                try:
                    st = entry.stat(follow_symlinks=False)
                    size = entry.stat().st_size if entry.is_symlink() else st.st_size
                except OSError:  # removed while listing
                    continue
                out[name] = f"{size}:{st.st_mtime}"
        self._listing_memo = _ListingMemo(dir_mtime, now, out)
        return out

    def _index_path(self) -> str:
        return f"{self.root}/{INDEX_FILE}"

    def _load_index(self) -> dict[str, IndexEntry]:
        """The index entries by file name, read from the store once per process.

        The whole file is parsed and validated in one pass (pydantic's JSON parser
        is about twice as fast as ``json.loads`` plus validating each summary);
        entries that no longer fit the model are dropped so their files are reread.
        """
        if self._entries is None:
            try:
                raw = self.fs.cat_file(self._index_path())
            except FileNotFoundError:
                raw = b""
            self._entries = _parse_index(raw)
        return self._entries

    def _write_index(self, entries: dict[str, IndexEntry]) -> None:
        data = _INDEX_FILE.dump_json(_IndexFile.model_construct(version=INDEX_VERSION, entries=entries))
        self._write_atomic(self._index_path(), data)
        self._listing_memo = None  # our own rename moved the folder mtime: rescan next time

    def summaries(self) -> tuple[list[SessionSummary], list[str]]:
        """Summaries of every session, rereading only files that changed since indexed.

        Returns the summaries and a list of problems (files that could not be read).
        The summary objects are shared between calls (that is what makes a rerun
        cheap): treat them as read-only.
        """
        snap = self.snapshot()
        return list(snap.summaries), list(snap.problems)

    def snapshot(self) -> StoreSnapshot:
        """The summaries with a signature that changes whenever any of them does.

        When nothing changed since the last call this returns the same object, so a
        page can key its caches on ``signature`` without hashing 10,000 summaries.
        """
        with self._lock:
            entries = self._load_index()
            listing = self._listing()
            if listing is self._seen_listing and self._snapshot is not None:
                return self._snapshot  # the folder is unchanged since the last call
            write = False  # the index file needs rewriting
            moved = self._snapshot is None  # the snapshot needs rebuilding
            for name in [n for n in entries if n not in listing]:
                del entries[name]
                write = True
            for name in [n for n, (key, _) in self._broken.items() if listing.get(n) != key]:
                del self._broken[name]
                moved = True
            for name, key in listing.items():
                entry = entries.get(name)
                if (entry is not None and entry.key == key) or name in self._broken:
                    continue
                summary = None if self.local else self._read_summary(name, key)
                if summary is not None:
                    entries[name] = IndexEntry(key=key, summary=summary)
                    write = True
                    continue
                try:
                    raw = self.fs.cat_file(f"{self.root}/{name}")
                    session = session_from_bytes(raw, name, self.checked_framework())
                except FileError as exc:
                    # Remembered by change key, so a broken file is reported every time
                    # but reread only when it changes.
                    self._broken[name] = (key, [str(p) for p in exc.problems])
                    if entries.pop(name, None) is not None:
                        write = True
                    moved = True
                    continue
                entries[name] = IndexEntry(key=key, summary=summarize(session))
                write = True
            if write:
                self._write_index(entries)
            if write or moved:
                self._generation += 1
                self._snapshot = StoreSnapshot(
                    signature=f"{self._token}:{self._generation}",
                    summaries=tuple(e.summary for e in entries.values()),
                    problems=tuple(p for _, problems in self._broken.values() for p in problems),
                )
            self._seen_listing = listing
            return self._snapshot


def change_key(size: Any, info: dict[str, Any]) -> str:
    """What changes whenever a file does: size with its ETag (object stores) or mtime."""
    stamp = info.get("ETag") or info.get("mtime") or info.get("LastModified") or info.get("created")
    return f"{size}:{stamp}"


@dataclass(frozen=True)
class StoreSnapshot:
    """Every session summary at one moment, and a signature naming that moment."""

    signature: str
    summaries: tuple[SessionSummary, ...]
    problems: tuple[str, ...]


@dataclass(frozen=True)
class _ListingMemo:
    dir_mtime_ns: int
    scanned_at: float
    listing: dict[str, str]


class IndexEntry(BaseModel):
    """One line of the summary index: the file's change key and its summary."""

    key: str
    summary: SessionSummary


class _IndexFile(BaseModel):
    version: int
    entries: dict[str, IndexEntry]


_INDEX_FILE = TypeAdapter(_IndexFile)
_LOOSE_INDEX = TypeAdapter(dict[str, Any])


def _parse_index(raw: bytes) -> dict[str, IndexEntry]:
    """Entries of an index file; an unreadable or other-version file gives none (all reread)."""
    if not raw:
        return {}
    try:
        with gc_paused():  # ~100,000 objects: see workbench.gcpause
            parsed = _INDEX_FILE.validate_json(raw)
        return parsed.entries if parsed.version == INDEX_VERSION else {}
    except ValidationError:
        pass
    try:  # slow path: keep the entries that still fit, drop the rest
        data = _LOOSE_INDEX.validate_json(raw)
    except ValidationError:
        return {}
    if data.get("version") != INDEX_VERSION or not isinstance(data.get("entries"), dict):
        return {}
    out: dict[str, IndexEntry] = {}
    for name, entry in data["entries"].items():
        try:
            out[name] = IndexEntry.model_validate(entry)
        except ValidationError:
            continue
    return out


