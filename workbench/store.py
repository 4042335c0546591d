"""Session storage on any fsspec URL (a folder by default) with compare-and-swap saves.

One code path for local folders, ``memory://`` and object stores (``s3://`` through
s3fs). ``load_versioned`` gives a session and its version (the revision in the file);
``save(session, expected_version)`` writes only if the store still holds that version,
checked by ``workbench.backends`` (a lock file on disk, ``If-Match``/``If-None-Match``
on S3, a process-local lock elsewhere: see there for the guarantees of each). The
revision is bumped only after the write succeeded. When a save meets a newer version,
``update``/``save_merging`` re-apply the change to it (``workbench.merge``) and save again.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fsspec
from fsspec.implementations.local import LocalFileSystem

from workbench import clock
from workbench.backends import Stale, backend_for, read_revision, sweep
from workbench.ids import is_valid_session_id
from workbench.merge import Conflict, merge_sessions
from workbench.session import Session
from workbench.sessionfile import prepare_for_save, session_from_bytes, session_to_bytes
from workbench.storeerrors import ConflictError, NotFoundError, StoreError
from workbench.storeindex import INDEX_FILE, StoreSnapshot, SummaryIndex, change_key
from workbench.summary import summarize

if TYPE_CHECKING:
    from workbench.case import Framework
    from workbench.library import Library

__all__ = ["INDEX_FILE", "ConflictError", "NotFoundError", "Store", "StoreError", "StoreSnapshot",
           "UpdateResult", "Versioned", "open_store", "store_url"]

DEFAULT_STORE = "./sessions"
MERGE_ATTEMPTS = 8
RELIST_AFTER_S = 2.0  # a store is fully re-listed at least this often (edits by other tools, replicas)


def store_url() -> str:
    from workbench.settings import read  # the one place WORKBENCH_* is parsed

    return read().store or DEFAULT_STORE


@dataclass(frozen=True)
class Versioned:
    """A session as loaded, and the version (revision) a save must expect to replace it."""

    session: Session
    version: int


@dataclass
class UpdateResult:
    """What a merging save wrote: the session now stored, its version, and any true conflicts."""

    session: Session
    version: int
    conflicts: list[Conflict] = field(default_factory=list)
    merged: bool = False


@dataclass
class Store(SummaryIndex):
    """Sessions as ``<root>/<id>.yaml`` on one filesystem.

    ``framework``, when given, is checked by every load (step ids known and in order).
    ``library``, when given, also makes every save self-describing (``prepare_for_save``:
    the rubric snapshot, taken once, and the score summary) and supplies the framework.
    A long-lived store may be handed a reloaded library by assigning ``store.library``.
    """

    url: str
    framework: Framework | None = None
    storage_options: dict[str, Any] = field(default_factory=dict)
    library: Library | None = None

    def __post_init__(self) -> None:
        self.fs, self.root = fsspec.core.url_to_fs(self.url, **self.storage_options)
        self.root = self.root.rstrip("/")
        self.local = isinstance(self.fs, LocalFileSystem)
        self.fs.makedirs(self.root, exist_ok=True)
        self.backend = backend_for(self.fs, self.root, self.local)
        self.swept = sweep(self.root) if self.local else []  # temp and lock files of killed writers
        # ETag of the last version of each session this store read or wrote: a save that
        # expects that version sends it as If-Match without reading first.
        self._tokens: dict[str, tuple[int, str]] = {}
        self._entries, self._seen_listing, self._snapshot = None, None, None
        self._broken: dict[str, tuple[str, list[str]]] = {}
        self._listing_memo = None
        self._object_listing = None
        self._token = os.urandom(4).hex()
        self._generation = 0
        self._lock = threading.RLock()
        self._background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-summaries")
        self._pending: list[Future[None]] = []

    def checked_framework(self) -> Framework | None:
        """The framework every load checks step ids against (the library's when there is one)."""
        return self.library.framework if self.library is not None else self.framework

    def relist_after_s(self) -> float:
        return RELIST_AFTER_S

    def path_for(self, session_id: str) -> str:
        """The only way a path is built from an id, and only from a valid one."""
        if not is_valid_session_id(session_id):
            raise StoreError("not a valid session id")
        return f"{self.root}/{session_id}.yaml"

    def exists(self, session_id: str) -> bool:
        return is_valid_session_id(session_id) and self.fs.exists(self.path_for(session_id))

    def read_bytes(self, session_id: str) -> bytes:
        found = self.backend.read(self.path_for(session_id))
        if found is None:
            raise NotFoundError(f"no session {session_id} in the store")
        return found[0]

    def load_versioned(self, session_id: str) -> Versioned:
        """The stored session and its version; FileError if the file cannot be used."""
        found = self.backend.read(self.path_for(session_id))
        if found is None:
            raise NotFoundError(f"no session {session_id} in the store")
        session = session_from_bytes(found[0], f"{session_id}.yaml", self.checked_framework())
        if found[1]:
            self._tokens[session_id] = (session.revision, found[1])
        return Versioned(session, session.revision)

    def load(self, session_id: str) -> Session:
        return self.load_versioned(session_id).session

    def stored_revision(self, session_id: str) -> int | None:
        """The revision of the stored file (parsed, not matched), or None if there is none."""
        found = self.backend.read(self.path_for(session_id))
        return None if found is None else read_revision(found[0])

    def save(self, session: Session, expected_version: int | None = None, *, force: bool = False) -> Session:
        """Write the session as ``expected_version + 1`` if the store still holds ``expected_version``.

        ``expected_version`` defaults to ``session.revision`` (the version this tab
        loaded or last saved). A session not in the store yet is created whatever it
        expects (``If-None-Match`` on S3). On success the caller's object gets the new
        revision and ``updated_at``; on any failure it is left exactly as it was.
        ``force`` overwrites whatever is stored (the user chose "keep mine").
        """
        expected = session.revision if expected_version is None else expected_version
        path = self.path_for(session.id)
        derived = self._derived(session)
        for _ in range(MERGE_ATTEMPTS if force else 1):
            now = clock.now()
            data = session_to_bytes(session.model_copy(update={**derived, "revision": expected + 1, "updated_at": now}))
            cached = self._tokens.get(session.id)
            token = cached[1] if cached is not None and cached[0] == expected else None
            try:
                etag = self.backend.write_if(path, data, expected, token)
            except Stale as exc:
                self._tokens.pop(session.id, None)
                if force and exc.current is not None:
                    expected = exc.current
                    continue
                raise ConflictError(
                    f"this session was saved elsewhere (revision {exc.current}, this one expected "
                    f"{expected}); the change is merged into the newer version or kept for you to "
                    "compare", stored=exc.current) from None
            break
        else:
            raise ConflictError("the session kept changing while it was being overwritten")
        session.revision, session.updated_at = expected + 1, now
        for key, value in derived.items():
            setattr(session, key, value)
        self._after_write(session, data, etag)
        return session

    def _derived(self, session: Session) -> dict[str, Any]:
        """The rubric snapshot and score summary to write with the session (with a library)."""
        if self.library is None:
            return {}
        copy = session.model_copy()
        prepare_for_save(copy, self.library.cases.get(session.case.id), self.library)
        return {"rubric": copy.rubric, "score": copy.score}

    def _after_write(self, session: Session, data: bytes, etag: str) -> None:
        if etag:
            self._tokens[session.id] = (session.revision, etag)
        if not self.local:  # the summary object is a cache: written off the save's critical path
            name, key = f"{session.id}.yaml", change_key(len(data), {"ETag": etag})
            self._pending = [f for f in self._pending if not f.done()]
            self._pending.append(self._background.submit(self._write_summary, name, key, summarize(session)))
            self._object_listing = None

    def flush(self) -> None:
        """Wait for the summary objects written in the background (tests, shutdown)."""
        while self._pending:
            self._pending.pop().result()

    def _write_atomic(self, path: str, data: bytes) -> None:
        """Unconditional whole-file write, for the summary index (a cache)."""
        if not self.local:
            return self.fs.pipe_file(path, data)
        tmp = f"{path}.tmp-p{os.getpid()}-{os.urandom(4).hex()}"
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)

    def save_merging(self, mine: Session, base: Session) -> UpdateResult:
        """Save ``mine`` (an edit of ``base``); on a newer stored version, merge and save again.

        Returns the session now stored (``mine`` itself when no one else saved), its
        version and the fields both sides changed (kept both ways; see ``merge``).
        """
        candidate, expected, conflicts, merged = mine, base.revision, [], False
        for _ in range(MERGE_ATTEMPTS):
            try:
                self.save(candidate, expected)
                return UpdateResult(candidate, candidate.revision, conflicts, merged)
            except ConflictError:
                latest = self.load_versioned(mine.id)
                try:
                    result = merge_sessions(base, mine, latest.session)
                except ValueError as exc:  # the merged fields do not fit together: let a person decide
                    raise ConflictError(f"the two versions could not be merged ({exc})", latest.version) from None
                candidate, expected, conflicts, merged = result.session, latest.version, result.conflicts, True
        raise ConflictError("the session kept changing while this change was being merged")

    def update(self, session_id: str, mutator: Callable[..., Any], *args: Any,
               base: Session | None = None) -> UpdateResult:
        """Apply ``mutator(session, *args)`` and save it, re-applying on a newer version.

        With ``base`` (the version the tab shows), the change is made to a copy of it and
        merged into any newer version, so edits of the same field are reported. Without,
        the mutator is simply re-run on the latest version until a save succeeds.
        """
        if base is not None:
            mine = base.model_copy(deep=True)
            if mutator(mine, *args) in (False, None):
                return UpdateResult(base, base.revision)
            return self.save_merging(mine, base)
        for _ in range(MERGE_ATTEMPTS):
            latest = self.load_versioned(session_id)
            session = latest.session
            if mutator(session, *args) in (False, None):
                return UpdateResult(session, latest.version)
            try:
                self.save(session, latest.version)
            except ConflictError:
                continue
            return UpdateResult(session, session.revision)
        raise ConflictError("the session kept changing while this change was being saved")

    def delete(self, session_id: str) -> None:
        path = self.path_for(session_id)
        try:
            self.fs.rm_file(path)
        except FileNotFoundError:
            raise NotFoundError(f"no session {session_id} in the store") from None
        self._tokens.pop(session_id, None)
        self._object_listing = None
        with self._lock:
            entries = self._load_index()
            if entries.pop(f"{session_id}.yaml", None) is not None:
                self._write_index(entries)
                self._snapshot = None


def open_store(url: str | None = None, framework: Framework | None = None,
               storage_options: dict[str, Any] | None = None, library: Library | None = None) -> Store:
    """The store at ``url`` (default ``WORKBENCH_STORE``); sweeps files left by killed writers.

    For ``s3://`` URLs, ``WORKBENCH_S3_ENDPOINT_URL`` points s3fs at an S3-compatible
    endpoint (MinIO, moto, a private region); credentials come from the usual AWS
    variables. fsspec's own ``FSSPEC_S3_*`` variables work too.
    """
    url = url or store_url()
    options = dict(storage_options or {})
    if url.startswith(("s3://", "s3a://")):
        from workbench.settings import read

        if read().s3_endpoint_url:
            options.setdefault("endpoint_url", read().s3_endpoint_url)
    if "://" not in url:
        Path(url).expanduser().mkdir(parents=True, exist_ok=True)
    return Store(url, framework, options, library)
