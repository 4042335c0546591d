"""A walkthrough as the session file records it: the step clock, finishing and reopening, ticks, hints.

Time is moved with ``workbench.clock.advance`` so every figure is exact.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from workbench import clock
from workbench import walkthrough as wt

CASE = "short-video-feed"


class _Frozen(datetime):
    """Real time stands still, so only ``clock.advance`` moves the session clock."""

    @classmethod
    def now(cls, tz=None):
        return datetime(2026, 3, 1, 9, 0, 0, tzinfo=tz or UTC)


@pytest.fixture(autouse=True)
def _frozen_time(monkeypatch):
    monkeypatch.setattr(clock, "datetime", _Frozen)


@pytest.fixture
def case(library):
    return library.cases[CASE]


@pytest.fixture
def session(case, library):
    return wt.new_session(case, library, candidate="  Ada  ", interviewer=" Tom ")


def events(session) -> list[tuple[str, str | None, str]]:
    return [(e.type, e.step, e.detail) for e in session.events]


def test_a_session_started_without_names_has_none(case, library):
    people = wt.new_session(case, library).people
    assert (people.candidate, people.interviewer) == ("", "")


def test_a_new_session_starts_the_clock_on_the_first_step(session, library):
    first = library.framework.step_ids[0]
    assert session.current_step == first and session.step_started_at == clock.now()
    assert (session.people.candidate, session.people.interviewer) == ("Ada", "Tom")
    assert events(session) == [("session_started", None, "solo"), ("step_started", first, "")]


def test_time_accrues_to_the_step_being_worked_on(session):
    clock.advance(90)
    assert wt.step_elapsed_s(session, "requirements") == 90
    assert wt.go_to_step(session, "data")
    clock.advance(30)
    assert session.step("requirements").time_spent_s == 90
    assert wt.step_elapsed_s(session, "data") == 30
    assert wt.total_elapsed_s(session) == 120
    assert not wt.go_to_step(session, "data")  # already there: nothing changes, nothing logged
    assert events(session)[-1] == ("step_started", "data", "")
    with pytest.raises(KeyError):
        wt.go_to_step(session, "no-such-step")


def test_pause_stops_the_clock_and_resume_restarts_it(session):
    clock.advance(60)
    assert wt.pause(session) and wt.is_paused(session)
    assert not wt.pause(session)
    clock.advance(600)  # a break
    assert wt.step_elapsed_s(session, "requirements") == 60
    wt.go_to_step(session, "data")  # moving while paused keeps it paused
    assert wt.is_paused(session)
    assert wt.resume(session) and not wt.resume(session)
    clock.advance(5)
    assert wt.step_elapsed_s(session, "data") == 5


def test_finishing_stops_the_clock_and_reopening_restarts_it(session):
    clock.advance(100)
    assert wt.complete(session)
    assert session.status == "completed" and wt.is_paused(session)
    assert not wt.complete(session)
    assert not wt.resume(session)  # a finished session's clock stays stopped
    clock.advance(3600)
    assert wt.step_elapsed_s(session, "requirements") == 100
    assert wt.reopen(session)
    assert session.status == "in_progress" and not wt.is_paused(session)
    assert session.step_started_at == clock.now()
    clock.advance(20)
    assert wt.step_elapsed_s(session, "requirements") == 120  # the hour while finished never counts
    assert not wt.reopen(session)
    assert [t for t, _, _ in events(session)][-2:] == ["session_completed", "session_reopened"]


def test_ticks_evidence_and_unticks_are_per_scorer(session):
    assert wt.set_check(session, "data", "g-data-labels", True, by="interviewer", evidence="  said so ")
    assert not wt.set_check(session, "data", "g-data-labels", True, by="interviewer")
    assert wt.set_check(session, "data", "g-data-labels", True, by="self")
    rec = session.step("data")
    assert rec.check("g-data-labels", "interviewer").evidence == "said so"
    assert wt.set_evidence(session, "data", "g-data-labels", "better", by="interviewer")
    assert not wt.set_evidence(session, "data", "g-data-labels", " better ", by="interviewer")
    assert rec.check("g-data-labels", "interviewer").evidence == "better"
    assert wt.set_check(session, "data", "g-data-labels", False, by="interviewer")
    assert rec.check("g-data-labels", "interviewer") is None and rec.check("g-data-labels", "self") is not None
    assert not wt.set_check(session, "data", "g-data-labels", False, by="interviewer")
    assert events(session)[-1] == ("item_unchecked", "data", "g-data-labels (interviewer)")


def test_hints_climb_the_ladder_until_it_runs_out(session, case):
    ladder = case.steps["model"].hints
    assert all(wt.reveal_hint(session, case, "model") for _ in ladder)
    assert session.step("model").hints_revealed == len(ladder)
    assert not wt.reveal_hint(session, case, "model")  # the ladder is exhausted: nothing changes
    assert session.step("model").hints_revealed == len(ladder)
    assert events(session)[-1] == ("hint_given", "model", f"hint {len(ladder)} of {len(ladder)}")


def test_facts_probes_ratings_and_result_report_whether_they_changed(session, case):
    fact = case.facts[0].id
    assert wt.reveal_fact(session, case, fact) and not wt.reveal_fact(session, case, fact)
    assert not wt.reveal_fact(session, case, "no-such-fact")
    assert session.facts_revealed == [fact]
    probe = case.steps["data"].probes[0].id
    assert wt.set_probe_response(session, "data", probe, " fine ")  # answering asks it too
    assert not wt.ask_probe(session, "data", probe)
    assert not wt.set_probe_response(session, "data", probe, "fine")
    assert session.step("data").probes_asked[0].response == "fine"
    assert wt.set_rating(session, "data", "hire") and not wt.set_rating(session, "data", "hire")
    assert wt.set_recommendation(session, "hire", "senior") and not wt.set_recommendation(session, "hire", "senior")
    assert wt.set_recommendation(session, "hire", "staff")
    assert (session.result.recommendation, session.result.level) == ("hire", "staff")
    assert wt.set_result_text(session, "concerns", "x") and not wt.set_result_text(session, "concerns", "x")
    with pytest.raises(ValueError):
        wt.set_result_text(session, "recommendation", "x")


def test_text_setters_report_changes(session):
    assert wt.set_answer(session, "data", "An answer") and not wt.set_answer(session, "data", "An answer")
    assert wt.set_notes(session, "data", "Notes") and session.step("data").notes == "Notes"
    assert wt.open_self_check(session, "data") and not wt.open_self_check(session, "data")
    assert session.step("data").self_checked


def test_the_event_log_tells_the_interview_in_order(case, library):
    s = wt.new_session(case, library, mode="interview")
    fact = case.facts[0].id
    probe = case.steps["data"].probes[0].id
    wt.reveal_fact(s, case, fact)
    wt.go_to_step(s, "data")
    wt.reveal_hint(s, case, "data")
    wt.ask_probe(s, "data", probe)
    wt.set_check(s, "data", "g-data-labels", True, by="interviewer")
    wt.set_check(s, "data", "g-data-labels", False, by="interviewer")
    wt.set_rating(s, "data", "hire")
    wt.set_rating(s, "data", None)
    wt.set_recommendation(s, None, None)
    wt.set_recommendation(s, "no_hire", None)
    wt.open_self_check(s, "data")
    wt.complete(s)
    n = len(case.steps["data"].hints)
    assert events(s) == [
        ("session_started", None, "interview"), ("step_started", "requirements", ""),
        ("fact_revealed", "requirements", fact), ("step_started", "data", ""),
        ("hint_given", "data", f"hint 1 of {n}"), ("probe_asked", "data", probe),
        ("item_checked", "data", "g-data-labels (interviewer)"),
        ("item_unchecked", "data", "g-data-labels (interviewer)"),
        ("rating_set", "data", "hire"), ("rating_set", "data", "cleared"),
        ("recommendation_set", None, "no_hire at no level"),
        ("step_checked", "data", ""), ("session_completed", None, ""),
    ]
    assert s.result.recommendation == "no_hire" and s.result.level is None
    assert all(e.at == s.created_at for e in s.events)  # the clock did not move


def test_revisiting_a_step_adds_to_its_time_and_an_instant_visit_adds_nothing(session):
    clock.advance(30)
    wt.go_to_step(session, "data")  # requirements: 30 s
    wt.go_to_step(session, "requirements")  # data: an instant, 0 s
    clock.advance(20)
    wt.go_to_step(session, "data")
    assert session.step("requirements").time_spent_s == 50
    assert session.step("data").time_spent_s == 0
    assert session.step_started_at == clock.now()


def test_scoring_a_step_opens_its_checklist_once_and_says_so(session):
    assert wt.score_step(session, "model")
    assert session.step("model").self_checked and session.step("model").scored
    assert events(session)[-2:] == [("step_checked", "model", ""), ("step_scored", "model", "")]
    assert not wt.score_step(session, "model")
    assert events(session)[-1] == ("step_scored", "model", "")


def test_evidence_ticks_an_item_and_empty_evidence_on_an_unticked_one_changes_nothing(session):
    assert not wt.set_evidence(session, "data", "g-data-labels", "  ", by="interviewer")
    assert session.step("data").check("g-data-labels", "interviewer") is None
    assert wt.set_evidence(session, "data", "g-data-labels", "named the label delay", by="interviewer")
    assert session.step("data").check("g-data-labels", "self") is None  # only that scorer's tick
    assert wt.set_evidence(session, "data", "g-data-labels", "", by="interviewer")  # cleared on a ticked item
    assert session.step("data").check("g-data-labels", "interviewer").evidence == ""


def test_each_probe_keeps_its_own_response(session, case):
    first, second = (p.id for p in case.steps["data"].probes[:2])
    assert wt.ask_probe(session, "data", first)
    assert wt.set_probe_response(session, "data", first, "one")
    assert wt.set_probe_response(session, "data", second, "two")
    assert wt.set_probe_response(session, "data", first, "one, revised")
    assert [(p.id, p.response) for p in session.step("data").probes_asked] == [(first, "one, revised"),
                                                                                (second, "two")]


def test_pitfalls_are_marked_and_unmarked_and_every_result_text_can_be_set(session):
    assert wt.set_pitfall_hit(session, "model", "leaks the label", True)
    assert wt.set_pitfall_hit(session, "model", "ignores cold start", True)
    assert not wt.set_pitfall_hit(session, "model", "leaks the label", True)
    assert wt.set_pitfall_hit(session, "model", "leaks the label", False)
    assert session.step("model").pitfalls_hit == ["ignores cold start"]
    for field in ("strengths", "concerns", "takeaways"):
        assert wt.set_result_text(session, field, f"{field} text")
        assert getattr(session.result, field) == f"{field} text"
