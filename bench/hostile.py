"""Hostile files: how long and how much memory each takes to be refused, on every load path.

The small files live in ``tests/data/hostile/``; the big ones (too big to commit) are
written by ``write_big_files``. Each file is run in a fresh interpreter through the
session loader (upload, link and store path), the library loader (as a case file) and
``validate``, and the slowest path and the peak memory of that process are reported.
Targets: every file refused within 2 s and 300 MB.

    python -m bench.hostile
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import metric
from workbench.hostilefiles import CORPUS, write_big_files

ROOT = Path(__file__).resolve().parent.parent


_PROBE = r"""
import json, resource, sys, time
from pathlib import Path
from workbench.library import Library, add_case_file, load_framework, BUNDLED_CASES
from workbench.sessionfile import session_from_bytes
from workbench.yamlio import FileError
from workbench.cli import main
import contextlib, io
path = Path(sys.argv[1])
framework = load_framework(BUNDLED_CASES / "framework.yaml")
times = {}
t = time.perf_counter()
try:
    session_from_bytes(path.read_bytes(), path.name, framework)
    first = "LOADED"
except FileError as exc:
    first = str(exc.problems[0])
times["session"] = time.perf_counter() - t
t = time.perf_counter()
lib = Library(framework=framework)
add_case_file(lib, path)
times["library"] = time.perf_counter() - t
t = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    main(["validate", str(path)])
times["validate"] = time.perf_counter() - t
import tracemalloc
tracemalloc.start()
try:
    session_from_bytes(path.read_bytes(), path.name, framework)
except FileError:
    pass
with contextlib.redirect_stdout(io.StringIO()):
    main(["validate", str(path)])
traced = tracemalloc.get_traced_memory()[1] / 1048576
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"times": times, "peak_mb": peak, "traced_mb": traced, "message": first[:160]}))
"""


def _baseline_mb() -> float:
    out = subprocess.run([sys.executable, "-c", _PROBE.split("path = ")[0] + "import resource\n"
                          "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"],
                         capture_output=True, text=True, cwd=ROOT, check=True)
    return float(out.stdout.strip())


def measure() -> dict[str, dict]:
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        files = sorted(CORPUS.glob("*.yaml")) + sorted(write_big_files(Path(tmp)).values())
        base = _baseline_mb()
        rows = {}
        for path in files:
            out = subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True, text=True,
                                 cwd=ROOT, timeout=120)
            if out.returncode != 0:
                rows[path.name] = {"error": out.stderr[-500:]}
                continue
            data = json.loads(out.stdout)
            rows[path.name] = {"slowest_s": round(max(data["times"].values()), 3),
                               "extra_mb": round(max(data["peak_mb"] - base, data["traced_mb"]), 1),
                               "message": data["message"]}
    slowest = max(r.get("slowest_s", 1e9) for r in rows.values())
    extra = max(r.get("extra_mb", 1e9) for r in rows.values())
    return {
        "hostile_slowest_refusal_s": metric(slowest, "s", 2.0, digits=3,
                                            note=f"slowest of session loader, library loader and validate over "
                                                 f"{len(rows)} hostile files (worst file)", detail=rows),
        "hostile_peak_extra_mb": metric(extra, "MB", 300.0, digits=1,
                                        note="memory a refusal needs, worst file: the larger of the peak RSS "
                                             "above an interpreter with the app imported and the peak traced "
                                             "by tracemalloc during the session loader and validate"),
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
