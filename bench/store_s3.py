"""Session saves against a real S3 API: moto's server on loopback, through s3fs.

Each save is a conditional PUT (``If-Match`` on the ETag this store last saw) plus the
small per-session summary object; the first save of a session is ``If-None-Match: *``.
Measured for a typical session and for the 50 KB one of ``bench/roundtrip.py``.
Target: median save at most 50 ms.

    python -m bench.store_s3
"""

from __future__ import annotations

import json
import statistics
import time
import uuid

from bench.common import metric, summary_ms
from bench.roundtrip import big_session
from workbench import walkthrough as wt
from workbench.devs3 import moto_s3
from workbench.library import load_library
from workbench.sessionfile import session_to_bytes
from workbench.store import open_store


def measure(repeats: int = 40) -> dict[str, dict]:
    lib = load_library()
    with moto_s3() as endpoint:
        store = open_store(f"s3://bench-{uuid.uuid4().hex[:8]}/sessions", storage_options={"endpoint_url": endpoint})
        small = wt.new_session(lib.cases["short-video-feed"], lib)
        big = big_session()
        out = {}
        for label, session in (("typical", small), ("50kb", big)):
            t = time.perf_counter()
            store.save(session)  # create: If-None-Match
            create = time.perf_counter() - t
            saves = []
            for n in range(repeats):
                wt.set_notes(session, "data", f"edit {n}")
                t = time.perf_counter()
                store.save(session)
                saves.append(time.perf_counter() - t)
            t = time.perf_counter()
            loaded = store.load(session.id)
            load = time.perf_counter() - t
            assert loaded.revision == session.revision
            out[label] = {"bytes": len(session_to_bytes(session)), "create_ms": round(create * 1000, 2),
                          "save_ms": summary_ms(saves), "load_ms": round(load * 1000, 2)}
        t = time.perf_counter()
        store.summaries()
        listing = time.perf_counter() - t
    value = statistics.median([out["typical"]["save_ms"]["median"], out["50kb"]["save_ms"]["median"]])
    return {"s3_save_ms": metric(
        out["typical"]["save_ms"]["median"], "ms", 50.0, digits=2,
        note=f"Store.save of a typical session against moto's S3 server on loopback through s3fs "
             f"(conditional PUT with If-Match plus the summary object); median of {repeats}. The 50 KB "
             f"session: {out['50kb']['save_ms']['median']} ms",
        detail={**out, "median_of_both_ms": round(value, 2), "first_listing_ms": round(listing * 1000, 2)})}


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
