"""A remote interview with two people in two browsers: the candidate writes and draws on the pad,
the interviewer sees it live, quotes it as evidence and rates; and a link opens one role only."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.ui import by_key, no_app_errors, open_library, redrawn, saving, start_case
from workbench.sessionfile import session_from_bytes, session_to_bytes

pytestmark = pytest.mark.e2e

CASE = "short-video-feed"
ANSWER = "Optimise for long-term retention, not raw clicks. Watch time is the online metric."
DIAGRAM = "flowchart LR\n    logs[Event logs] --> ranker[Ranker]\n    ranker --> feed[Feed]"
LIVE_S = 3.0


def _candidate_url(console: Page) -> str:
    link = console.get_by_role("link", name=re.compile("Open the candidate's pad"))
    expect(link).to_be_visible()
    return str(link.get_attribute("href"))


def _send(box, text: str) -> None:
    box.fill(text)
    box.press("Control+Enter")


def test_candidate_writes_and_draws_the_console_sees_it_and_quotes_it(server, new_page, library):
    case = library.cases[CASE]
    console = new_page()
    open_library(console, server.base_url)
    sid = start_case(console, CASE, mode="interview", candidate="Ada Lovelace")
    url = _candidate_url(console)
    assert "/candidate?c=" in url and sid not in url

    candidate = new_page()  # the candidate's own browser: nothing but the link
    candidate.goto(url)
    expect(candidate.get_by_role("heading", name=case.title)).to_be_visible()
    expect(candidate.get_by_test_id("stSidebarNav")).to_have_count(0)  # no app navigation
    assert sid not in candidate.url

    answer = by_key(candidate, "pad-answer-requirements").locator("textarea")
    started = time.monotonic()
    _send(answer, ANSWER)
    expect(by_key(console, "pad-requirements-text")).to_contain_text("Watch time is the online metric.",
                                                                     timeout=LIVE_S * 1000)
    text_seen_s = time.monotonic() - started

    diagram = by_key(candidate, "pad-diagram-requirements").locator("textarea")
    started = time.monotonic()
    _send(diagram, DIAGRAM)
    chart = by_key(console, "pad-requirements-diagram").locator('[data-testid="stMermaidChart"]')
    expect(chart).to_be_visible(timeout=LIVE_S * 1000)
    diagram_seen_s = time.monotonic() - started
    expect(chart.locator("img")).to_be_visible()  # Mermaid draws it as a picture
    print(f"console saw the text after {text_seen_s:.2f} s and the diagram after {diagram_seen_s:.2f} s")

    # one click quotes a sentence as evidence for the chosen item (the first one by default)
    with saving(console):
        by_key(console, "pad-requirements-quote-1").get_by_role("button", name="Quote").click()
    item = library.rubric(case, "requirements")[0]
    evidence = redrawn(by_key(console, f"ichkev-{item.id}").locator("input"))  # changed by the app
    expect(evidence).to_have_value("“Watch time is the online metric.”")
    expect(redrawn(by_key(console, f"ichk-{item.id}").locator("input"))).to_be_checked()
    option = by_key(console, "rating-requirements").locator('[data-testid="stRadioOption"]').filter(
        has_text=re.compile("^Hire$"))
    with saving(console):
        option.click()
    no_app_errors(console)
    no_app_errors(candidate)

    raw = (server.store / f"{sid}.yaml").read_bytes()
    saved = session_from_bytes(raw, "interview.yaml")
    rec = saved.step("requirements")
    assert rec.answer == ANSWER and rec.diagram.strip() == DIAGRAM and rec.rating == "hire"
    quoted = [c for c in rec.checks if c.by == "interviewer"]
    assert [c.evidence for c in quoted] == ["“Watch time is the online metric.”"]
    assert session_to_bytes(saved) == raw  # loads back equal, byte for byte


def test_a_candidate_link_edited_reaches_no_other_role(server, new_page, library):
    case = library.cases[CASE]
    console = new_page()
    open_library(console, server.base_url)
    sid = start_case(console, CASE, mode="interview")
    url = _candidate_url(console)
    token = url.rsplit("c=", 1)[1]
    step = case.steps["requirements"]
    private = [i.text for i in library.rubric(case, "requirements")] + [p.ask for p in step.probes]
    browser = new_page()
    for path in (f"/interview?c={token}", f"/review?c={token}", f"/sessions?c={token}", f"/progress?c={token}",
                 f"/compare?c={token}", f"/practice?c={token}", f"/?c={token}&session={sid}"):
        browser.goto(server.url(path))
        expect(browser.get_by_role("heading", name=case.title)).to_be_visible()
        _nothing_private(browser, sid, private)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    for path in (f"/review?r={token}", f"/candidate?c={tampered}"):
        browser.goto(server.url(path))
        expect(browser.get_by_text("This link does not open anything")).to_be_visible()
        _nothing_private(browser, sid, private)
    # the interviewer replaces the link: the old one stops working, in an open tab too
    open_tab = new_page()
    open_tab.goto(url)
    expect(open_tab.get_by_role("heading", name=case.title)).to_be_visible()
    console.get_by_text("Links to share").click()
    by_key(console, "links-candidate-issue").locator("button").click()
    expect(console.get_by_role("link", name=re.compile("Open the candidate's pad"))).not_to_have_attribute(
        "href", url)
    expect(open_tab.get_by_text("This link does not open anything")).to_be_visible(timeout=10_000)
    browser.goto(url)
    expect(browser.get_by_text("This link does not open anything")).to_be_visible()
    # a reviewer's link opens the review page, whatever the path
    by_key(console, "links-reviewer-issue").locator("button").click()
    review_url = console.locator("code").filter(has_text="/review?r=").first
    expect(review_url).to_be_visible()
    rtoken = review_url.inner_text().strip().rsplit("r=", 1)[1]
    for path in (f"/interview?r={rtoken}", f"/sessions?r={rtoken}", f"/review?r={rtoken}&session={sid}"):
        browser.goto(server.url(path))
        expect(browser.get_by_role("heading", name="Review", exact=True)).to_be_visible()
        expect(browser.get_by_role("heading", name="Interviewer console")).to_have_count(0)
        expect(browser.get_by_test_id("stSidebarNav")).to_have_count(0)
        assert sid not in browser.url and sid[:8] not in browser.evaluate("() => document.body.innerHTML")
    no_app_errors(console)


def _nothing_private(page: Page, sid: str, private: list[str]) -> None:
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
    content = page.evaluate("() => document.body.innerHTML")
    leaked = [t for t in private if t in content]
    assert not leaked, leaked[:2]
    assert sid not in content and sid not in page.url
    assert "Rating for this step" not in content and "Interviewer console" not in content
    expect(page.locator('[data-testid="stCheckbox"]')).to_have_count(0)
    no_app_errors(page)
