"""Asking the interviewer in your own words, and suggestions stored under their own scorer."""

from __future__ import annotations

from workbench import walkthrough as wt
from workbench.practice import NO_DETAIL, ask_question, refresh_suggestions, store_suggestions
from workbench.session import RubricCheck

CASE = "short-video-feed"


def test_a_question_reveals_the_closest_fact_and_is_logged(library):
    case = library.cases[CASE]
    s = wt.new_session(case, library)
    latency = case.fact("latency")
    changed, reply = ask_question(s, case, library, "What's the latency budget for returning a page?")
    assert changed and reply == latency.answer and s.facts_revealed == ["latency"]
    assert s.events[-2].type == "question_asked" and "latency budget" in s.events[-2].detail
    changed, reply = ask_question(s, case, library, "what latency budget do we have")
    assert changed and reply.startswith("Already revealed")
    assert s.facts_revealed == ["latency"]


def test_an_unmatched_question_gets_no_detail_and_reveals_nothing(library):
    case = library.cases[CASE]
    s = wt.new_session(case, library)
    changed, reply = ask_question(s, case, library, "Which office does the team sit in?")
    assert changed and reply == NO_DETAIL and s.facts_revealed == []
    assert ask_question(s, case, library, "   ") == (False, "")


def test_suggestions_replace_only_the_suggesters_checks(library):
    case = library.cases[CASE]
    s = wt.new_session(case, library)
    step = s.steps[0].id
    wt.set_check(s, step, "g-req-goal", True)
    mine = RubricCheck(item="g-req-baseline", by="suggester", evidence="x", score=0.9)
    assert store_suggestions(s, step, [mine]) is True
    assert store_suggestions(s, step, [mine]) is False
    assert [(c.item, c.by) for c in s.step(step).checks] == [("g-req-goal", "self"), ("g-req-baseline", "suggester")]
    assert store_suggestions(s, step, []) is True
    assert [(c.item, c.by) for c in s.step(step).checks] == [("g-req-goal", "self")]


def test_a_strong_answer_gets_suggestions_and_an_empty_one_none(library):
    case = library.cases[CASE]
    s = wt.new_session(case, library)
    step = s.steps[0].id
    assert refresh_suggestions(s, case, library, step) is False  # nothing written, nothing suggested
    wt.set_answer(s, step, case.steps[step].reference_answer or "\n".join(i.text for i in case.steps[step].rubric))
    assert refresh_suggestions(s, case, library, step) is True
    assert len([c for c in s.step(step).checks if c.by == "suggester"]) >= 3
    assert not [c for c in s.step(step).checks if c.by == "self"]  # never a person's tick
