"""The offline suggester: time to score a 300-word step answer, and time to fit the library index.

The answer is the dev set's strong payment-fraud requirements answer, extended with its
data answer to exactly 300 words, scored against the requirements rubric (12+ items).
Fitting is timed from cold caches (normalisation and stemming caches cleared), as in a
fresh server process.

    python -m bench.suggest
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import yaml

from bench.common import ROOT, metric, summary_ms
from workbench.library import load_library
from workbench.suggest import index_for, suggest
from workbench.suggest.index import fit_index
from workbench.suggest.textmatch import _normalise, stem

ANSWERS = ROOT / "tests" / "data" / "answers"
CASE, STEP = "payment-fraud", "requirements"
WORDS = 300


def answer_of(words: int = WORDS) -> str:
    parts = [yaml.safe_load(Path(ANSWERS / f"{CASE}.{name}.yaml").read_text())["answer"]
             for name in ("requirements.strong", "data.medium")]
    return " ".join("\n".join(parts).split()[:words])


def measure(repeats: int = 200, fits: int = 5) -> dict[str, dict]:
    lib = load_library()
    fit_s, fit_cpu_s = [], []
    for _ in range(fits):
        _normalise.cache_clear()
        stem.cache_clear()
        t, c = time.perf_counter(), time.process_time()
        fit_index(lib)
        fit_s.append(time.perf_counter() - t)
        fit_cpu_s.append(time.process_time() - c)
    index_for(lib)
    text = answer_of()
    case = lib.cases[CASE]
    t = time.perf_counter()
    first = suggest(case, STEP, text, lib)
    first_ms = (time.perf_counter() - t) * 1000
    samples, cpu = [], []
    for n in range(repeats):
        varied = f"{text} (v{n})"  # a new text each time, as typing makes it: no cache hit on the whole answer
        t, c = time.perf_counter(), time.process_time()
        suggest(case, STEP, varied, lib)
        samples.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    s, s_cpu = summary_ms(samples), summary_ms(cpu)
    return {
        "suggest_ms": metric(s["median"], "ms", 50.0, digits=2,
                             note=f"workbench.suggest.suggest on a {len(text.split())}-word answer against the "
                                  f"{len(first)} items of {CASE}/{STEP}, index already fitted; median wall time of "
                                  f"{repeats} (process CPU time in detail.cpu)",
                             detail={**s, "first_call_ms": round(first_ms, 2), "cpu": s_cpu}),
        "suggest_index_fit_s": metric(min(fit_cpu_s), "s", 1.0, digits=3,
                                      note=f"workbench.suggest.index.fit_index over the shipped library "
                                           f"({len(lib.cases)} cases) from cold caches; best of {fits}, process CPU "
                                           f"time (wall time in detail: on a shared two-core machine it mostly "
                                           f"measures the other processes' load, see loadavg)",
                                      detail={"runs_s": [round(x, 3) for x in fit_s],
                                              "median_s": round(statistics.median(fit_s), 3),
                                              "cpu_runs_s": [round(x, 3) for x in fit_cpu_s]}),
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
