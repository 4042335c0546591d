"""Shared by the benchmark modules: metric entries, child processes, summaries of samples."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def compile_scripts_once() -> None:
    """Make AppTest compile each script once per process, as Streamlit's server does.

    The server keeps one ``ScriptCache`` for its lifetime, so a page script is read,
    rewritten for "magic" and compiled on its first run only. AppTest builds a fresh
    cache on every ``run()``, which would add that cost (about 20 ms for a 200-line page)
    to every rerun measured here though no user ever pays it. Fails loudly if a
    Streamlit release moves the class, rather than measuring something else.
    """
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    for module in (app_test, local_script_runner):
        if not isinstance(getattr(module, "ScriptCache", None), type):
            raise RuntimeError(f"{module.__name__} no longer builds a ScriptCache; update bench.common")
        module.ScriptCache = lambda: shared  # type: ignore[attr-defined,assignment]


def metric(value: float | None, unit: str, target: float | None, *, note: str = "",
           target_note: str = "", detail: dict[str, Any] | None = None, digits: int = 1) -> dict[str, Any]:
    """One entry of bench/results.json: value, unit, target, ok (None when there is no target or value)."""
    entry: dict[str, Any] = {
        "value": None if value is None else round(value, digits),
        "unit": unit,
        "target": None if target is None else round(target, digits),
        "ok": None if value is None or target is None else bool(value <= target),
    }
    if target_note:
        entry["target_note"] = target_note
    if note:
        entry["note"] = note
    if detail:
        entry["detail"] = detail
    return entry


def summary_ms(samples_s: list[float]) -> dict[str, float]:
    """Median, mean, p90 and count of samples given in seconds, in milliseconds."""
    ms = sorted(s * 1000 for s in samples_s)
    p90 = ms[min(len(ms) - 1, round(0.9 * (len(ms) - 1)))]
    return {"median": round(statistics.median(ms), 2), "mean": round(statistics.fmean(ms), 2),
            "p90": round(p90, 2), "min": round(ms[0], 2), "n": len(ms)}


def run_child(module: str, args: list[str], env: dict[str, str] | None = None, timeout: float = 600) -> dict:
    """Run ``python -m <module> <args>`` in a fresh interpreter; it prints one JSON line last."""
    full_env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    proc = subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, env=full_env, capture_output=True,
                          text=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{module} {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def emit(result: dict) -> None:
    """What a child prints for its parent: one JSON line."""
    print(json.dumps(result), flush=True)
