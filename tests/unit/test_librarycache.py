"""The on-disk library cache: same library back, and never stale after a case, folder or code change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench import librarycache as lc
from workbench.library import BUNDLED_CASES, load_library
from workbench.settings import read


@pytest.fixture()
def cases(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    shutil.copytree(BUNDLED_CASES, folder)
    return folder


def test_a_cached_library_equals_the_parsed_one_and_is_not_parsed_again(cases, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = lc.load_library_cached([cases], cache)
    assert len(list(cache.glob("library-*.json"))) == 1
    monkeypatch.setattr(lc, "load_library", lambda folders: pytest.fail("parsed although cached"))
    again = lc.load_library_cached([cases], cache)
    fresh = load_library([cases])
    assert again.cases == fresh.cases == first.cases
    assert again.framework == fresh.framework
    assert again.hashes == fresh.hashes and again.paths == fresh.paths and again.problems == []


def test_an_edited_case_or_another_folder_misses(cases, tmp_path):
    cache = tmp_path / "cache"
    lc.load_library_cached([cases], cache)
    path = cases / "short-video-feed.yaml"
    path.write_text(path.read_text().replace("title: ", "title: Edited ", 1))
    edited = lc.load_library_cached([cases], cache)
    assert edited.cases["short-video-feed"].title.startswith("Edited ")
    other = tmp_path / "other"
    shutil.copytree(cases, other)
    assert lc.cache_key([other]) != lc.cache_key([cases])  # same bytes, another folder: paths differ
    assert len(list(cache.glob("library-*.json"))) == 2


def test_new_code_misses(cases, tmp_path, monkeypatch):
    before = lc.cache_key([cases])
    monkeypatch.setattr(lc, "_code_digest", lambda: "another release")
    assert lc.cache_key([cases]) != before


def test_a_library_with_a_problem_is_never_cached_and_a_broken_cache_is_reparsed(cases, tmp_path):
    cache = tmp_path / "cache"
    (cases / "broken.yaml").write_text("id: [unclosed\n")
    lib = lc.load_library_cached([cases], cache)
    assert lib.problems and not list(cache.glob("library-*.json"))
    (cases / "broken.yaml").unlink()
    lc.load_library_cached([cases], cache)
    (written,) = cache.glob("library-*.json")
    written.write_text('{"key": "x", "cases": 1}')  # damaged or tampered: validated, refused, rebuilt
    assert len(lc.load_library_cached([cases], cache).cases) == len(load_library([cases]).cases)
    assert written.read_bytes().startswith(b'{"key":"')


def test_an_unwritable_cache_only_costs_the_saving(cases, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    lib = lc.load_library_cached([cases], blocker / "cache")
    assert len(lib.cases) == len(load_library([cases]).cases)
    assert not list(tmp_path.glob("**/*.tmp-*"))


def test_old_entries_are_pruned(cases, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    for n in range(lc.KEEP + 3):
        (cache / f"library-old{n}.json").write_text("{}")
    lc.load_library_cached([cases], cache)
    assert len(list(cache.glob("library-*.json"))) == lc.KEEP


def test_the_cache_folder_setting(tmp_path):
    assert read({"WORKBENCH_CACHE": "off"}).cache_dir() is None
    assert read({"WORKBENCH_CACHE": str(tmp_path)}).cache_dir() == tmp_path
    assert read({}).cache_dir().name == "mlsd-workbench"
