"""Progress page load times on synthetic stores of 100, 1,000 and 10,000 sessions.

For each size: build the store once (reused from bench/out/stores/ on later runs),
time building the summary index from scratch in a fresh process, then open the
progress page with AppTest in fresh processes (cold: the first run, index already on
disk) and rerun it there (warm: median of reruns with nothing changed).

    python -m bench.progress [--sizes 100 1000 10000] [--cold-runs 3] [--warm-runs 9]

Prints a table and writes bench/out/progress.json. Targets (10,000 sessions, two
cores): cold at most 3 s, warm at most 200 ms. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.common import compile_scripts_once
from workbench.library import case_folders
from workbench.librarycache import load_library_cached
from workbench.synthetic import build_store

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
STORES = OUT / "stores"
APP = ROOT / "app.py"
PAGE = "app_pages/progress.py"
TARGETS = {10000: {"cold_s": 3.0, "warm_ms": 200.0}}
BUILD_MARK = "_bench_store.json"
BUILDER_VERSION = 2  # 2: files saved self-describing, with estimates


def _store_for(n: int, seed: int, rebuild: bool) -> Path:
    """The synthetic store of n sessions, built only when missing or stale."""
    path = STORES / f"progress-{n}"
    mark = path / BUILD_MARK
    wanted = {"n": n, "seed": seed, "builder": BUILDER_VERSION}
    if not rebuild and mark.exists() and json.loads(mark.read_text()) == wanted:
        return path
    if path.exists():
        for p in path.iterdir():
            p.unlink()
    t0 = time.perf_counter()
    build_store(path, n, seed=seed)
    mark.write_text(json.dumps(wanted))
    print(f"  built {n:,} sessions in {time.perf_counter() - t0:.1f} s", flush=True)
    return path


LIBRARY_CACHE = OUT / "library-cache"


def _child(args: list[str], env_store: Path | None = None, library_cache: str = str(LIBRARY_CACHE)) -> dict:
    """Run this module in a fresh interpreter and return the JSON it prints."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), WORKBENCH_CACHE=library_cache)
    if env_store is not None:
        env["WORKBENCH_STORE"] = str(env_store)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "bench.progress", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"child {args} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_s"] = wall
    return result


# -- what runs in the child processes -------------------------------------------------
def _child_index(store: str) -> None:
    """Time building the index from scratch: every session file read and summarised once."""
    from workbench.store import INDEX_FILE, open_store

    index = Path(store) / INDEX_FILE
    if index.exists():
        index.unlink()
    t0 = time.perf_counter()
    summaries, problems = open_store(store).summaries()
    took = time.perf_counter() - t0
    print(json.dumps({"index_build_s": took, "sessions": len(summaries), "problems": len(problems)}))


