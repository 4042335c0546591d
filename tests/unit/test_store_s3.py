"""The store on a real S3 API (moto's server on loopback) through s3fs.

Saves are conditional writes: ``If-None-Match: *`` creates, ``If-Match: <etag>`` replaces,
so a write from another replica in between is refused by the store itself, not by a
read-then-write check in this process.
"""

from __future__ import annotations

import threading
import uuid

import pytest

from workbench import walkthrough as wt
from workbench.backends import S3Files
from workbench.devs3 import moto_s3
from workbench.store import ConflictError, open_store


@pytest.fixture(scope="module")
def endpoint():
    with moto_s3() as url:
        yield url


@pytest.fixture
def url(endpoint):
    return f"s3://wb-{uuid.uuid4().hex[:12]}/sessions"


def _replica(url, endpoint):
    return open_store(url, storage_options={"endpoint_url": endpoint})


def test_save_list_load_cycle(library, url, endpoint):
    store = _replica(url, endpoint)
    assert isinstance(store.backend, S3Files)
    s = wt.new_session(library.cases["short-video-feed"], library)
    store.save(s)
    wt.set_answer(s, "requirements", "first answer\nsecond line\n")
    store.save(s)
    other = _replica(url, endpoint)
    loaded = other.load_versioned(s.id)
    assert loaded.version == 2 and loaded.session == s
    summaries, problems = other.summaries()
    assert [x.id for x in summaries] == [s.id] and problems == []
    store.flush()
    assert other.fs.exists(f"{other.root}/_summaries/{s.id}.json")  # one small object per session


def test_listing_reads_summary_objects_not_sessions(library, url, endpoint):
    store = _replica(url, endpoint)
    ids = []
    for _ in range(3):
        s = wt.new_session(library.cases["short-video-feed"], library)
        store.save(s)
        ids.append(s.id)
    store.flush()  # summary objects are written in the background
    fresh = _replica(url, endpoint)
    reads: list[str] = []
    real = fresh.fs.cat_file

    def counting(path, *a, **k):
        reads.append(str(path))
        return real(path, *a, **k)

    fresh.fs.cat_file = counting
    try:
        summaries, _ = fresh.summaries()
    finally:
        del fresh.fs.cat_file
    assert sorted(x.id for x in summaries) == sorted(ids)
    assert not [r for r in reads if r.endswith(".yaml")]


def test_a_stale_revision_is_refused(library, url, endpoint):
    a, b = _replica(url, endpoint), _replica(url, endpoint)
    s = wt.new_session(library.cases["short-video-feed"], library)
    a.save(s)
    tab_a = a.load(s.id)
    tab_b = b.load(s.id)
    wt.set_answer(tab_b, "data", "replica b")
    b.save(tab_b)
    wt.set_answer(tab_a, "data", "replica a, stale")
    with pytest.raises(ConflictError) as exc:
        a.save(tab_a)
    assert exc.value.stored == 2 and tab_a.revision == 1
    assert a.load(s.id).step("data").answer == "replica b"


def _write_between_read_and_put(store, action):
    """Make the next read of ``store`` trigger ``action`` right after it, as another replica would."""
    real = store.backend.read
    done = []

    def read(path):
        found = real(path)
        if not done:
            done.append(True)
            action()
        return found

    store.backend.read = read


def test_the_store_itself_refuses_a_write_that_lost_the_race(library, url, endpoint):
    """The check happens in S3 (If-Match), not in a read-then-write here: a write slipped in
    between this replica's read and its put is still detected."""
    a, b = _replica(url, endpoint), _replica(url, endpoint)
    s = wt.new_session(library.cases["short-video-feed"], library)
    b.save(s)
    mine = b.load(s.id)
    sneaky = b.load(s.id)
    wt.set_answer(sneaky, "model", "written in between")
    _write_between_read_and_put(a, lambda: b.save(sneaky))
    wt.set_answer(mine, "model", "would overwrite")
    with pytest.raises(ConflictError):
        a.save(mine)  # a has no cached ETag: it reads (revision 1 matches), then its If-Match fails
    assert b.load(s.id).step("model").answer == "written in between"


def test_create_is_if_none_match(library, url, endpoint):
    a, b = _replica(url, endpoint), _replica(url, endpoint)
    s = wt.new_session(library.cases["short-video-feed"], library)
    twin = s.model_copy(deep=True)
    wt.set_answer(twin, "data", "created by b first")
    _write_between_read_and_put(a, lambda: b.save(twin))
    with pytest.raises(ConflictError):
        a.save(s)  # a saw no file, but b created it before a's put
    assert b.load(s.id).step("data").answer == "created by b first"


def test_two_writers_on_one_session_merge(library, url, endpoint):
    a, b = _replica(url, endpoint), _replica(url, endpoint)
    s = wt.new_session(library.cases["short-video-feed"], library, mode="interview")
    a.save(s)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def writer(store, step, who):
        try:
            for r in range(10):
                barrier.wait()
                base = store.load(s.id)
                mine = base.model_copy(deep=True)
                wt.set_answer(mine, step, f"{who} {r}")
                barrier.wait()
                store.save_merging(mine, base)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(a, "data", "candidate")),
               threading.Thread(target=writer, args=(b, "model", "interviewer"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    final = a.load(s.id)
    assert final.revision == 21
    assert final.step("data").answer == "candidate 9" and final.step("model").answer == "interviewer 9"


def test_a_fresh_bucket_lists_no_sessions(url, endpoint):
    store = _replica(url, endpoint)  # nothing written yet: the prefix holds no object
    summaries, problems = store.summaries()
    assert summaries == [] and problems == []
