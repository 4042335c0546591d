"""Click to render in a real browser: from a click on the practice page to its result on screen.

A real ``streamlit run`` server and Debian's Chromium (``workbench.devserver``, as the browser tests use). On
the practice page with the step checked, two kinds of click alternate: a stepper button
(result: the new step's heading) and a rubric checkbox (result: the step score the
server recomputes). Time runs in the page, from the click event to the first
animation frame after the result is in the DOM.

    python -m bench.browser
"""

from __future__ import annotations

import json
import statistics
import tempfile
from pathlib import Path

from bench.common import metric, summary_ms
from workbench.devserver import VIEWPORT, StreamlitServer, browser_session, chromium_problem

CASE = "short-video-feed"

# Arm a measurement: resolve with the milliseconds from the next click to the frame after `done()` holds.
ARM = """([kind, expected]) => {
  const coverage = () => {
    const m = [...document.querySelectorAll('[data-testid="stMetric"]')]
      .find(e => e.innerText.startsWith('Step score'));
    return m ? m.querySelector('[data-testid="stMetricValue"]').innerText : null;
  };
  const heading = () => [...document.querySelectorAll('h3, h4')].some(
    h => h.innerText.trim() === expected && !h.closest('[data-stale="true"]'));
  const before = coverage();
  const done = kind === 'step' ? heading : () => { const c = coverage(); return c !== null && c === expected; };
  window.__result = new Promise((resolve, reject) => {
    let t0 = null;
    document.addEventListener('click', () => { t0 = performance.now(); check(); }, {capture: true, once: true});
    const obs = new MutationObserver(() => check());
    const timer = setTimeout(() => { obs.disconnect(); reject(new Error('timeout, before=' + before)); }, 20000);
    function check() {
      if (t0 === null || !done()) return;
      obs.disconnect(); clearTimeout(timer);
      requestAnimationFrame(() => resolve(performance.now() - t0));
    }
    obs.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
  });
}"""


def _coverage_after(ticked: set[str], items, weights_total: int) -> str:
    covered = sum(i.weight for i in items if i.id in ticked)
    return f"{covered / weights_total * 100:.0f}%"


def measure(samples: int = 24) -> dict[str, dict]:
    problem = chromium_problem()
    if problem:
        return {"click_to_render_ms": metric(None, "ms", 300.0, note=f"not measured: {problem}")}
    from playwright.sync_api import expect

    from workbench.devbrowser import by_key, click, open_library, saving, start_case, step_heading
    from workbench.library import load_library

    lib = load_library()
    case = lib.cases[CASE]
    steps = lib.framework.steps
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp, \
            StreamlitServer(store=Path(tmp) / "store", log_path=Path(tmp) / "server.log") as server, \
            browser_session() as browser:
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        page.set_default_timeout(30_000)
        expect.set_options(timeout=30_000)
        open_library(page, server.base_url)
        start_case(page, CASE)
        for n, fstep in enumerate(steps[:2], start=1):  # two steps checked: the checklist shows on both
            if n > 1:
                click(page, f"stepper-step-{fstep.id}", saves=True)
            expect(step_heading(page, n, fstep.title)).to_be_visible()
            click(page, f"check-{fstep.id}", saves=True)
            click(page, f"rubric-{fstep.id}-score", saves=True)  # scored: the step's score shows and updates
            expect(page.get_by_text("Your score for this step")).to_be_visible()
        ticked: dict[str, set[str]] = {s.id: set() for s in steps[:2]}
        current = 1  # index of the step on screen
        times: dict[str, list[float]] = {"step": [], "tick": []}
        warmup = 4
        for i in range(samples + warmup):
            fstep = steps[current]
            if i % 2 == 0:  # tick or untick the next item of this step, wait for the new coverage
                items = lib.rubric(case, fstep.id)
                item = items[(i // 2) % len(items)]
                ticked[fstep.id] ^= {item.id}
                expected = _coverage_after(ticked[fstep.id], items, sum(x.weight for x in items))
                with saving(page):  # the next click starts only after this rerun has finished
                    page.evaluate(ARM, ["tick", expected])
                    by_key(page, f"rubric-{fstep.id}-chk-{item.id}").locator("label").first.click()
                    took = page.evaluate("window.__result")
                kind = "tick"
            else:  # move to the other checked step, wait for its heading
                current = 1 - current
                target = steps[current]
                with saving(page):
                    page.evaluate(ARM, ["step", f"{current + 1}. {target.title}"])
                    click(page, f"stepper-step-{target.id}")
                    took = page.evaluate("window.__result")
                kind = "step"
            if i >= warmup:
                times[kind].append(took / 1000)
        context.close()
    every = times["step"] + times["tick"]
    value = statistics.median(every) * 1000
    return {"click_to_render_ms": metric(
        value, "ms", 300.0,
        note=f"median of {len(every)} clicks on the practice page (stepper buttons and rubric checkboxes, "
             "alternating), from the click event to the first frame after the server's result is in the DOM",
        detail={"all": summary_ms(every), "stepper": summary_ms(times["step"]),
                "checkbox": summary_ms(times["tick"])})}


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