def _child_page(n: int, warm_runs: int) -> None:
    """Open the progress page in AppTest: the first run is cold, then reruns are warm.

    Two warm figures: reruns as they come (the store's folder check is the cheap
    one: folder mtime), and reruns with ``RELIST_AFTER_S = 0`` so every rerun
    stats every session file, as happens when a user comes back after a pause.
    """
    t_import = time.perf_counter()
    from streamlit.testing.v1 import AppTest

    import workbench.store as store_module

    imported = time.perf_counter() - t_import
    compile_scripts_once()
    at = AppTest.from_file(str(APP), default_timeout=300)
    at.switch_page(PAGE)
    t0 = time.perf_counter()
    at.run()
    cold = time.perf_counter() - t0
    if at.exception:
        raise SystemExit(f"page raised: {[e.value for e in at.exception]}")
    shown = {m.label: m.value for m in at.metric}
    if shown.get("Sessions") != f"{n:,}":
        raise SystemExit(f"page shows {shown.get('Sessions')!r} sessions, expected {n:,}")
    charts = len(at.get("plotly_chart"))
    warm = []
    for _ in range(warm_runs):
        t = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - t)
    store_module.RELIST_AFTER_S = 0.0
    restat = []
    for _ in range(max(3, warm_runs // 2)):
        t = time.perf_counter()
        at.run()
        restat.append(time.perf_counter() - t)
    if at.exception:
        raise SystemExit(f"page raised on rerun: {[e.value for e in at.exception]}")
    print(json.dumps({"cold_s": cold, "warm_s": warm, "restat_s": restat, "import_s": imported,
                      "charts": charts}))


# -- the parent: build, measure, report -------------------------------------------------
def _metric(value: float, unit: str, target: float | None) -> dict:
    return {"value": round(value, 4 if unit == "s" else 1), "unit": unit, "target": target,
            "ok": None if target is None else value <= target}


def run(sizes: list[int], cold_runs: int, warm_runs: int, seed: int, rebuild: bool, out: Path) -> dict:
    metrics: dict[str, dict] = {}
    rows = []
    for n in sizes:
        print(f"{n:,} sessions", flush=True)
        store = _store_for(n, seed, rebuild)
        index = _child(["--child-index", str(store)])
        assert index["sessions"] == n, index
        print(f"  index built from scratch in {index['index_build_s']:.2f} s", flush=True)
        # A server's every start after its first finds the parsed library in its cache: warm it
        # here, so every cold run is alike, and time one run without the cache as well.
        load_library_cached(case_folders(), LIBRARY_CACHE)
        runs = [_child(["--child-page", str(n), str(warm_runs)], env_store=store) for _ in range(cold_runs)]
        uncached = _child(["--child-page", str(n), "1"], env_store=store, library_cache="off")["cold_s"]
        cold = statistics.median(r["cold_s"] for r in runs)
        warm = statistics.median(w for r in runs for w in r["warm_s"]) * 1000
        restat = statistics.median(w for r in runs for w in r["restat_s"]) * 1000
        process = statistics.median(r["process_s"] for r in runs)
        target = TARGETS.get(n, {})
        metrics[f"progress_cold_s_{n}"] = _metric(cold, "s", target.get("cold_s"))
        metrics[f"progress_cold_uncached_s_{n}"] = _metric(uncached, "s", None)
        metrics[f"progress_warm_ms_{n}"] = _metric(warm, "ms", target.get("warm_ms"))
        metrics[f"progress_warm_restat_ms_{n}"] = _metric(restat, "ms", None)
        metrics[f"progress_index_build_s_{n}"] = _metric(index["index_build_s"], "s", None)
        metrics[f"progress_cold_process_s_{n}"] = _metric(process, "s", None)
        rows.append((n, cold, min(r["cold_s"] for r in runs), warm, restat, index["index_build_s"], process,
                     runs[0]["charts"]))
        each = ", ".join(f"{r['cold_s']:.2f}" for r in runs)
        print(f"  cold {cold:.2f} s (runs: {each}; one without the library cache: {uncached:.2f}), "
              f"warm {warm:.0f} ms, warm with full re-stat {restat:.0f} ms", flush=True)
    report = {
        "benchmark": "progress page load (AppTest)",
        "when": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "method": {
            "cold": "first AppTest run of app.py switched to the progress page, in a fresh process, with the "
                    "summary index already on disk; median over cold runs (excludes interpreter start and "
                    "importing streamlit.testing; includes loading the case library from its on-disk "
                    "cache, warmed first as any start after a server's first finds it)",
            "cold_uncached": "one cold run with WORKBENCH_CACHE=off: the library parsed from its YAML files",
            "warm": "median of AppTest reruns of the same page with nothing changed",
            "warm_restat": "the same, with RELIST_AFTER_S = 0 so every rerun stats every session file",
            "index_build": "Store.summaries() in a fresh process after deleting _index.json "
                           "(reads and summarises every session file)",
            "cold_process": "wall time of the whole cold child process (interpreter start, imports, "
                            "cold run and the reruns)",
            "cold_runs": cold_runs, "warm_runs_per_process": warm_runs,
        },
        "metrics": metrics,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    _print_table(rows)
    print(f"\nwrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return report


def _print_table(rows: list[tuple]) -> None:
    head = ("sessions", "cold s (median)", "cold s (best)", "warm ms", "warm ms, full re-stat",
            "index from scratch s", "cold process s", "charts")
    print()
    print(" | ".join(head))
    print(" | ".join("-" * len(h) for h in head))
    for n, cold, best, warm, restat, index, process, charts in rows:
        target = TARGETS.get(n)
        flag = ""
        if target:
            flag = " ✓" if cold <= target["cold_s"] and warm <= target["warm_ms"] else " ✗ (target missed)"
        print(f"{n:>8,} | {cold:15.2f} | {best:13.2f} | {warm:7.0f} | {restat:21.0f} | {index:20.2f} | "
              f"{process:14.2f} | {charts}{flag}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--warm-runs", type=int, default=9)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the synthetic stores")
    parser.add_argument("--out", type=Path, default=OUT / "progress.json")
    parser.add_argument("--child-index", metavar="STORE", help=argparse.SUPPRESS)
    parser.add_argument("--child-page", nargs=2, metavar=("N", "WARM_RUNS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_index:
        _child_index(args.child_index)
    elif args.child_page:
        _child_page(int(args.child_page[0]), int(args.child_page[1]))
    else:
        run(args.sizes, args.cold_runs, args.warm_runs, args.seed, args.rebuild, args.out)


if __name__ == "__main__":
    main()
