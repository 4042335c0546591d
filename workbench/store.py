"""Session storage on any fsspec URL (a folder by default) with atomic writes.

One code path for local folders, ``memory://`` and object stores. A revision number in
every file stops a stale tab from silently overwriting a newer save.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import fsspec
from fsspec.implementations.local import LocalFileSystem
from pydantic import BaseModel, TypeAdapter, ValidationError

from workbench import clock
from workbench.ids import is_valid_session_id
from workbench.session import Session
from workbench.sessionfile import session_from_bytes, session_to_bytes
from workbench.summary import SessionSummary, summarize
from workbench.yamlio import FileError

DEFAULT_STORE = "./sessions"
INDEX_FILE = "_index.json"
INDEX_VERSION = 1
_REVISION = re.compile(rb"^revision: (\d+)$", re.MULTILINE)
RELIST_AFTER_S = 2.0  # a local folder is fully re-stat-ed at least this often (in-place edits)
_RACY_S = 1.0


class StoreError(Exception):
    """A store operation that cannot go ahead; the message is for the user."""


class ConflictError(StoreError):
    """The stored session is newer than the one being saved (another tab saved it)."""


class NotFoundError(StoreError):
    pass


def store_url() -> str:
    return os.environ.get("WORKBENCH_STORE", DEFAULT_STORE)


@dataclass
class Store:
    """Sessions as ``<root>/<id>.yaml`` on one filesystem."""

    url: str

    def __post_init__(self) -> None:
        self.fs, self.root = fsspec.core.url_to_fs(self.url)
        self.root = self.root.rstrip("/")
        self.local = isinstance(self.fs, LocalFileSystem)
        self.fs.makedirs(self.root, exist_ok=True)
        # The summary index in memory, files that could not be read (by change key), and
        # the last snapshot with the listing it was built from.
        self._entries: dict[str, IndexEntry] | None = None
        self._broken: dict[str, tuple[str, list[str]]] = {}
        self._seen_listing: dict[str, str] | None = None
        self._snapshot: StoreSnapshot | None = None
        self._listing_memo: _ListingMemo | None = None
        self._token = secrets.token_hex(4)
        self._generation = 0
        self._lock = threading.RLock()

    # -- paths ---------------------------------------------------------------
    def path_for(self, session_id: str) -> str:
        """The only way a path is built from an id, and only from a valid one."""
        if not is_valid_session_id(session_id):
            raise StoreError("not a valid session id")
        return f"{self.root}/{session_id}.yaml"

    # -- read ----------------------------------------------------------------
    def exists(self, session_id: str) -> bool:
        return is_valid_session_id(session_id) and self.fs.exists(self.path_for(session_id))

    def read_bytes(self, session_id: str) -> bytes:
        path = self.path_for(session_id)
        try:
            return self.fs.cat_file(path)
        except FileNotFoundError:
            raise NotFoundError(f"no session {session_id} in the store") from None

    def load(self, session_id: str) -> Session:
        raw = self.read_bytes(session_id)
        return session_from_bytes(raw, f"{session_id}.yaml")

    def stored_revision(self, session_id: str) -> int | None:
        """The revision in the stored file, read from its first lines only (the key order is fixed)."""
        try:
            with self.fs.open(self.path_for(session_id), "rb") as fh:
                head = fh.read(400)
        except FileNotFoundError:
            return None
        m = _REVISION.search(head)
        return int(m.group(1)) if m else None

    # -- write ---------------------------------------------------------------
    def save(self, session: Session, *, force: bool = False) -> Session:
        """Write the session as revision+1; refuse if the store holds a newer one.

        The caller's object is updated in place (revision, updated_at), so the
        same tab can keep saving without reloading.
        """
        current = self.stored_revision(session.id)
        if current is not None and current != session.revision and not force:
            raise ConflictError(
                f"this session was saved elsewhere (revision {current}, yours is "
                f"{session.revision}); reload it before saving so nothing newer is overwritten")
        session.revision = (current if current is not None else session.revision) + 1
        session.updated_at = clock.now()
        data = session_to_bytes(session)
        self._write_atomic(self.path_for(session.id), data)
        # The index is not rewritten here: a save stays O(1) however big the store is,
        # and summaries() rereads just this file because its change key moved.
        return session

    def _write_atomic(self, path: str, data: bytes) -> None:
        if self.local:
            tmp = f"{path}.tmp-{secrets.token_hex(4)}"
            try:
                with open(tmp, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.remove(tmp)
                raise
        else:  # object stores: one whole-object write is atomic
            self.fs.pipe_file(path, data)

    def delete(self, session_id: str) -> None:
        path = self.path_for(session_id)
        try:
            self.fs.rm_file(path)
        except FileNotFoundError:
            raise NotFoundError(f"no session {session_id} in the store") from None
        with self._lock:
            entries = self._load_index()
            if entries.pop(f"{session_id}.yaml", None) is not None:
                self._write_index(entries)
                self._snapshot = None

    # -- listing and the summary index ---------------------------------------
    def _listing(self) -> dict[str, str]:
        """File name -> change key (size and mtime, or an etag) for every session file."""
        if self.local:
            return self._local_listing()
        out: dict[str, str] = {}
        for info in self.fs.ls(self.root, detail=True):
            name = str(info["name"]).rsplit("/", 1)[-1]
            if not name.endswith(".yaml") or not is_valid_session_id(name[:-5]):
                continue
            stamp = info.get("mtime") or info.get("LastModified") or info.get("ETag") or info.get("created")
            out[name] = f"{info.get('size')}:{stamp}"
        return out

    def _local_listing(self) -> dict[str, str]:
        """The listing of a local folder, re-stat-ing every file only when it may have changed.

        Stat-ing 10,000 files costs 50-150 ms here, too much for every rerun. Every
        write through a Store is a rename, which moves the folder's mtime, so an
        unchanged folder mtime means no session was added, replaced or removed.
        Edits made in place by other tools do not move it, so the full scan is
        repeated anyway once it is ``RELIST_AFTER_S`` old. A folder mtime less than
        ``_RACY_S`` older than the scan is not trusted (a later change could carry
        the same coarse timestamp), as git does with its racy index entries.
        Keys match fsspec's (``size:st_mtime``) so an index written either way stays valid.
        """
        now = time.time()
        dir_mtime = os.stat(self.root).st_mtime_ns
        memo = self._listing_memo
        if (memo is not None and memo.dir_mtime_ns == dir_mtime and now - memo.scanned_at < RELIST_AFTER_S
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
                try:
                    session = session_from_bytes(self.fs.cat_file(f"{self.root}/{name}"), name)
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


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a big index is turned into objects.

    Validating 10,000 summaries allocates ~100,000 objects, and the collections that
    triggers (none of which can free anything) more than double the time taken.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _parse_index(raw: bytes) -> dict[str, IndexEntry]:
    """Entries of an index file; an unreadable or other-version file gives none (all reread)."""
    if not raw:
        return {}
    try:
        with _gc_paused():
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


def open_store(url: str | None = None) -> Store:
    url = url or store_url()
    if "://" not in url:
        Path(url).expanduser().mkdir(parents=True, exist_ok=True)
    return Store(url)
