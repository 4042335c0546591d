"""The parsed case library kept on disk between processes.

Reading and checking sixty-odd YAML case files takes over half a second, paid by every
server process on its first page (and by every cold start of the progress page). A
library that loaded without a problem is written here as JSON and validated back through
the same models, which takes a tenth of that.

The key is a digest of the bytes of every case file and of the framework, of the
folders' paths, and of the code that reads them (every ``workbench/*.py`` and the units
file), so an edited case, a new release or a change of folders misses and reparses.
A library with any problem is never cached, so its messages are always fresh. Any
failure to read or write the cache falls back to parsing: the cache can only save time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from workbench.case import Case, Framework
from workbench.library import FRAMEWORK_FILE, Library, case_files, load_library

CACHE_VERSION = 1
KEEP = 8  # cached libraries kept per folder (one per combination of files and code seen lately)
_CODE = Path(__file__).resolve().parent


class _Cached(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str
    framework: Framework
    cases: dict[str, Case]
    paths: dict[str, str]
    hashes: dict[str, str]


_ADAPTER = TypeAdapter(_Cached)


@cache
def _code_digest() -> str:
    """The code that turns files into a library: a new release never reads an old cache."""
    h = hashlib.blake2b(digest_size=16)
    for path in sorted([*_CODE.glob("*.py"), *_CODE.glob("*.txt")]):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def cache_key(folders: list[Path]) -> str:
    """A digest of everything the library is built from; OSError if a file cannot be read."""
    h = hashlib.blake2b(f"v{CACHE_VERSION}:{_code_digest()}".encode(), digest_size=16)
    for folder in folders:
        h.update(str(folder.resolve()).encode() + b"\0")
        files = [folder / FRAMEWORK_FILE] if folder == folders[0] else []
        for path in [*files, *(case_files(folder) if folder.is_dir() else [])]:
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def load_library_cached(folders: list[Path], cache_dir: Path | None) -> Library:
    """``load_library(folders)``, from ``cache_dir`` when the same files were loaded before."""
    if cache_dir is None:
        return load_library(folders)
    try:
        key = cache_key(folders)
    except OSError:
        return load_library(folders)  # a file vanished or cannot be read: the loader reports it
    path = cache_dir / f"library-{key}.json"
    try:
        cached = _ADAPTER.validate_json(path.read_bytes())
        if cached.key == key:
            return Library(framework=cached.framework, cases=cached.cases, paths=cached.paths, hashes=cached.hashes)
    except (OSError, ValidationError):
        pass
    lib = load_library(folders)
    if not lib.problems:
        _write(path, _ADAPTER.dump_json(_Cached(key=key, framework=lib.framework, cases=lib.cases,
                                                 paths=lib.paths, hashes=lib.hashes)))
    return lib


def _write(path: Path, data: bytes) -> None:
    """Whole file or nothing (temporary file and rename); a read-only home only costs the saving."""
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}-{os.urandom(4).hex()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
        older = sorted(path.parent.glob("library-*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for stale in older[KEEP:]:
            stale.unlink(missing_ok=True)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
