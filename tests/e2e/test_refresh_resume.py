"""A browser refresh in the middle of a walkthrough resumes it with nothing lost."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.ui import (
    answer_box,
    by_key,
    click,
    no_app_errors,
    open_library,
    revision,
    saving,
    start_case,
    step_heading,
    tick,
    write_answer,
)
from workbench.sessionfile import session_from_bytes

pytestmark = pytest.mark.e2e

CASE = "short-video-feed"


def test_refresh_mid_walkthrough_resumes_everything(server, new_page, library):
    case = library.cases[CASE]
    first, second = library.framework.steps[0], library.framework.steps[1]
    fact = case.fact("latency")
    ticked = [case.steps[first.id].rubric[0], case.steps[first.id].rubric[2]]
    unticked = case.steps[first.id].rubric[1]

    page = new_page()
    open_library(page, server.base_url)
    sid = start_case(page, CASE)
    write_answer(page, first.id, "Requirements before the refresh.\n\nSecond paragraph.")
    question = by_key(page, "ask-q").locator("input")
    with saving(page):  # asked in the candidate's own words, answered from the closest fact
        question.fill("What latency budget do we have for a page?")
        expect(question).to_have_value("What latency budget do we have for a page?")  # typed before it is sent
        page.get_by_role("button", name="Ask").click()
    expect(page.get_by_text("You asked “What latency budget do we have for a page?”")).to_be_visible()
    expect(page.get_by_text(fact.answer).first).to_be_visible()
    click(page, f"hint-{first.id}", saves=True)
    expect(page.get_by_text(case.steps[first.id].hints[0])).to_be_visible()
    click(page, f"check-{first.id}", saves=True)
    for item in ticked:
        tick(page, f"rubric-{first.id}-chk-{item.id}")
    click(page, f"rubric-{first.id}-score", saves=True)
    click(page, f"stepper-step-{second.id}", saves=True)
    expect(step_heading(page, 2, second.title)).to_be_visible()
    write_answer(page, second.id, "Data, typed just before the refresh.")
    saved_revision = revision(page)
    url = page.url

    page.reload()

    # the same session, on the same step, at the revision last saved
    expect(page).to_have_url(url)
    expect(step_heading(page, 2, second.title)).to_be_visible()
    expect(answer_box(page, second.id)).to_have_value("Data, typed just before the refresh.")
    expect(page.get_by_text(f"revision {saved_revision}")).to_be_visible()
    expect(page.get_by_text(fact.answer).first).to_be_visible()  # it stays revealed
    expect(page.get_by_text("1 of 4 steps checked")).to_be_visible()
    no_app_errors(page)

    click(page, f"stepper-step-{first.id}", saves=True)
    expect(step_heading(page, 1, first.title)).to_be_visible()
    expect(answer_box(page, first.id)).to_have_value("Requirements before the refresh.\n\nSecond paragraph.")
    expect(page.get_by_text(case.steps[first.id].hints[0])).to_be_visible()
    expect(page.get_by_text("Your score for this step")).to_be_visible()
    for item in ticked:
        expect(by_key(page, f"rubric-{first.id}-chk-{item.id}").locator("input")).to_be_checked()
    expect(by_key(page, f"rubric-{first.id}-chk-{unticked.id}").locator("input")).not_to_be_checked()
    no_app_errors(page)

    stored = session_from_bytes((server.store / f"{sid}.yaml").read_bytes(), "stored.yaml")
    assert stored.facts_revealed == [fact.id]
    assert [c.item for c in stored.step(first.id).checks if c.by == "self"] == [i.id for i in ticked]
    assert stored.step(second.id).answer == "Data, typed just before the refresh."
