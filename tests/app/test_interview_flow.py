"""Interviewer-led sessions: the console records everything; the candidate view leaks nothing."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from tests.app.driver import all_text, button, checkbox, new_app, no_exceptions, session, start_case, text_area
from workbench.sessionfile import session_from_bytes, session_to_bytes

CASE = "short-video-feed"


def _console(at: AppTest):
    at.switch_page("app_pages/interview.py").run()
    no_exceptions(at)
    return at


def _run_interview(at: AppTest, library):
    """Reveal a fact, give a hint, ask a probe, tick items with evidence, rate every step, recommend."""
    case = library.cases[CASE]
    start_case(at, CASE, mode="interview", candidate="Ada Lovelace", interviewer="Grace Hopper", level="senior")
    assert at.title[0].value == "Interviewer console"
    button(at, f"reveal-fact-{case.facts[0].id}").click().run()
    for n, sid in enumerate(library.framework.step_ids):
        if n:
            button(at, f"stepper-step-{sid}").click().run()
        step = case.steps[sid]
        button(at, "give-hint").click().run()
        button(at, f"-probe-{step.probes[0].id}").click().run()
        response = next(t for t in at.text_input if t.key.endswith(f"resp-{step.probes[0].id}"))
        response.input(f"Said something sensible about {sid}").run()
        item = step.rubric[0]
        checkbox(at, f"ichk-{item.id}").check().run()
        ev = next(t for t in at.text_input if t.key.endswith(f"ichkev-{item.id}"))
        ev.input(f"Evidence for {item.id}: named it unprompted").run()
        # evidence typed for an unticked item ticks it
        other = step.rubric[1]
        next(t for t in at.text_input if t.key.endswith(f"ichkev-{other.id}")).input("Mentioned when probed").run()
        at.radio(key=next(r.key for r in at.radio if r.key.endswith(f"rating-{sid}"))).set_value(
            ["no_hire", "hire", "hire", "strong_hire"][n]).run()
        no_exceptions(at)
    at.radio(key=next(r.key for r in at.radio if r.key.endswith("recommendation"))).set_value("hire").run()
    at.selectbox(key=next(s.key for s in at.selectbox if s.key.endswith("level"))).set_value("senior").run()
    next(t for t in at.text_area if t.key.endswith("result-strengths")).input("Clear framing.\nGood data sense.").run()
    next(t for t in at.text_area if t.key.endswith("result-concerns")).input("Thin on monitoring.").run()
    button(at, "-finish").click().run()
    no_exceptions(at)
    return case


def test_whole_interview_is_saved_and_loads_back_equal(store_dir, library):
    at = new_app()
    case = _run_interview(at, library)
    s = session(at)
    assert s.mode == "interview" and s.status == "completed"
    assert s.people.candidate == "Ada Lovelace" and s.people.interviewer == "Grace Hopper"
    assert s.target_level == "senior"
    assert s.facts_revealed == [case.facts[0].id]
    for n, sid in enumerate(library.framework.step_ids):
        rec = s.step(sid)
        step = case.steps[sid]
        assert rec.hints_revealed == 1
        assert [p.id for p in rec.probes_asked] == [step.probes[0].id]
        assert rec.probes_asked[0].response == f"Said something sensible about {sid}"
        checks = {c.item: c for c in rec.checks}
        assert checks[step.rubric[0].id].by == "interviewer"
        assert checks[step.rubric[0].id].evidence == f"Evidence for {step.rubric[0].id}: named it unprompted"
        assert checks[step.rubric[1].id].evidence == "Mentioned when probed"
        assert rec.rating == ["no_hire", "hire", "hire", "strong_hire"][n]
    assert s.result.recommendation == "hire" and s.result.level == "senior"
    assert s.result.strengths == "Clear framing.\nGood data sense."
    types = [e.type for e in s.events]
    for t in ("fact_revealed", "hint_given", "probe_asked", "item_checked", "rating_set", "recommendation_set",
              "step_started", "session_completed"):
        assert t in types, t
    stored = (store_dir / f"{s.id}.yaml").read_bytes()
    loaded = session_from_bytes(stored, "interview.yaml")
    assert loaded == s
    assert session_to_bytes(loaded) == stored
    assert b"strengths: |-\n    Clear framing.\n    Good data sense.\n" in stored


def _forbidden_texts(s, case, library) -> list[str]:
    texts = []
    for sid in library.framework.step_ids:
        texts += [i.text for i in library.rubric(case, sid)] + [i.why for i in library.rubric(case, sid)]
        texts += [p.ask for p in case.steps[sid].probes] + [p.listen_for for p in case.steps[sid].probes]
        texts += [p.text for p in case.steps[sid].pitfalls]
        rec = s.step(sid)
        texts += [c.evidence for c in rec.checks if c.evidence] + [p.response for p in rec.probes_asked]
        texts += [rec.notes, rec.transcript]
        texts += [h for h in case.steps[sid].hints[rec.hints_revealed:]]
    texts += [f.answer for f in case.facts if f.id not in s.facts_revealed]
    texts += [a.label for a in library.framework.ratings] + [a.anchor for a in library.framework.ratings]
    texts += [s.result.strengths, s.result.concerns]
    return [t for t in texts if t]


def test_candidate_pad_never_shows_private_text(store_dir, library):
    """[3]'s leak test with the pad in use: at every step the candidate writes an answer, a diagram and a
    figure while the interviewer ticks, quotes, rates, notes, transcribes and the suggester suggests."""
    from tests.app.driver import link_app
    from workbench.practice import store_suggestions
    from workbench.session import RubricCheck
    from workbench.store import open_store

    at = new_app()
    case = library.cases[CASE]
    start_case(at, CASE, mode="interview", candidate="Ada")
    sid = session(at).id
    console = at
    cand = link_app(store_dir, sid).run()  # the candidate's own browser, on the candidate link only
    no_exceptions(cand)
    for n, step_id in enumerate(library.framework.step_ids):
        if n:
            button(console, f"stepper-step-{step_id}").click().run()
        step = case.steps[step_id]
        cand.run()
        answer = f"My answer for {step_id}. I would log impressions and watch time."
        cand.text_area(key=f"pad-answer-{step_id}").input(answer).run()
        text_area(cand, f"pad-diagram-{step_id}").input(f"flowchart LR\n  a[{step_id} logs] --> b[model]").run()
        figures = [t for t in cand.text_input if t.key.startswith(f"pad-est-{step_id}-") and t.key.endswith("-value")]
        if figures:
            figures[0].input("35e6 / day").run()
        no_exceptions(cand)
        console.run()
        button(console, "give-hint").click().run()
        button(console, f"-probe-{step.probes[0].id}").click().run()
        checkbox(console, f"ichk-{step.rubric[0].id}").check().run()
        next(t for t in console.text_input if t.key.endswith(f"ichkev-{step.rubric[0].id}")).input(
            f"private evidence {step_id}").run()
        quote = next(b for b in console.button if b.key and "-pad-" in b.key and b.key.endswith("-quote-0"))
        quote.click().run()
        console.radio(key=next(r.key for r in console.radio if r.key.endswith(f"rating-{step_id}"))).set_value(
            "hire").run()
        next(t for t in console.text_area if t.key.endswith(f"notes-{step_id}")).input(f"private note {step_id}").run()
        next(t for t in console.text_area if t.key.endswith(f"transcript-{step_id}")).input(
            f"private transcript {step_id}: said they would A/B test").run()
        if n == 0:
            button(console, f"reveal-fact-{case.facts[1].id}").click().run()
        no_exceptions(console)
        open_store(str(store_dir)).update(sid, store_suggestions, step_id, [RubricCheck(
            item=step.rubric[1].id, by="suggester", evidence=f"private suggestion {step_id}", score=0.9)])
        cand.run()
        no_exceptions(cand)
        shown = all_text(cand)
        s = open_store(str(store_dir)).load(sid)
        rec = s.step(step_id)
        # the pad holds the candidate's work, the console's quote landed, and nothing was lost to a conflict
        assert rec.answer == answer and "-->" in rec.diagram
        assert any(f"“My answer for {step_id}.”" in c.evidence for c in rec.checks if c.by == "interviewer")
        assert rec.transcript.startswith("private transcript") and rec.rating == "hire"
        # it shows what it should
        assert step.questions[0] in shown and step.hints[0] in shown and case.facts[1].answer in shown
        assert answer in shown
        # and nothing private, at every step
        leaks = [t for t in _forbidden_texts(s, case, library) if t in shown]
        assert leaks == [], leaks
        assert sid not in shown and sid not in str(dict(cand.query_params))
        assert cand.radio.len == 0 and cand.checkbox.len == 0  # no rating, no rubric tick


def test_console_warns_when_a_step_runs_over(store_dir, library):
    from workbench import clock

    at = new_app()
    start_case(at, CASE, mode="interview")
    case = library.cases[CASE]
    budget = case.steps["requirements"].time_minutes * 60
    assert not at.warning or all("over by" not in w.value for w in at.warning)
    clock.advance(budget + 90)
    at.run()
    over = [w.value for w in at.warning if "over by" in w.value]
    assert over and re.search(r"over by 1:3\d", over[0]), over  # real seconds may tick by too
    # time spent is banked when the interviewer moves on, and shows in the saved file
    button(at, "stepper-step-data").click().run()
    assert budget + 90 <= session(at).step("requirements").time_spent_s <= budget + 99


def test_a_late_report_of_the_old_page_does_not_untick_what_evidence_ticked(store_dir, library):
    """The browser sends the whole page's widget values with every rerun it asks for, as it last had
    them: a fragment's timer (the console follows the pad every second) or a second click can leave
    before the run that ticked the item has reached it. Replaying that old page must change nothing."""
    item = library.cases[CASE].steps["requirements"].rubric[1]
    at = new_app()
    start_case(at, CASE, mode="interview")
    evidence = next(t for t in at.text_input if t.key.endswith(f"ichkev-{item.id}"))
    old_box = checkbox(at, f"ichk-{item.id}")
    assert old_box.value is False
    evidence.input("Mentioned when probed").run()  # evidence for an unticked item ticks it
    assert checkbox(at, f"ichk-{item.id}").value is True
    revision = session(at).revision

    # the page as the browser had it before that run: box unticked, evidence typed (AppTest reads an
    # untouched widget's value from the server, so the old value is set, as the browser would send it)
    old_box.set_value(False).run()
    no_exceptions(at)
    assert checkbox(at, f"ichk-{item.id}").value is True
    [check] = session(at).step("requirements").checks
    assert (check.item, check.evidence) == (item.id, "Mentioned when probed")
    assert session(at).revision == revision  # nothing undone, nothing saved again
    assert not [e for e in session(at).events if e.type == "item_unchecked"]

    # and a real untick, from the page as it is now, still unticks and drops the evidence
    checkbox(at, f"ichk-{item.id}").uncheck().run()
    assert session(at).step("requirements").checks == []
    assert next(t for t in at.text_input if t.key.endswith(f"ichkev-{item.id}")).value == ""
