"""The store: atomic writes, stale-tab protection, validated ids, any fsspec URL."""

from __future__ import annotations

import uuid

import pytest

from workbench import walkthrough as wt
from workbench.store import ConflictError, NotFoundError, StoreError, open_store


def _session(library):
    case = library.cases["short-video-feed"]
    return wt.new_session(case, library)


@pytest.mark.parametrize("kind", ["dir", "memory"])
def test_save_load_and_revisions(library, tmp_path, kind):
    url = str(tmp_path / "s") if kind == "dir" else f"memory://wb-{uuid.uuid4().hex}"
    store = open_store(url)
    s = _session(library)
    store.save(s)
    assert s.revision == 1
    wt.set_answer(s, "requirements", "hello")
    store.save(s)
    assert s.revision == 2
    loaded = store.load(s.id)
    assert loaded == s
    summaries, problems = store.summaries()
    assert [x.id for x in summaries] == [s.id] and problems == []


def test_stale_tab_cannot_overwrite(library, tmp_path):
    store = open_store(str(tmp_path))
    s = _session(library)
    store.save(s)
    other_tab = store.load(s.id)
    wt.set_answer(other_tab, "requirements", "newer work")
    store.save(other_tab)
    wt.set_answer(s, "requirements", "stale work")
    with pytest.raises(ConflictError):
        store.save(s)
    assert store.load(s.id).step("requirements").answer == "newer work"
    store.save(s, force=True)
    assert store.load(s.id).step("requirements").answer == "stale work"


def test_atomic_write_leaves_no_temp_files(library, tmp_path):
    store = open_store(str(tmp_path))
    s = _session(library)
    for _ in range(3):
        store.save(s)
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {f"{s.id}.yaml"}


def test_failed_write_keeps_the_previous_file(library, tmp_path, monkeypatch):
    store = open_store(str(tmp_path))
    s = _session(library)
    store.save(s)
    before = (tmp_path / f"{s.id}.yaml").read_bytes()
    import os

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    wt.set_answer(s, "requirements", "x" * 1000)
    with pytest.raises(OSError):
        store.save(s)
    assert (tmp_path / f"{s.id}.yaml").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]  # nothing half-written left


@pytest.mark.parametrize("bad", ["../etc/passwd", "ABC", "", "a" * 31, "g" * 32, "x/../" + "a" * 28])
def test_invalid_ids_never_reach_a_path(tmp_path, bad):
    store = open_store(str(tmp_path))
    with pytest.raises(StoreError):
        store.path_for(bad)
    assert not store.exists(bad)


def test_missing_session(tmp_path):
    store = open_store(str(tmp_path))
    with pytest.raises(NotFoundError):
        store.load("0" * 32)


def test_index_rereads_only_changed_files(library, tmp_path, monkeypatch):
    store = open_store(str(tmp_path))
    sessions = [_session(library) for _ in range(3)]
    for s in sessions:
        store.save(s)
    assert len(store.summaries()[0]) == 3  # builds the index beside the sessions
    fresh = open_store(str(tmp_path))  # a new process: index read from disk
    reads: list[str] = []
    real = fresh.fs.cat_file

    def counting(path, *a, **k):
        reads.append(str(path))
        return real(path, *a, **k)

    monkeypatch.setattr(fresh.fs, "cat_file", counting)
    summaries, _ = fresh.summaries()
    assert len(summaries) == 3
    assert all(r.endswith("_index.json") for r in reads)
    # another process changes one file behind our back
    other = open_store(str(tmp_path))
    changed = other.load(sessions[0].id)
    wt.set_answer(changed, "data", "changed elsewhere")
    other.save(changed)
    reads.clear()
    fresh.summaries()
    assert [r for r in reads if r.endswith(".yaml")] == [str(tmp_path / f"{sessions[0].id}.yaml")]


def test_unreadable_file_is_reported_not_fatal(library, tmp_path):
    store = open_store(str(tmp_path))
    s = _session(library)
    store.save(s)
    (tmp_path / ("f" * 32 + ".yaml")).write_text("not: [valid")
    summaries, problems = store.summaries()
    assert [x.id for x in summaries] == [s.id]
    assert problems and "invalid YAML" in problems[0]


def test_delete(library, tmp_path):
    store = open_store(str(tmp_path))
    s = _session(library)
    store.save(s)
    store.delete(s.id)
    assert not store.exists(s.id)
    assert store.summaries()[0] == []
