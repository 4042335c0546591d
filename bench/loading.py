"""Loading valid sessions of growing size through the one bounded loader.

A 50 KB session is a long interview; 1 MB and 4.5 MB ones are far beyond any real
attempt but under the 5 MB limit, so they must still load (a size or list limit
refuses anything bigger, see ``bench/hostile.py``).

    python -m bench.loading
"""

from __future__ import annotations

import json
import statistics
import time

from bench.common import metric
from bench.roundtrip import PARAGRAPH, big_session
from workbench import walkthrough as wt
from workbench.library import load_library
from workbench.sessionfile import session_from_bytes, session_to_bytes


def measure(repeats: int = 5) -> dict[str, dict]:
    framework = load_library().framework
    rows = {}
    for label, target in (("50kb", 50 * 1024), ("1mb", 1024 * 1024), ("4.5mb", 4_500_000)):
        session = big_session()
        sids = [rec.id for rec in session.steps]
        per_field = max(0, (target - len(session_to_bytes(session))) // len(PARAGRAPH) // len(sids) // 2)
        for sid in sids:  # long answers and notes, added in one go (a paragraph at a time is quadratic)
            wt.set_answer(session, sid, session.step(sid).answer + PARAGRAPH * per_field)
            wt.set_notes(session, sid, session.step(sid).notes + PARAGRAPH * per_field)
        raw = session_to_bytes(session)
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            session_from_bytes(raw, f"{label}.yaml", framework)
            times.append(time.perf_counter() - t)
        rows[label] = {"bytes": len(raw), "load_ms": round(statistics.median(times) * 1000, 1)}
    return {"session_load_ms_4_5mb": metric(
        rows["4.5mb"]["load_ms"], "ms", 2000.0, digits=1,
        note="session_from_bytes (bounded parse, validation, framework check) of a valid 4.5 MB session; "
             "median of 5", detail=rows)}


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
