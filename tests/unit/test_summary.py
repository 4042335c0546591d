"""The index summary of a session: who it is, what was assessed, and the engine's score when it can."""

from __future__ import annotations

import pytest

from workbench import walkthrough as wt
from workbench.review import add_review
from workbench.scoring import score_session, snapshot_rubric
from workbench.session import RubricCheck
from workbench.summary import summarize

CASE = "short-video-feed"


def test_an_interview_summary_lists_the_interviewers_ticks_only(library):
    case = library.cases[CASE]
    s = wt.new_session(case, library, mode="interview", candidate="Ada", interviewer="Tom", target_level="senior")
    first, second = (i.id for i in library.rubric(case, "data")[:2])
    wt.set_check(s, "data", first, True, by="interviewer")
    wt.set_check(s, "data", second, True, by="self")
    wt.set_rating(s, "model", "hire")
    s.step("deployment").checks.append(RubricCheck(item=first, by="suggester", score=0.7))
    wt.reveal_hint(s, case, "data")
    add_review(s, "Kim", {}, {}, {}, None)
    got = summarize(s)
    assert (got.mode, got.candidate, got.interviewer, got.target_level) == ("interview", "Ada", "Tom", "senior")
    assert got.case_id == CASE and got.case_hash == s.case.content_hash and got.reviews == 1
    steps = {st.id: st for st in got.steps}
    assert steps["data"].covered == [first] and steps["data"].hints == 1
    # assessed: ticked by the interviewer, or rated; the suggester's ticks assess nothing
    assert [st.id for st in got.steps if st.checked] == ["data", "model"]
    assert steps["deployment"].covered == []
    assert got.created_at.endswith("Z") and not got.scored and got.score is None
    assert steps["model"].rating == "hire" and steps["data"].rating is None
    assert got.recommendation is None
    wt.set_recommendation(s, "lean_hire", None)
    assert summarize(s).recommendation == "lean_hire"


def test_a_session_with_its_own_rubric_is_scored_in_the_summary(library):
    case = library.cases[CASE]
    s = wt.new_session(case, library)
    s.rubric = snapshot_rubric(case, library)
    wt.open_self_check(s, "data")
    wt.set_check(s, "data", library.rubric(case, "data")[0].id, True)
    got = summarize(s)
    engine = score_session(s, case, library)
    assert got.scored
    assert got.score == pytest.approx(engine.coverage, abs=1e-4)
    steps = {st.id: st for st in got.steps}
    assert steps["data"].coverage == pytest.approx(engine.step("data").coverage, abs=1e-4)
    assert steps["model"].coverage is None  # not assessed: unscored, not 0%
