"""Compare-and-swap writes of one file, for each kind of filesystem the store runs on.

``write_if(path, data, expected, token)`` writes ``data`` only if the stored file still
holds revision ``expected`` (or does not exist yet); otherwise it raises ``Stale``.

- **Local folders**: an ``O_EXCL`` lock file beside the session around read-check-write,
  the write itself a temp file, fsync and rename. A lock left by a dead process (same
  host) or older than ``LOCK_STALE_S`` is broken, under an ``flock`` so two processes
  never break the same lock twice.
- **S3 (s3fs)**: conditional writes checked by the store itself: ``If-Match: <etag>`` to
  replace, ``If-None-Match: *`` to create. Another replica's write in between makes the
  store answer 412 and nothing is written.
- **Anything else** (``memory://``, stores without conditional writes): the weaker mode,
  a process-local lock around read-compare-write. Safe between threads and tabs of one
  process; two processes writing the same session at the same instant can still lose one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import threading
import time
from collections.abc import Iterator
from typing import Any

import yaml

LOCK_STALE_S = 30.0  # no save holds its lock this long; a lock this old is abandoned
TEMP_STALE_S = 60.0
LOCK_WAIT_S = 10.0


class Stale(Exception):
    """The stored file is not the expected revision; ``current`` is what it holds (None if absent)."""

    def __init__(self, current: int | None):
        self.current = current
        super().__init__(f"stored revision is {current}")


def read_revision(raw: bytes) -> int | None:
    """The top-level ``revision`` of a session file, from LibYAML's event stream.

    Parsing stops as soon as the value is seen (it is the third key), so this costs
    microseconds on any size of file and works with any line endings.
    """
    depth = 0
    want_value = False
    try:
        for event in yaml.parse(raw, Loader=yaml.CSafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                want_value = False
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.ScalarEvent) and depth == 1:
                if want_value:
                    value = event.value
                    return int(value) if value.isdigit() and len(value) < 12 else None
                want_value = event.value == "revision"
            elif isinstance(event, yaml.AliasEvent):
                want_value = False
    except yaml.YAMLError:
        return None
    return None


def stored_revision(raw: bytes) -> int:
    """The revision a save must expect to replace this file: 0 when it has none (the model's default)."""
    revision = read_revision(raw)
    return 0 if revision is None else revision


def _check(current: tuple[bytes, str] | None, expected: int) -> None:
    """Raise Stale unless the file is absent (a create) or holds revision ``expected``."""
    if current is not None and stored_revision(current[0]) != expected:
        raise Stale(stored_revision(current[0]))


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _owner(name: str) -> int | None:
    """The pid in ``p<pid>`` or ``p<pid>-<random>``."""
    for part in name.split("-"):
        if part.startswith("p") and part[1:].isdigit():
            return int(part[1:])
    return None


def _lock_body(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return fh.read(64).decode("ascii", "replace")
    except FileNotFoundError:
        return None


def abandoned(path: str, stale_s: float = LOCK_STALE_S) -> bool:
    """A temp or lock file whose writer is gone: its process is dead, or it is too old.

    The owner's pid is in a temp file's name (``.tmp-p<pid>-...``) and a lock's body.
    """
    try:
        age = time.time() - os.stat(path).st_mtime
    except FileNotFoundError:
        return False
    if path.endswith(".lock"):
        body = _lock_body(path) or ""
        if not body:  # created but not written yet, or its writer died in between
            return age > 1.0
        pid = _owner(body.split(" ")[0])
    else:
        pid = _owner(os.path.basename(path).rpartition(".tmp-")[2])
    if pid is not None and pid != os.getpid() and not _pid_alive(pid):
        return True
    return age > stale_s


def sweep(root: str) -> list[str]:
    """Remove temp and lock files left by killed writers; returns what was removed."""
    removed = []
    with contextlib.suppress(FileNotFoundError), os.scandir(root) as entries:
        names = [e.name for e in entries if ".tmp-" in e.name or e.name.endswith(".lock")]
    for name in names:
        path = os.path.join(root, name)
        stale_s = TEMP_STALE_S if ".tmp-" in name else LOCK_STALE_S
        if abandoned(path, stale_s=stale_s):
            with contextlib.suppress(FileNotFoundError):
                os.remove(path)
                removed.append(name)
    return removed


class LocalFiles:
    """CAS on a local folder: lock file, read revision, temp file, fsync, rename."""

    def __init__(self, root: str) -> None:
        self.root = root

    @contextlib.contextmanager
    def locked(self, path: str) -> Iterator[None]:
        """Hold ``<path>.lock`` (created with O_EXCL; its body names the owner's pid)."""
        shared = f"{path}.lock"
        deadline = time.monotonic() + LOCK_WAIT_S
        while True:
            try:
                fd = os.open(shared, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                self._break_if_abandoned(shared)
                if time.monotonic() > deadline:
                    raise TimeoutError("another save of this session is still running") from None
                time.sleep(0.001)
                continue
            try:
                os.write(fd, f"p{os.getpid()} {time.time():.3f}\n".encode())
            finally:
                os.close(fd)
            break
        try:
            yield
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.remove(shared)

    def _break_if_abandoned(self, shared: str) -> None:
        """Remove a lock whose owner died; serialised by an flock so it happens once."""
        body = _lock_body(shared)
        if body is None or not abandoned(shared):
            return
        with open(os.path.join(self.root, ".lock-breaker"), "a") as guard:
            fcntl.flock(guard, fcntl.LOCK_EX)
            try:
                with open(shared, "rb") as fh:
                    again = fh.read(64).decode("ascii", "replace")
            except FileNotFoundError:
                return
            if again == body:  # still the abandoned lock, not a new owner's
                with contextlib.suppress(FileNotFoundError):
                    os.remove(shared)

    def read(self, path: str) -> tuple[bytes, str] | None:
        try:
            with open(path, "rb") as fh:
                return fh.read(), ""
        except FileNotFoundError:
            return None

    def write_if(self, path: str, data: bytes, expected: int, token: str | None) -> str:
        with self.locked(path):
            _check(self.read(path), expected)
            tmp = f"{path}.tmp-p{os.getpid()}-{secrets.token_hex(4)}"
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
        return ""


_PROCESS_LOCKS: dict[str, threading.Lock] = {}
_PROCESS_LOCKS_GUARD = threading.Lock()


class PlainFiles:
    """The weaker mode for stores without conditional writes: a process-local lock."""

    def __init__(self, fs: Any, root: str) -> None:
        self.fs = fs
        with _PROCESS_LOCKS_GUARD:
            self.lock = _PROCESS_LOCKS.setdefault(f"{type(fs).__name__}:{root}", threading.Lock())

    def read(self, path: str) -> tuple[bytes, str] | None:
        try:
            return self.fs.cat_file(path), ""
        except FileNotFoundError:
            return None

    def write_if(self, path: str, data: bytes, expected: int, token: str | None) -> str:
        with self.lock:
            _check(self.read(path), expected)
            self.fs.pipe_file(path, data)
        return ""


class S3Files:
    """CAS on S3 through s3fs: the store itself refuses a write whose ETag moved on."""

    def __init__(self, fs: Any) -> None:
        self.fs = fs

    def read(self, path: str) -> tuple[bytes, str] | None:
        from fsspec.asyn import sync

        async def get() -> tuple[bytes, str]:
            bucket, key, _ = self.fs.split_path(path)
            resp = await self.fs._call_s3("get_object", Bucket=bucket, Key=key)
            body = resp["Body"]
            try:
                data = await body.read()
            finally:
                body.close()
            return data, str(resp["ETag"])

        try:
            return sync(self.fs.loop, get)
        except FileNotFoundError:
            return None

    def write_if(self, path: str, data: bytes, expected: int, token: str | None) -> str:
        """``token`` is the ETag of revision ``expected`` when the caller knows it (no read then)."""
        if token is None:
            current = self.read(path)
            _check(current, expected)
            token = current[1] if current is not None else None
        condition = {"IfMatch": token} if token else {"IfNoneMatch": "*"}
        try:
            out = self.fs.pipe_file(path, data, **condition)
        except Exception as exc:  # s3fs turns 412/409 into OSError subclasses; check the cause
            if _precondition_failed(exc):
                again = self.read(path)
                raise Stale(stored_revision(again[0]) if again else None) from None
            raise
        return str((out or {}).get("ETag", ""))


def _precondition_failed(exc: BaseException) -> bool:
    """Whether S3 refused the write for its condition (412), as s3fs reports it."""
    seen: BaseException | None = exc
    while seen is not None:
        text = f"{type(seen).__name__} {seen}"
        if isinstance(seen, FileExistsError) or any(
                mark in text for mark in ("PreconditionFailed", "pre-conditions", "ConditionalRequestConflict")):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def backend_for(fs: Any, root: str, local: bool) -> LocalFiles | S3Files | PlainFiles:
    if local:
        return LocalFiles(root)
    if "s3" in (fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,)):
        return S3Files(fs)
    return PlainFiles(fs, root)
