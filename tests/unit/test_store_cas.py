"""Compare-and-swap saves on a local folder: no lost update, ever, even under SIGKILL.

A save acknowledged to one writer is never silently overwritten by another writer that
loaded the same revision: the second is refused (plain ``save``) or merged
(``save_merging``). A writer killed at any moment leaves a readable file holding at
least every acknowledged save, and the next ``open_store`` removes its leftovers.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import select
import signal
import struct
import threading

import pytest

from workbench import walkthrough as wt
from workbench.backends import read_revision
from workbench.store import ConflictError, open_store

ROUNDS = 200


def _stored(library, tmp_path):
    store = open_store(str(tmp_path))
    s = wt.new_session(library.cases["short-video-feed"], library)
    store.save(s)
    return store, s


def test_save_expects_a_version_and_leaves_the_caller_unchanged_on_conflict(library, tmp_path):
    store, s = _stored(library, tmp_path)
    loaded = store.load_versioned(s.id)
    assert loaded.version == 1 == loaded.session.revision
    other = store.load(s.id)
    store.save(other, loaded.version)
    before = (loaded.session.revision, loaded.session.updated_at)
    with pytest.raises(ConflictError) as exc:
        store.save(loaded.session, loaded.version)
    assert exc.value.stored == 2
    assert (loaded.session.revision, loaded.session.updated_at) == before


def test_revision_is_read_from_the_parsed_file_with_crlf(library, tmp_path):
    store, s = _stored(library, tmp_path)
    path = tmp_path / f"{s.id}.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert store.stored_revision(s.id) == 1 == read_revision(path.read_bytes())
    session = store.load(s.id)
    wt.set_answer(session, "data", "after a Windows editor")
    store.save(session)
    assert store.load(s.id).revision == 2


def test_a_failed_write_does_not_bump_the_revision(library, tmp_path, monkeypatch):
    store, s = _stored(library, tmp_path)
    real = os.replace

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    wt.set_answer(s, "data", "typed during the outage")
    with pytest.raises(OSError):
        store.save(s)
    assert s.revision == 1
    monkeypatch.setattr(os, "replace", real)
    store.save(s)  # the retry is not a false conflict
    assert store.load(s.id).step("data").answer == "typed during the outage"


def test_open_store_sweeps_files_of_dead_writers(library, tmp_path):
    _, s = _stored(library, tmp_path)
    dead = _dead_pid()
    (tmp_path / f"{s.id}.yaml.tmp-p{dead}-abcd").write_bytes(b"half")
    (tmp_path / f"{s.id}.yaml.lock").write_text(f"p{dead} 1.0\n")
    live = tmp_path / f"{s.id}.yaml.tmp-p{os.getpid()}-beef"
    live.write_bytes(b"in progress")
    reopened = open_store(str(tmp_path))
    assert sorted(reopened.swept) == sorted([f"{s.id}.yaml.tmp-p{dead}-abcd", f"{s.id}.yaml.lock"])
    assert live.exists()
    wt.set_answer(s, "data", "x")
    reopened.save(s)  # no lock left behind to wait on


def test_a_lock_left_by_a_dead_process_is_broken(library, tmp_path):
    store, s = _stored(library, tmp_path)
    (tmp_path / f"{s.id}.yaml.lock").write_text(f"p{_dead_pid()} 1.0\n")
    wt.set_answer(s, "data", "after a crash")
    store.save(s)
    assert store.load(s.id).step("data").answer == "after a crash"


def _dead_pid() -> int:
    proc = multiprocessing.get_context("fork").Process(target=lambda: None)
    proc.start()
    proc.join()
    return proc.pid


def _round(store, sid, who, r, merging):
    """One writer's part of a round: load, edit its own step, save. Returns whether acknowledged."""
    base = store.load(sid)
    mine = base.model_copy(deep=True)
    wt.set_answer(mine, ["data", "model"][who], f"writer {who} round {r}")
    return base, mine


