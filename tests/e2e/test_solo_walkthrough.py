"""A whole solo walkthrough in a real browser, then the downloaded file restores it elsewhere."""

from __future__ import annotations

import re

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
from workbench.sessionfile import session_from_bytes

pytestmark = pytest.mark.e2e

CASE = "short-video-feed"


def _answer(step: str) -> str:
    return f"## {step.title()}\n\nMy {step} answer, typed in the browser.\n- first point\n- second point"


def test_solo_walkthrough_download_and_restore_in_a_fresh_browser(server, new_page, library, tmp_path):
    case = library.cases[CASE]
    steps = library.framework.steps
    page = new_page()
    open_library(page, server.base_url)
    expect(page.get_by_text(case.title).first).to_be_visible()
    snap(page, "library", full=False)
    sid = start_case(page, CASE)
    no_app_errors(page)

    for n, fstep in enumerate(steps, start=1):
        step = fstep.id
        expect(step_heading(page, n, fstep.title)).to_be_visible()
        write_answer(page, step, _answer(step))
        # a hint: the first rung of this step's ladder
        click(page, f"hint-{step}", saves=True)
        expect(page.get_by_text(case.steps[step].hints[0])).to_be_visible()
        # the rubric stays hidden until the step is checked
        expect(page.locator(f'[class*="-rubric-{step}-chk-"]')).to_have_count(0)
        click(page, f"check-{step}", saves=True)
        expect(page.get_by_text("Self-check: tick what your answer covered")).to_be_visible()
        items = library.rubric(case, step)
        expect(page.locator(f'[class*="-rubric-{step}-chk-"]')).to_have_count(len(items))
        first = case.steps[step].rubric[0]
        tick(page, f"rubric-{step}-chk-{first.id}")
        click(page, f"rubric-{step}-score", saves=True)  # the second stage: the score and the misses
        expect(page.get_by_text("Your score for this step")).to_be_visible()
        expected = f"{first.weight / sum(i.weight for i in items) * 100:.0f}%"
        expect(page.locator('[data-testid="stMetric"]').filter(has_text="Step score").first).to_contain_text(expected)
        missed = next(i for i in case.steps[step].rubric[1:] if i.why)
        expect(page.get_by_text(missed.why)).to_be_visible()
        no_app_errors(page)
        if n == 2:
            snap(page, "practice")
        if n < len(steps):
            click(page, "next", saves=True)
        else:
            click(page, "finish", saves=True)

    expect(page.get_by_text("Session finished")).to_be_visible()
    expect(page.locator('[data-testid="stMetric"]').filter(has_text="Your score")).to_be_visible()
    snap(page, "practice-summary")

    # the download is the saved session
    with page.expect_download() as info:
        click(page, "download")
    download = info.value
    assert download.suggested_filename == f"{CASE}-{sid[:8]}.yaml"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    data = path.read_bytes()
    saved = session_from_bytes(data, path.name)
    assert saved.id == sid and saved.case.id == CASE and saved.status == "completed"
    for fstep in steps:
        rec = saved.step(fstep.id)
        assert rec.answer == _answer(fstep.id)
        assert rec.hints_revealed == 1
        assert rec.self_checked and rec.scored
        mine = [(c.item, c.by) for c in rec.checks if c.by == "self"]  # the suggester's are saved apart
        assert mine == [(case.steps[fstep.id].rubric[0].id, "self")]
    stored = server.store / f"{sid}.yaml"
    assert data == stored.read_bytes(), "the download must be the same bytes as the autosaved file"

    # another machine: the store no longer has it, a fresh browser context uploads the file
    stored.unlink()
    other = new_page()
    other.goto(server.url("/practice"))
    expect(other.get_by_text("No session is open")).to_be_visible()
    other.locator('.st-key-upload-practice-empty input[type="file"]').set_input_files(path)
    expect(other.get_by_text(f"Opened {path.name}.")).to_be_visible()
    expect(other).to_have_url(re.compile(rf"/practice\?session={sid}$"))
    last = steps[-1]
    expect(step_heading(other, len(steps), last.title)).to_be_visible()
    expect(answer_box(other, last.id)).to_have_value(_answer(last.id))
    expect(other.get_by_text("Session finished")).to_be_visible()
    first_step = steps[0]
    click(other, f"stepper-step-{first_step.id}", saves=True)
    expect(step_heading(other, 1, first_step.title)).to_be_visible()
    expect(answer_box(other, first_step.id)).to_have_value(_answer(first_step.id))
    expect(other.get_by_text(case.steps[first_step.id].hints[0])).to_be_visible()
    ticked = by_key(other, f"rubric-{first_step.id}-chk-{case.steps[first_step.id].rubric[0].id}")
    expect(ticked.locator("input")).to_be_checked()
    no_app_errors(other)
    # and it is back in the store, unchanged in substance
    restored = session_from_bytes(stored.read_bytes(), stored.name)
    assert [s.answer for s in restored.steps] == [s.answer for s in saved.steps]
    assert [s.checks for s in restored.steps] == [s.checks for s in saved.steps]
