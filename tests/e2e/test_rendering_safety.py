"""Markup typed into an answer or written in a case file is shown as text and never runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from tests.e2e.ui import (
    answer_box,
    by_key,
    click,
    no_app_errors,
    open_library,
    snap,
    start_case,
    write_answer,
)
from workbench.devserver import ROOT

pytestmark = pytest.mark.e2e

CASE_ID = "escaping-probe"


def script(tag: str) -> str:
    return f"<script>window.__pwned='{tag}';alert('{tag}')</script>"


def img(tag: str) -> str:
    return f'<img src=x onerror="window.__pwned=\'{tag}\';alert(\'{tag}\')">'


@pytest.fixture
def hostile_cases(tmp_path: Path) -> Path:
    """A valid case whose every shown text carries markup that would run if rendered as HTML."""
    data = yaml.safe_load((ROOT / "cases" / "short-video-feed.yaml").read_text())
    data["id"] = CASE_ID
    data["title"] = f"Escaping probe {script('title')}"
    data["summary"] = f"Summary {img('summary')}"
    data["prompt"] = f"The prompt {script('prompt')}\n\nand {img('prompt')} inline."
    data["facts"][0]["question"] = f"Question {img('fact-q')}"
    data["facts"][0]["answer"] = f"Answer {script('fact-a')}"
    req = data["steps"]["requirements"]
    req["questions"][0] = f"Think {img('question')}"
    req["hints"][0] = f"Hint {script('hint')} {img('hint')}"
    req["rubric"][0]["text"] = f"Rubric {img('rubric')}"
    req["rubric"][0]["why"] = f"Why {script('why')}"
    req["pitfalls"] = [f"Pitfall {img('pitfall')}"]
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / f"{CASE_ID}.yaml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return folder


def nothing_ran(page: Page) -> None:
    assert page.evaluate("() => window.__pwned") is None, "an injected script or handler ran"
    assert page.dialogs == [], f"an injected alert() ran: {page.dialogs}"
    assert page.locator('img[src="x"]').count() == 0, "an injected <img> element is in the page"
    assert not page.evaluate("() => [...document.scripts].some(s => s.textContent.includes('__pwned'))")


def shown_as_text(page: Page, text: str) -> None:
    expect(page.get_by_text(text).first).to_be_visible()


def test_detector_catches_markup_that_runs(new_page):
    """The control: the same payloads, put into the page as HTML, are caught by the checks."""
    page = new_page()
    page.set_content(f"<p>{img('control')}</p>")
    page.wait_for_function("() => window.__pwned === 'control'")
    page.wait_for_function("() => document.readyState === 'complete'")
    assert page.dialogs == ["control"]
    with pytest.raises(AssertionError):
        nothing_ran(page)


def test_markup_in_case_file_and_answer_is_text(start_server, hostile_cases, new_page):
    server = start_server(cases=hostile_cases)
    page = new_page()
    open_library(page, server.base_url)
    shown_as_text(page, script("title"))
    shown_as_text(page, img("summary"))
    nothing_ran(page)

    start_case(page, CASE_ID)
    shown_as_text(page, script("prompt"))
    shown_as_text(page, img("prompt"))
    by_key(page, "ask-all").locator("label").first.click()  # "Show all questions"
    shown_as_text(page, img("fact-q"))
    fact_id = yaml.safe_load((hostile_cases / f"{CASE_ID}.yaml").read_text())["facts"][0]["id"]
    click(page, f"facts-fact-{fact_id}", saves=True)
    shown_as_text(page, script("fact-a"))
    shown_as_text(page, img("question"))
    click(page, "hint-requirements", saves=True)
    shown_as_text(page, f"Hint {script('hint')} {img('hint')}")
    click(page, "check-requirements", saves=True)
    shown_as_text(page, f"Rubric {img('rubric')}")
    click(page, "rubric-requirements-score", saves=True)
    shown_as_text(page, script("why"))
    page.get_by_text("Common pitfalls on this step").click()
    shown_as_text(page, img("pitfall"))
    nothing_ran(page)

    typed = f"Answer with {script('answer')} and {img('answer')}\n\n**bold** stays markdown."
    write_answer(page, "requirements", typed)
    expect(answer_box(page, "requirements")).to_have_value(typed)
    page.get_by_role("tab", name="Preview").click()
    preview = page.locator('[data-testid="stMarkdownContainer"]').filter(has_text="stays markdown")
    expect(preview.get_by_text(f"Answer with {script('answer')} and {img('answer')}")).to_be_visible()
    expect(page.locator('[data-testid="stMarkdownContainer"] strong', has_text="bold")).to_be_visible()
    nothing_ran(page)
    no_app_errors(page)
    snap(page, "rendering-safety", full=False)

    # a fresh page load of the same session renders it all again, still as text
    page.reload()
    expect(by_key(page, "answer-requirements")).to_be_visible()
    page.get_by_text("The prompt", exact=True).click()  # folded once an answer exists
    shown_as_text(page, script("prompt"))
    nothing_ran(page)


def test_markup_on_console_and_candidate_view_is_text(start_server, hostile_cases, new_page):
    server = start_server(cases=hostile_cases)
    console = new_page()
    open_library(console, server.base_url)
    start_case(console, CASE_ID, mode="interview")
    expect(console.get_by_role("heading", name="Interviewer console")).to_be_visible()
    shown_as_text(console, img("fact-q"))
    shown_as_text(console, f"Rubric {img('rubric')}")
    console.get_by_text("The prompt", exact=True).click()
    shown_as_text(console, script("prompt"))
    console.get_by_role("tab", name="Hints").click()
    click(console, "give-hint", saves=True)
    console.get_by_role("tab", name="Hints").click()
    shown_as_text(console, f"Hint {script('hint')} {img('hint')}")
    fact_id = yaml.safe_load((hostile_cases / f"{CASE_ID}.yaml").read_text())["facts"][0]["id"]
    click(console, f"reveal-fact-{fact_id}", saves=True)
    shown_as_text(console, script("fact-a"))
    nothing_ran(console)
    no_app_errors(console)

    candidate = new_page()
    candidate.goto(str(console.get_by_role("link", name=re.compile("Open the candidate's pad")).get_attribute("href")))
    expect(candidate.get_by_role("heading", name=f"Escaping probe {script('title')}")).to_be_visible()
    shown_as_text(candidate, script("prompt"))
    shown_as_text(candidate, img("question"))
    shown_as_text(candidate, script("fact-a"))
    shown_as_text(candidate, f"Hint {script('hint')} {img('hint')}")
    nothing_ran(candidate)
    no_app_errors(candidate)
