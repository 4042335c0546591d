"""An interviewer-led walkthrough: the console in one browser, the candidate's pad (their link) in another.

The candidate writes on the pad at each step; the pad follows the console (facts revealed,
hints given, the current step) and its page never contains the rubric, probes, pitfalls, unrevealed facts or hints,
or anything the interviewer wrote.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.ui import (
    by_key,
    click,
    no_app_errors,
    open_library,
    redrawn,
    saving,
    snap,
    start_case,
    tick,
)
from workbench.sessionfile import session_from_bytes

pytestmark = pytest.mark.e2e

CASE = "short-video-feed"
RATINGS = {"requirements": "Hire", "data": "No hire"}


def _private_texts(library, case, revealed: set[str], hints_given: dict[str, int], written: list[str]) -> list[str]:
    """Every text the candidate must not see at this point of the interview."""
    texts = []
    for fstep in library.framework.steps:
        cstep = case.steps[fstep.id]
        for item in library.rubric(case, fstep.id):
            texts += [item.text, item.why]
        for probe in cstep.probes:
            texts += [probe.ask, probe.listen_for]
        texts += [p.text for p in cstep.pitfalls]
        texts += cstep.hints[hints_given.get(fstep.id, 0):]
    texts += [f.answer for f in case.facts if f.id not in revealed]
    texts += [r.anchor for r in library.framework.ratings]
    texts += written
    allowed = " ".join([case.prompt, *(f.question for f in case.facts),
                        *(q for s in case.steps.values() for q in s.questions)])
    return [t for t in texts if t and t not in allowed]


def _assert_no_leak(candidate: Page, private: list[str]) -> None:
    # textContent includes hidden elements (collapsed expanders, inactive tabs), not only what is visible
    content = candidate.evaluate("() => document.body.textContent")
    leaked = [t for t in private if t in content]
    assert not leaked, f"the candidate view shows private text: {leaked[:3]}"
    assert "Evidence" not in content and "Listen for" not in content and "Rating for this step" not in content


def _rate(page: Page, step: str, label: str) -> None:
    option = by_key(page, f"rating-{step}").locator('[data-testid="stRadioOption"]').filter(
        has_text=re.compile(rf"^{label}$"))
    with saving(page):
        option.click()
    expect(option.locator("input")).to_be_checked()


def _tab(page: Page, name: str) -> None:
    """Open a console tab. Opened again before each use: after a rerun the console sometimes
    falls back to its first tab (reported; the tabs keep no server-side state)."""
    tab = page.get_by_role("tab", name=name)
    tab.click()
    expect(tab).to_have_attribute("aria-selected", "true")


def _type_and_enter(page: Page, suffix: str, text: str, submit: str = "Enter") -> None:
    box = by_key(page, suffix).locator("input, textarea").first
    with saving(page):
        box.fill(text)
        box.press(submit)


def test_interview_console_and_candidate_view(server, new_page, library):
    case = library.cases[CASE]
    steps = library.framework.steps
    console = new_page()
    open_library(console, server.base_url)
    sid = start_case(console, CASE, mode="interview", candidate="Ada Lovelace", interviewer="Grace Hopper")
    expect(console.get_by_role("heading", name="Interviewer console")).to_be_visible()
    expect(console.get_by_text("Candidate: Ada Lovelace · Interviewer: Grace Hopper")).to_be_visible()

    # The candidate view in a second window, as it is shared on screen. (A second tab of the same
    # window works too, but Chromium throttles the tab in the background, which only slows the test.)
    candidate = new_page()
    link = console.get_by_role("link", name=re.compile("Open the candidate's pad"))
    candidate.goto(str(link.get_attribute("href")))  # the candidate's link: no session id in it
    assert sid not in candidate.url
    expect(candidate.get_by_role("heading", name=case.title)).to_be_visible()
    expect(candidate.get_by_text(f"Step 1 of {len(steps)}: {steps[0].title}")).to_be_visible()
    expect(candidate.get_by_text("None yet.")).to_be_visible()
    expect(candidate.get_by_text("None so far.")).to_be_visible()
    revealed: set[str] = set()
    hints_given: dict[str, int] = {}
    written: list[str] = []
    _assert_no_leak(candidate, _private_texts(library, case, revealed, hints_given, written))

    fact = case.facts[0]
    click(console, f"reveal-fact-{fact.id}", saves=True)
    expect(console.get_by_text(fact.answer)).to_be_visible()
    revealed.add(fact.id)
    expect(candidate.get_by_text(fact.answer)).to_be_visible()

    for n, fstep in enumerate(steps[:2], start=1):
        sid_step, cstep = fstep.id, case.steps[fstep.id]
        if n > 1:
            click(console, f"stepper-step-{sid_step}", saves=True)
            expect(console.get_by_role("heading", name=f"{n}. {fstep.title}")).to_be_visible()
            expect(candidate.get_by_text(f"Step {n} of {len(steps)}: {fstep.title}")).to_be_visible()
        # the candidate writes on their pad; the console shows it live
        pad_text = f"Pad answer on {sid_step}: start from the objective, then the baseline."
        pad = by_key(candidate, f"pad-answer-{sid_step}").locator("textarea")
        pad.fill(pad_text)
        pad.press("Control+Enter")
        expect(by_key(console, f"pad-{sid_step}-text")).to_contain_text(pad_text)
        item, other = cstep.rubric[0], cstep.rubric[1]
        # rubric: tick one item and give evidence; evidence alone ticks another
        _tab(console, "Rubric")
        tick(console, f"step-{sid_step}-ichk-{item.id}")
        evidence = f"Evidence on {sid_step}: named it unprompted"
        _tab(console, "Rubric")
        _type_and_enter(console, f"step-{sid_step}-ichkev-{item.id}", evidence)
        other_evidence = f"Evidence on {sid_step}: only when probed"
        _tab(console, "Rubric")
        _type_and_enter(console, f"step-{sid_step}-ichkev-{other.id}", other_evidence)
        # (that the box then shows ticked is test_evidence_alone_shows_the_item_ticked)
        _tab(console, "Rubric")
        _rate(console, sid_step, RATINGS[sid_step])
        written += [evidence, other_evidence]
        # a probe, marked asked, with what the candidate said
        _tab(console, "Probes")
        probe = cstep.probes[0]
        click(console, f"probe-{probe.id}", saves=True)
        _tab(console, "Probes")
        response = f"Candidate's reply on {sid_step}: talked about retention"
        _type_and_enter(console, f"resp-{probe.id}", response)
        written.append(response)
        # a hint, which the candidate sees
        _tab(console, "Hints")
        click(console, "give-hint", saves=True)
        _tab(console, "Hints")
        expect(console.get_by_text(cstep.hints[0])).to_be_visible()
        hints_given[sid_step] = 1
        expect(candidate.get_by_text(cstep.hints[0])).to_be_visible()
        # private notes
        _tab(console, "Notes")
        notes = f"Private note on {sid_step}: strong on metrics"
        _type_and_enter(console, f"notes-{sid_step}", notes, submit="Control+Enter")
        written.append(notes)
        no_app_errors(console)
        _assert_no_leak(candidate, _private_texts(library, case, revealed, hints_given, written))

    _tab(console, "Rubric")
    # the control: the same check finds the private texts on the console, so it is not vacuous
    on_console = console.evaluate("() => document.body.textContent")
    private = _private_texts(library, case, revealed, hints_given, written)
    assert sum(t in on_console for t in private) >= len(library.rubric(case, steps[1].id)), \
        "the console should show the current step's rubric, evidence and notes"
    snap(console, "interview-console")
    snap(candidate, "candidate-view")

    # wrap-up
    rec = by_key(console, "recommendation").locator('[data-testid="stRadioOption"]').filter(
        has_text=re.compile("^Hire$"))
    with saving(console):
        rec.click()
    strengths = "Clear framing of the objective; careful about leakage."
    _type_and_enter(console, "result-strengths", strengths, submit="Control+Enter")
    written.append(strengths)
    click(console, "finish", saves=True)
    expect(console.get_by_text("Interview finished and saved.")).to_be_visible()
    expect(candidate.get_by_text("The interview has finished")).to_be_visible()
    _assert_no_leak(candidate, _private_texts(library, case, revealed, hints_given, written))
    no_app_errors(console)
    no_app_errors(candidate)

    saved = session_from_bytes((server.store / f"{sid}.yaml").read_bytes(), "interview.yaml")
    assert saved.mode == "interview" and saved.status == "completed"
    assert saved.people.candidate == "Ada Lovelace" and saved.people.interviewer == "Grace Hopper"
    assert saved.facts_revealed == [fact.id]
    for fstep in steps[:2]:
        rec_ = saved.step(fstep.id)
        cstep = case.steps[fstep.id]
        checks = {c.item: c for c in rec_.checks}
        assert checks[cstep.rubric[0].id].by == "interviewer"
        assert checks[cstep.rubric[0].id].evidence == f"Evidence on {fstep.id}: named it unprompted"
        assert checks[cstep.rubric[1].id].evidence == f"Evidence on {fstep.id}: only when probed"
        assert rec_.rating == {"Hire": "hire", "No hire": "no_hire"}[RATINGS[fstep.id]]
        assert [(p.id, p.response) for p in rec_.probes_asked] == [
            (cstep.probes[0].id, f"Candidate's reply on {fstep.id}: talked about retention")]
        assert rec_.hints_revealed == 1
        assert rec_.notes == f"Private note on {fstep.id}: strong on metrics"
        assert rec_.answer == f"Pad answer on {fstep.id}: start from the objective, then the baseline."
    assert saved.result.recommendation == "hire"
    assert saved.result.strengths == strengths


# Evidence typed for an unticked item ticks it; the checkbox must show that (it used to keep its
# stale widget state about two runs in three), and a timer's late report of the old page must not
# untick it again (it did about one run in three on a busy machine; see the AppTest twin).
def test_evidence_alone_shows_the_item_ticked(server, new_page, library):
    item = library.cases[CASE].steps["requirements"].rubric[1]
    console = new_page()
    open_library(console, server.base_url)
    sid = start_case(console, CASE, mode="interview")
    _type_and_enter(console, f"step-requirements-ichkev-{item.id}", "Mentioned when probed")
    saved = session_from_bytes((server.store / f"{sid}.yaml").read_bytes(), "interview.yaml")
    assert [c.item for c in saved.step("requirements").checks] == [item.id]
    expect(redrawn(by_key(console, f"step-requirements-ichk-{item.id}").locator("input"))).to_be_checked()
