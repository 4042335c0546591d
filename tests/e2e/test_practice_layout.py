"""[9] Practice at 1400x900: the answer box near the top on every step, the self-check and the debrief."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.ui import (
    answer_box,
    by_key,
    click,
    no_app_errors,
    open_library,
    snap,
    start_case,
    step_heading,
    tick,
    write_answer,
)

pytestmark = pytest.mark.e2e

CASE = "short-video-feed"
SIZE = {"width": 1400, "height": 900}
ANSWER_TOP_MAX_PX = 500


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=SIZE)
    p = context.new_page()
    p.set_default_timeout(30_000)
    p.on("dialog", lambda d: d.accept())
    yield p
    context.close()


def _answer_top(page, step: str) -> float:
    box = answer_box(page, step)
    expect(box).to_be_visible()
    rect = box.bounding_box()
    assert rect is not None
    return rect["y"]


def test_answer_first_on_every_step_then_self_check_and_debrief(server, page, library):
    case = library.cases[CASE]
    steps = library.framework.steps
    open_library(page, server.base_url)
    start_case(page, CASE)
    tops = {}
    for n, step in enumerate(steps, start=1):
        if n > 1:
            click(page, "-next", saves=True)
        expect(step_heading(page, n, step.title)).to_be_visible()
        tops[step.id] = _answer_top(page, step.id)
        # each step's box holds its own text, never the previous step's
        expect(answer_box(page, step.id)).to_have_value("")
        if n == 1:
            snap(page, "practice-first-step", full=False)
        write_answer(page, step.id, f"My {step.title.lower()} answer.")
        click(page, f"check-{step.id}", saves=True)
        first = case.steps[step.id].rubric[0]
        tick(page, f"rubric-{step.id}-chk-{first.id}")
        click(page, f"rubric-{step.id}-score", saves=True)
        expect(page.get_by_text("Your score for this step")).to_be_visible()
        if n == 1:
            snap(page, "practice-self-check", full=False)
    assert all(top <= ANSWER_TOP_MAX_PX for top in tops.values()), tops

    # the stepper and clock stay in view while scrolling down the page
    page.mouse.move(700, 600)
    page.mouse.wheel(0, 3000)
    page.wait_for_function("() => document.querySelector('[data-testid=\"stMain\"]').scrollTop > 200")
    expect(by_key(page, "wb-sticky")).to_be_in_viewport()

    click(page, "-finish", saves=True)
    debrief = page.locator('[data-testid="stVerticalBlock"][class*="-debrief-debrief"]')
    expect(debrief.get_by_text("Your heaviest gaps")).to_be_visible()
    expect(debrief).to_be_in_viewport()  # the page scrolled to it
    snap(page, "practice-debrief", full=False)
    no_app_errors(page)