@pytest.mark.parametrize("merging", [False, True])
def test_two_threads_saving_one_revision_never_lose_an_update(library, tmp_path, merging):
    store, s = _stored(library, tmp_path)
    stores = [store, open_store(str(tmp_path))]
    barrier = threading.Barrier(2)
    acks: list[list[bool]] = [[], []]

    def writer(who: int) -> None:
        for r in range(ROUNDS):
            barrier.wait()
            base, mine = _round(stores[who], s.id, who, r, merging)
            barrier.wait()  # both hold the same revision now
            try:
                if merging:
                    stores[who].save_merging(mine, base)
                else:
                    stores[who].save(mine, base.revision)
                acks[who].append(True)
            except ConflictError:
                acks[who].append(False)

    threads = [threading.Thread(target=writer, args=(w,)) for w in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    final = store.load(s.id)
    if merging:
        assert all(acks[0]) and all(acks[1])
        assert final.revision == 1 + 2 * ROUNDS
        assert final.step("data").answer == f"writer 0 round {ROUNDS - 1}"
        assert final.step("model").answer == f"writer 1 round {ROUNDS - 1}"
    else:
        assert all(a != b for a, b in zip(acks[0], acks[1], strict=True))  # exactly one per round
        assert final.revision == 1 + ROUNDS


def _process_writer(url, sid, who, merging, barrier, out):
    store = open_store(url)
    acks = []
    for r in range(ROUNDS):
        barrier.wait()
        base, mine = _round(store, sid, who, r, merging)
        barrier.wait()
        try:
            if merging:
                store.save_merging(mine, base)
            else:
                store.save(mine, base.revision)
            acks.append(True)
        except ConflictError:
            acks.append(False)
    out.put((who, acks))


@pytest.mark.parametrize("merging", [False, True])
def test_two_processes_saving_one_revision_never_lose_an_update(library, tmp_path, merging):
    store, s = _stored(library, tmp_path)
    ctx = multiprocessing.get_context("fork")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_process_writer, args=(str(tmp_path), s.id, w, merging, barrier, out)) for w in (0, 1)]
    for p in procs:
        p.start()
    results = dict(out.get(timeout=120) for _ in procs)
    for p in procs:
        p.join(timeout=30)
    final = store.load(s.id)
    if merging:
        assert all(results[0]) and all(results[1]) and final.revision == 1 + 2 * ROUNDS
        assert final.step("data").answer == f"writer 0 round {ROUNDS - 1}"
        assert final.step("model").answer == f"writer 1 round {ROUNDS - 1}"
    else:
        assert all(a != b for a, b in zip(results[0], results[1], strict=True))
        assert final.revision == 1 + ROUNDS


def _saver(url, sid, fd):
    """Child: save again and again, reporting each acknowledged revision on the pipe."""
    store = open_store(url)
    session = store.load(sid)
    n = 0
    while True:
        n += 1
        wt.set_answer(session, "data", f"save {n} " + "x" * (n % 7000))
        store.save(session)
        os.write(fd, struct.pack("<I", session.revision))


def test_sigkill_mid_save_never_loses_an_acknowledged_save(library, tmp_path):
    store, s = _stored(library, tmp_path)
    rng = random.Random(8)
    acknowledged = 1
    for _ in range(ROUNDS):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - child
            os.close(r)
            try:
                _saver(str(tmp_path), s.id, w)
            finally:
                os._exit(0)
        os.close(w)
        data = b""
        # Wait until the child has acknowledged 0-2 saves, then kill it wherever it is:
        # starting up, sweeping, in the lock, writing the temp file or renaming it.
        wanted = rng.choice([0, 1, 2])
        while len(data) < 4 * wanted and select.select([r], [], [], 10)[0]:
            data += os.read(r, 4 * wanted - len(data))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        while chunk := os.read(r, 4096):
            data += chunk
        os.close(r)
        acks = [v for (v,) in struct.iter_unpack("<I", data[: len(data) // 4 * 4])]
        acknowledged = max([acknowledged, *acks])
        raw = (tmp_path / f"{s.id}.yaml").read_bytes()
        on_disk = store.load(s.id)  # never unreadable
        assert on_disk.revision >= acknowledged, (on_disk.revision, acknowledged)
        assert read_revision(raw) == on_disk.revision
    reopened = open_store(str(tmp_path))
    left = [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name or p.name.endswith(".lock")]
    assert left == [], (left, reopened.swept)


def test_a_file_without_a_revision_counts_as_revision_zero(library, tmp_path):
    store, s = _stored(library, tmp_path)
    path = tmp_path / f"{s.id}.yaml"
    path.write_bytes(path.read_bytes().replace(b"revision: 1\n", b""))  # edited by hand
    loaded = store.load(s.id)
    assert loaded.revision == 0
    wt.set_answer(loaded, "data", "saved over a hand-edited file")
    store.save(loaded)
    assert store.load(s.id).revision == 1
