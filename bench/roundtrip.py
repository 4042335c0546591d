"""Save and load of a 50 KB session through the store (the autosave path), plus its parts.

The session is the shipped short-video case walked through the way the app does it
(``workbench.walkthrough``): every step answered at length, hints, facts, probes and
rubric checks with evidence, until the file is at least 50 KB.

    python -m bench.roundtrip
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time

from bench.common import metric, summary_ms
from workbench import walkthrough as wt
from workbench.library import load_library
from workbench.session import Session
from workbench.sessionfile import session_from_bytes, session_to_bytes
from workbench.store import open_store

TARGET_BYTES = 50 * 1024
CASE = "short-video-feed"
PARAGRAPH = ("We rank candidates in two stages: a retrieval stage that narrows two billion clips to a few "
             "thousand per request, and a ranker that predicts several engagement actions per clip.\n"
             "- trade-off: freshness against cost; features refreshed every few minutes\n"
             "- risk: position bias in logged impressions; correct with a randomised slice\n\n")


def big_session(target: int = TARGET_BYTES) -> Session:
    lib = load_library()
    case = lib.cases[CASE]
    session = wt.new_session(case, lib, mode="interview", candidate="Ada Lovelace", interviewer="Grace Hopper")
    for fact in case.facts:
        wt.reveal_fact(session, case, fact.id)
    for sid in lib.framework.step_ids:
        wt.go_to_step(session, sid)
        for _ in case.steps[sid].hints:
            wt.reveal_hint(session, case, sid)
        for probe in case.steps[sid].probes:
            wt.set_probe_response(session, sid, probe.id, f"Answered {probe.id} with a concrete plan.")
        for item in lib.rubric(case, sid):
            wt.set_check(session, sid, item.id, True, by="interviewer", evidence=f"Said it unprompted: {item.id}.")
        wt.set_notes(session, sid, "Strong on trade-offs.\nAsked good clarifying questions.\n")
        wt.set_rating(session, sid, "hire")
    n = 0
    while len(session_to_bytes(session)) < target:
        sid = lib.framework.step_ids[n % len(lib.framework.step_ids)]
        wt.set_answer(session, sid, session.step(sid).answer + PARAGRAPH)
        n += 1
    return session


def measure(repeats: int = 60) -> dict[str, dict]:
    session = big_session()
    size = len(session_to_bytes(session))
    with tempfile.TemporaryDirectory(prefix="bench-roundtrip-") as tmp:
        store = open_store(tmp)
        store.save(session)
        roundtrip, save, load, dump, parse = [], [], [], [], []
        for _ in range(repeats):
            t0 = time.perf_counter()
            store.save(session)
            t1 = time.perf_counter()
            loaded = store.load(session.id)
            t2 = time.perf_counter()
            roundtrip.append(t2 - t0)
            save.append(t1 - t0)
            load.append(t2 - t1)
            t = time.perf_counter()
            raw = session_to_bytes(session)
            dump.append(time.perf_counter() - t)
            t = time.perf_counter()
            session_from_bytes(raw, "x.yaml")
            parse.append(time.perf_counter() - t)
        if loaded != session:
            raise RuntimeError("the session did not load back equal")
    value = statistics.median(roundtrip) * 1000
    return {"session_roundtrip_ms": metric(
        value, "ms", 20.0, digits=2,
        note=f"Store.save then Store.load of a {size / 1024:.1f} KB session on a local folder store (lock file, "
             f"revision check, atomic "
             f"write with fsync, then read and validate); median of {repeats}",
        detail={"bytes": size, "save_ms": summary_ms(save), "load_ms": summary_ms(load),
                "serialise_ms": summary_ms(dump), "parse_and_validate_ms": summary_ms(parse)})}


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
