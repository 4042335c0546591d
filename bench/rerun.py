"""Rerun cost under AppTest: the floor app, the practice page, and the practice page over 1,000 cases.

Each figure comes from a fresh interpreter so caches and memory start equal. The same
three actions are timed on every app, cycling through the steps: type an answer
(text area), tick or untick a rubric item (checkbox) and move to the next step
(stepper button). Only ``AppTest.run()`` is timed, not finding the widget.

    python -m bench.rerun floor|practice|whiteboard [--cases DIR] [--cycles N]

``whiteboard`` is the practice page with a diagram on every step and the estimates worksheet
filled in (the same three actions are timed).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, compile_scripts_once, emit, run_child, summary_ms

FLOOR_APP = ROOT / "bench" / "floor_app.py"
CASE = "short-video-feed"
WARMUP_CYCLES = 3
samples_by_kind: dict[str, list[float]] = {}


def _find(widgets, suffix: str):
    found = [w for w in widgets if w.key and w.key.endswith(suffix)]
    if not found:
        raise RuntimeError(f"no widget ending {suffix!r}")
    return found[0]


def _timed(at, samples: list[float], kind: str, record: bool) -> None:
    t = time.perf_counter()
    at.run()
    took = time.perf_counter() - t
    if at.exception:
        raise RuntimeError(f"the app raised: {[e.value for e in at.exception]}")
    if record:
        samples.append(took)
        samples_by_kind.setdefault(kind, []).append(took)


def _cycle(at, i: int, steps: list[str], items: dict[str, str], samples: list[float], record: bool,
           floor: bool) -> None:
    """One cycle: type an answer, toggle an item, move to the next step."""
    step = "requirements" if floor else steps[i % len(steps)]
    nxt = steps[(i + 1) % len(steps)]
    _find(at.text_area, f"answer-{step}").input(f"Answer {i} for {step}.\n\nA second paragraph.")
    _timed(at, samples, "type", record)
    box = _find(at.checkbox, f"chk-{items[step]}")
    (box.uncheck() if box.value else box.check())
    _timed(at, samples, "tick", record)
    _find(at.button, f"stepper-step-{nxt}").click()
    _timed(at, samples, "move", record)


def child(which: str, cycles: int) -> dict:
    from streamlit.testing.v1 import AppTest

    compile_scripts_once()

    if which == "floor":
        at = AppTest.from_file(str(FLOOR_APP), default_timeout=120)
        at.run()
        steps = ["requirements", "data", "model", "deployment"]
        items = {"requirements": "item-0"}
    else:
        from workbench.library import load_library

        lib = load_library()
        case = lib.cases[CASE]
        steps = lib.framework.step_ids
        items = {s: case.steps[s].rubric[0].id for s in steps}
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        t = time.perf_counter()
        at.run()  # the library, then its start form with the default (solo) mode
        at.button(key=f"lib-{CASE}").click().run()
        at.button(key="FormSubmitter:start-form-Start").click().run()
        first_run = time.perf_counter() - t
        # every step self-checked, so each step shows its checklist (and the page its summary)
        for s in steps:
            _find(at.button, f"stepper-step-{s}").click().run()
            _find(at.button, f"check-{s}").click().run()
        if which == "whiteboard":
            _draw_and_size(at, case, steps)
        _find(at.button, f"stepper-step-{steps[0]}").click().run()
    samples: list[float] = []
    for i in range(WARMUP_CYCLES + cycles):
        _cycle(at, i, steps, items, samples, i >= WARMUP_CYCLES, which == "floor")
    out = {"summary": summary_ms(samples), "by_kind": {k: summary_ms(v) for k, v in samples_by_kind.items()}}
    if which != "floor":
        out["first_run_s"] = round(first_run, 2)
        out["library_cases"] = _library_size()
    return out


def _draw_and_size(at, case, steps: list[str]) -> None:
    """A diagram from the first template on every step, and every estimate given a value and working."""
    for s in steps:
        _find(at.button, f"stepper-step-{s}").click().run()
        _find(at.button, f"diagram-{s}-use").click().run()
        for est in (e for e in case.estimates if e.step == s):
            _find(at.text_input, f"est-{s}-{est.id}-value").input(f"{est.value} * 1.3 {est.unit}").run()
            _find(at.text_input, f"est-{s}-{est.id}-working").input("from the facts").run()
        if at.exception or not at.session_state["wb_session"].step(s).diagram:
            raise RuntimeError(f"could not draw on step {s}")


def _library_size() -> int:
    """How many cases the page's library holds (the cached one the runs used)."""
    from app_pages.state import library

    return len(library().cases)


def measure(which: str, cases: Path | None = None, cycles: int = 30) -> dict:
    """Run one figure in a fresh interpreter with its own empty store."""
    with tempfile.TemporaryDirectory(prefix="bench-store-") as store:
        env = {"WORKBENCH_STORE": store, "WORKBENCH_CASES": "" if cases is None else str(cases)}
        return run_child("bench.rerun", ["--child", which, "--cycles", str(cycles)], env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", choices=["floor", "practice", "whiteboard"])
    parser.add_argument("--cases", type=Path, default=None, help="extra case folder (WORKBENCH_CASES)")
    parser.add_argument("--cycles", type=int, default=30)
    parser.add_argument("--child", action="store_true", help="measure in this process and print JSON")
    args = parser.parse_args()
    if args.child:
        import logging

        logging.getLogger("streamlit").setLevel(logging.ERROR)
        emit(child(args.which, args.cycles))
    else:
        print(json.dumps(measure(args.which, args.cases, args.cycles), indent=2))


if __name__ == "__main__":
    main()
