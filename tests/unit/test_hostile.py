"""Hostile files: every path that reads a file refuses each one with ``file:line: message``.

The corpus is ``tests/data/hostile/`` plus big files generated here (an alias flood of
1.5 million aliases in 4.5 MB, 100,000 events, 50 MB of mappings, a 50,000-digit hex
number). Each goes through the session loader (uploads and links), the store, the
library loader (as a case file) and ``validate``; none may crash, flood the page with
messages or write anything. Time and memory are measured by ``bench/hostile.py``.
"""

from __future__ import annotations

import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.hostilefiles import CORPUS, write_big_files
from workbench.library import BUNDLED_CASES, Library, add_case_file, load_framework
from workbench.limits import MAX_ERRORS
from workbench.sessionfile import session_from_bytes
from workbench.store import open_store
from workbench.yamlio import FileError

ROOT = Path(__file__).resolve().parents[2]
SMALL = sorted(CORPUS.glob("*.yaml"))
LINE = re.compile(r"^(?P<file>[^\n]+?):(?P<line>\d+): (?P<msg>[^\n]+)$")
FRAMEWORK = load_framework(BUNDLED_CASES / "framework.yaml")


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> dict[str, Path]:
    return write_big_files(tmp_path_factory.mktemp("big"))


def _assert_clear(problems: list, name: str) -> None:
    assert problems, name
    assert len(problems) <= MAX_ERRORS + 1
    for p in problems:
        text = str(p)
        m = LINE.match(text)
        assert m and m["file"].endswith(name) and len(text) < 1000, text


def test_corpus_covers_the_reported_failures():
    names = {p.name for p in SMALL}
    for wanted in ["huge-integer", "current-step-unknown", "extra-step", "duplicate-step", "malformed", "wrong-types",
                   "python-tag", "billion-laughs", "not-utf8", "bom-broken", "empty", "top-level-list"]:
        assert f"{wanted}.yaml" in names


@pytest.mark.parametrize("path", SMALL, ids=lambda p: p.name)
def test_session_loader_refuses_with_file_and_line(path):
    with pytest.raises(FileError) as exc:
        session_from_bytes(path.read_bytes(), path.name, FRAMEWORK)
    _assert_clear(exc.value.problems, path.name)


@pytest.mark.parametrize("name", ["alias-flood.yaml", "events-100k.yaml", "big-50mb.yaml", "hex-integer.yaml"])
def test_big_files_are_refused_by_a_limit(big, name):
    with pytest.raises(FileError) as exc:
        session_from_bytes(big[name].read_bytes(), name, FRAMEWORK)
    _assert_clear(exc.value.problems, name)
    assert len(str(exc.value)) < 2000  # never a flood of messages sent to the page
    assert re.search(r"limit|at most|more than|over", str(exc.value))


@pytest.mark.parametrize("path", SMALL, ids=lambda p: p.name)
def test_library_loader_reports_and_keeps_going(path, tmp_path):
    target = tmp_path / path.name
    shutil.copyfile(path, target)
    lib = Library(framework=FRAMEWORK)
    add_case_file(lib, target)
    assert not lib.cases
    _assert_clear(lib.problems, path.name)


def test_library_refuses_big_case_files_by_size(big, tmp_path):
    lib = Library(framework=FRAMEWORK)
    for path in big.values():
        add_case_file(lib, path)
    assert not lib.cases and len(lib.problems) == len(big)
    assert any(str(p).endswith("big-50mb.yaml:1: file is 50.0 MB; the limit is 1 MB") for p in lib.problems)


def test_store_reports_broken_files_and_writes_nothing(tmp_path, big):
    store_dir = tmp_path / "store"
    store_dir.mkdir()
    ids = {}
    for n, path in enumerate([*SMALL, big["alias-flood.yaml"], big["hex-integer.yaml"]]):
        sid = f"{n:032x}"
        shutil.copyfile(path, store_dir / f"{sid}.yaml")
        ids[sid] = path.read_bytes()
    store = open_store(str(store_dir), framework=FRAMEWORK)
    for sid in ids:
        with pytest.raises(FileError):
            store.load(sid)
    summaries, problems = store.summaries()
    assert summaries == [] and len(problems) >= len(ids)
    for sid, raw in ids.items():
        assert (store_dir / f"{sid}.yaml").read_bytes() == raw  # untouched
    assert {p.name for p in store_dir.iterdir()} <= {f"{sid}.yaml" for sid in ids} | {"_index.json"}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))  # generous: refusals must not need more


def test_validate_prints_file_line_message_for_every_file(tmp_path, big):
    folder = tmp_path / "hostile"
    folder.mkdir()
    for path in [*SMALL, *big.values()]:
        shutil.copyfile(path, folder / path.name)
    out = subprocess.run([sys.executable, "-m", "workbench", "validate", str(folder)], capture_output=True, text=True,
                         cwd=ROOT, preexec_fn=_limit_memory, timeout=120)
    assert out.returncode == 1
    assert "Traceback" not in out.stdout + out.stderr
    for path in folder.iterdir():
        assert re.search(rf"^{re.escape(str(path))}:\d+: ", out.stdout, re.MULTILINE), path.name
    assert out.stdout.strip().splitlines()[-1].startswith("FAILED: nothing valid")
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in [*SMALL, *big.values()])
