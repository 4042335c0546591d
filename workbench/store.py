"""Session storage on any fsspec URL (a folder by default) with atomic writes.

One code path for local folders, ``memory://`` and object stores. A revision number in
every file stops a stale tab from silently overwriting a newer save.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import fsspec
from fsspec.implementations.local import LocalFileSystem

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
        self._index: dict[str, Any] | None = None

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
        try:
            head = self.read_bytes(session_id)[:400]
        except NotFoundError:
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
        index = self._load_index()
        if index["entries"].pop(f"{session_id}.yaml", None) is not None:
            self._write_index(index)

    # -- listing and the summary index ---------------------------------------
    def _listing(self) -> dict[str, str]:
        """File name -> change key (size and mtime, or an etag) for every session file."""
        out: dict[str, str] = {}
        for info in self.fs.ls(self.root, detail=True):
            name = str(info["name"]).rsplit("/", 1)[-1]
            if not name.endswith(".yaml") or not is_valid_session_id(name[:-5]):
                continue
            stamp = info.get("mtime") or info.get("LastModified") or info.get("ETag") or info.get("created")
            out[name] = f"{info.get('size')}:{stamp}"
        return out

    def _index_path(self) -> str:
        return f"{self.root}/{INDEX_FILE}"

    def _load_index(self) -> dict[str, Any]:
        if self._index is None:
            try:
                data = json.loads(self.fs.cat_file(self._index_path()))
                if data.get("version") != INDEX_VERSION:
                    raise ValueError
                self._index = data
            except (FileNotFoundError, ValueError, json.JSONDecodeError):
                self._index = {"version": INDEX_VERSION, "entries": {}}
        return self._index

    def _write_index(self, index: dict[str, Any]) -> None:
        self._write_atomic(self._index_path(), json.dumps(index, separators=(",", ":")).encode())

    def summaries(self) -> tuple[list[SessionSummary], list[str]]:
        """Summaries of every session, rereading only files that changed since indexed.

        Returns the summaries and a list of problems (files that could not be read).
        """
        index = self._load_index()
        entries: dict[str, Any] = index["entries"]
        listing = self._listing()
        changed = False
        problems: list[str] = []
        for name in list(entries):
            if name not in listing:
                del entries[name]
                changed = True
        for name, key in listing.items():
            entry = entries.get(name)
            if entry is not None and entry.get("key") == key:
                continue
            try:
                session = session_from_bytes(self.fs.cat_file(f"{self.root}/{name}"), name)
            except FileError as exc:
                problems.extend(str(p) for p in exc.problems)
                entries.pop(name, None)
                continue
            entries[name] = {"key": key, "summary": summarize(session).model_dump(mode="json")}
            changed = True
        if changed:
            self._write_index(index)
        out = [SessionSummary.model_validate(e["summary"]) for e in entries.values()]
        return out, problems

    def index_signature(self) -> tuple[tuple[str, str], ...]:
        """Cheap fingerprint of the store for caches: file names and change keys."""
        return tuple(sorted(self._listing().items()))


def open_store(url: str | None = None) -> Store:
    url = url or store_url()
    if "://" not in url:
        Path(url).expanduser().mkdir(parents=True, exist_ok=True)
    return Store(url)
