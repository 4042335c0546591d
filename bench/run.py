"""Run every benchmark, write bench/results.json and print it as a table.

    python -m bench.run                 # everything (about 6 minutes on two cores)
    python -m bench.run --only rerun    # some groups; the other entries are kept from the last run

Groups: rerun (floor, practice, practice with a diagram and worksheet, practice over 1,000
cases), library (load against LibYAML), roundtrip (session save and load), browser (click to render), memory
(server RSS), progress (bench/progress.py, another engineer's, run as a subprocess
when present), suggest (bench/suggest.py: offline suggester speed and index fit).
Benchmarks print figures; they are not tests, and a missed target does not fail the run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from bench.common import OUT, ROOT, metric

RESULTS = ROOT / "bench" / "results.json"
PROGRESS = ROOT / "bench" / "progress.py"
PROGRESS_JSON = OUT / "progress.json"
GROUPS = ("rerun", "library", "roundtrip", "browser", "memory", "progress", "suggest", "files", "s3")
ORDER = ["rerun_ms_floor", "rerun_ms_practice", "rerun_ms_practice_whiteboard", "rerun_ms_practice_1000",
         "yaml_parse_s_1000", "library_load_s_1000", "session_roundtrip_ms", "click_to_render_ms", "rss_mb_1",
         "rss_mb_per_session"]
RERUN_ROUNDS = 3


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def bench_rerun() -> dict[str, dict]:
    from bench.library_load import make_library
    from bench.rerun import measure

    with tempfile.TemporaryDirectory(prefix="bench-1000-") as tmp:
        cases = make_library(Path(tmp) / "cases", 1000)
        runs: dict[str, list[dict]] = {"floor": [], "practice": [], "practice_whiteboard": [], "practice_1000": []}
        for r in range(RERUN_ROUNDS):  # interleaved rounds, so all three see the same machine
            for name, which, folder in (("floor", "floor", None), ("practice", "practice", None),
                                        ("practice_whiteboard", "whiteboard", None),
                                        ("practice_1000", "practice", cases)):
                _log(f"  rerun {name} (round {r + 1} of {RERUN_ROUNDS})")
                runs[name].append(measure(which, folder))

    def best(name: str) -> tuple[float, dict]:
        chosen = min(runs[name], key=lambda x: x["summary"]["median"])
        detail = {"runs_median_ms": [x["summary"]["median"] for x in runs[name]], "chosen": chosen["summary"],
                  "by_action": {k: v["median"] for k, v in chosen["by_kind"].items()}}
        if "library_cases" in chosen:
            detail["library_cases"] = chosen["library_cases"]
            detail["first_run_s"] = chosen["first_run_s"]
        return chosen["summary"]["median"], detail

    how = (f"median AppTest.run() over 30 cycles of (type an answer, toggle a rubric item, move a step), after "
           f"3 warm-up cycles, in a fresh process; the better of {RERUN_ROUNDS} interleaved rounds")
    floor, floor_d = best("floor")
    practice, practice_d = best("practice")
    big, big_d = best("practice_1000")
    board, board_d = best("practice_whiteboard")
    return {
        "rerun_ms_floor": metric(floor, "ms", None, detail=floor_d,
                                 note="bench/floor_app.py: the practice page's pages, elements and widget keys "
                                      f"with constant text and no logic; {how}"),
        "rerun_ms_practice": metric(practice, "ms", 1.5 * floor, detail=practice_d,
                                    target_note="1.5 × rerun_ms_floor",
                                    note=f"app.py on the practice page, shipped library, every step self-checked; "
                                         f"{how}"),
        "rerun_ms_practice_whiteboard": metric(board, "ms", 1.5 * floor, detail=board_d,
                                               target_note="1.5 × rerun_ms_floor",
                                               note="the practice page with a diagram drawn from a template on "
                                                    "every step and every estimate filled in (live Mermaid preview "
                                                    f"and judged worksheet on the page); {how}"),
        "rerun_ms_practice_1000": metric(big, "ms", 1.1 * practice, detail=big_d,
                                         target_note="1.1 × rerun_ms_practice",
                                         note="the same with WORKBENCH_CASES holding 1,000 synthetic cases "
                                              f"(copies of short-video-feed); {how}"),
    }


def bench_library() -> dict[str, dict]:
    from bench.library_load import measure

    return measure()


def bench_roundtrip() -> dict[str, dict]:
    from bench.roundtrip import measure

    return measure()


def bench_browser() -> dict[str, dict]:
    from bench.browser import measure

    return measure()


def bench_memory() -> dict[str, dict]:
    from bench.memory import measure

    return measure()


def bench_progress() -> dict[str, dict]:
    if not PROGRESS.exists():
        return {"progress": metric(None, "", None, note="bench/progress.py is not present; nothing to merge")}
    started = time.time()
    proc = subprocess.run([sys.executable, "-m", "bench.progress"], cwd=ROOT,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True,
                          timeout=1200, check=False)
    if proc.returncode != 0 or not PROGRESS_JSON.exists() or PROGRESS_JSON.stat().st_mtime < started:
        return {"progress": metric(None, "", None,
                                   note=f"bench/progress.py failed ({proc.returncode}): {proc.stderr[-500:]}")}
    data = json.loads(PROGRESS_JSON.read_text())
    metrics = data.get("metrics", data)
    return {k: v for k, v in metrics.items() if isinstance(v, dict) and "value" in v}


def bench_suggest() -> dict[str, dict]:
    from bench.suggest import measure

    return measure()


def bench_files() -> dict[str, dict]:
    from bench.hostile import measure as hostile
    from bench.loading import measure as loading

    return {**hostile(), **loading()}


def bench_s3() -> dict[str, dict]:
    from bench.store_s3 import measure

    return measure()


BENCHES = {"rerun": bench_rerun, "library": bench_library, "roundtrip": bench_roundtrip,
           "browser": bench_browser, "memory": bench_memory, "progress": bench_progress, "suggest": bench_suggest,
           "files": bench_files, "s3": bench_s3}


def machine() -> dict:
    cpu = ""
    with open("/proc/cpuinfo") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_kib = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                    if line.startswith("MemTotal:")), 0)

    def version(pkg: str) -> str | None:
        try:
            return metadata.version(pkg)
        except metadata.PackageNotFoundError:
            return None

    chromium = None
    if Path("/usr/bin/chromium").exists():
        try:
            chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True,
                                      timeout=30, check=False).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            chromium = None
    return {"cpu": cpu, "cpus": os.cpu_count(), "memory_gib": round(mem_kib / 1024 / 1024, 1),
            "platform": platform.platform(), "python": platform.python_version(),
            "streamlit": version("streamlit"), "pyyaml": version("PyYAML"), "playwright": version("playwright"),
            "chromium": chromium}


def print_table(metrics: dict[str, dict]) -> None:
    rows = [("metric", "value", "unit", "target", "ok", "target from")]
    for name, m in metrics.items():
        value = "n/a" if m.get("value") is None else f"{m['value']:g}"
        target = "—" if m.get("target") is None else f"{m['target']:g}"
        ok = {True: "yes", False: "NO", None: "—"}[m.get("ok")]
        rows.append((name, value, m.get("unit", ""), target, ok, m.get("target_note", "")))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print(" | ".join(cell.ljust(w) if i in (0, 2, 5) else cell.rjust(w)
                         for i, (cell, w) in enumerate(zip(row, widths, strict=True))).rstrip())
        if n == 0:
            print("-|-".join("-" * w for w in widths))


def ordered(metrics: dict[str, dict]) -> dict[str, dict]:
    head = [k for k in ORDER if k in metrics]
    return {k: metrics[k] for k in head + sorted(k for k in metrics if k not in head)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=GROUPS, help="run only these groups; keep the others")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    groups = args.only or list(GROUPS)
    previous = json.loads(args.out.read_text()).get("metrics", {}) if args.only and args.out.exists() else {}
    metrics: dict[str, dict] = dict(previous)
    load_before = os.getloadavg()
    started = time.monotonic()
    seconds: dict[str, float] = {}
    for group in groups:
        _log(f"{group} …")
        t = time.monotonic()
        try:
            metrics.update(BENCHES[group]())
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            _log(f"  {group} failed: {exc}")
            metrics[f"{group}_error"] = metric(None, "", None, note=f"{type(exc).__name__}: {exc}"[:1000])
        seconds[group] = round(time.monotonic() - t, 1)
        _log(f"  {group} took {seconds[group]:.0f} s")
    metrics = ordered(metrics)
    result = {
        "metrics": metrics,
        "machine": machine(),
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "run": {"groups": groups, "seconds": seconds, "total_s": round(time.monotonic() - started, 1),
                "loadavg_before": [round(x, 2) for x in load_before],
                "loadavg_after": [round(x, 2) for x in os.getloadavg()]},
    }
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print_table(metrics)
    missed = [k for k, m in metrics.items() if m.get("ok") is False]
    print(f"\nwrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out} "
          f"({result['run']['total_s']:.0f} s)" + (f"; missed targets: {', '.join(missed)}" if missed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
