"""The scoring engine: weighted coverage by step, level, sub-area and scorer; snapshots; levels."""

from __future__ import annotations

import pytest

from workbench import walkthrough as wt
from workbench.case import RubricItem
from workbench.scorer import INTERVIEWER, SELF, SUGGESTER, counting_scorer, reviewer, scorers
from workbench.scoring import (
    coverage_figures,
    item_weights,
    score_items,
    score_session,
    score_summary,
    session_rubric,
    snapshot_rubric,
    step_rubric,
    supported_level,
)
from workbench.session import RubricCheck

CASE = "short-video-feed"


def _item(i: str, w: int, level: str = "core", area: str | None = None) -> RubricItem:
    return RubricItem(id=i, text=f"item {i}", weight=w, level=level, sub_area=area, why=f"why {i}")


def test_weighted_coverage_and_missed_heaviest_first():
    items = [_item("a", 1), _item("b", 3), _item("c", 2, "senior"), _item("d", 2, "staff"), _item("e", 3, "staff")]
    s = score_items("data", items, ["b"])
    assert s.coverage == pytest.approx(3 / 11)
    # heaviest first; equal weights keep core before senior before staff
    assert [i.id for i in s.missed] == ["e", "c", "d", "a"]
    assert s.by_level == {"core": pytest.approx(3 / 4), "senior": 0.0, "staff": 0.0}


def test_level_without_items_is_none_and_unknown_ids_do_not_count():
    s = score_items("data", [_item("a", 1)], ["zzz"])
    assert s.coverage == 0.0
    assert s.by_level["senior"] is None and s.by_level["core"] == 0.0


def test_coverage_per_sub_area():
    items = [_item("a", 2, area="labels"), _item("b", 1, area="labels"), _item("c", 3), _item("d", 1, area="splits")]
    s = score_items("data", items, ["a", "c"])
    assert s.by_sub_area == {"labels": pytest.approx(2 / 3), "other": 1.0, "splits": 0.0}


def test_session_score_uses_the_counting_scorers_ticks(library):
    case = library.cases[CASE]
    session = wt.new_session(case, library, mode="interview")
    req = library.rubric(case, "requirements")
    first, second = req[0], req[1]
    wt.set_check(session, "requirements", second.id, True, by="self")
    wt.set_check(session, "requirements", first.id, True, by="interviewer", evidence="said retention")
    assert counting_scorer(session) == INTERVIEWER
    total = sum(i.weight for i in req)
    interviewer = score_session(session, case, library)
    own = score_session(session, case, library, SELF)
    assert [i.id for i in interviewer.step("requirements").covered] == [first.id]
    assert interviewer.step("requirements").coverage == pytest.approx(first.weight / total)
    assert [i.id for i in own.step("requirements").covered] == [second.id]
    all_weight = sum(i.weight for sid in library.framework.step_ids for i in library.rubric(case, sid))
    assert interviewer.coverage == pytest.approx(first.weight / all_weight)


def test_the_suggesters_ticks_never_count_as_a_persons_score(library):
    case = library.cases[CASE]
    session = wt.new_session(case, library)
    item = library.rubric(case, "requirements")[0]
    session.step("requirements").checks.append(RubricCheck(item=item.id, by="suggester", evidence="a sentence",
                                                           score=0.9))
    assert score_session(session, case, library).step("requirements").covered == []
    assert score_summary(session, case, library).overall is None  # nobody has assessed anything
    assert [i.id for i in score_session(session, case, library, SUGGESTER).step("requirements").covered] == [item.id]
    assert scorers(session) == [SUGGESTER]


def test_a_reviewers_ticks_are_scored_by_name(library):
    from workbench.review import add_review

    case = library.cases[CASE]
    session = wt.new_session(case, library)
    item = library.rubric(case, "data")[0]
    add_review(session, "Kim", {"data": [item.id]}, {}, {}, None)
    kim = reviewer(1, "Kim")
    assert kim.label == "Reviewer 1: Kim" and kim.key == "reviewer-1"
    assert [i.id for i in score_session(session, case, library, kim).step("data").covered] == [item.id]
    assert score_session(session, case, library, reviewer(2)).step("data").covered == []


def test_a_snapshot_is_scored_instead_of_the_current_case(library):
    case = library.cases[CASE]
    session = wt.new_session(case, library)
    session.rubric = snapshot_rubric(case, library)
    kept = session.rubric["data"][0]
    session.rubric["data"] = [kept.model_copy(update={"weight": 3})]  # the case said otherwise back then
    wt.open_self_check(session, "data")
    wt.set_check(session, "data", kept.id, True)
    step = score_session(session, case, library).step("data")
    assert step.coverage == 1.0 and step.total_weight == 3
    # why still comes from the case where the item exists; without the case it is scored all the same
    assert session_rubric(session, case, library)["data"][0].why == library.rubric(case, "data")[0].why
    assert score_session(session, None, None).step("data").coverage == 1.0


def test_without_a_snapshot_the_librarys_rubric_is_used(library):
    case = library.cases[CASE]
    session = wt.new_session(case, library)
    assert session.rubric == {}
    assert [i.id for i in session_rubric(session, case, library)["model"]] == \
        [i.id for i in library.rubric(case, "model")]
    assert session_rubric(session, None, library) == {}


def test_one_steps_rubric_is_its_entry_in_the_sessions_rubric(library):
    case = library.cases[CASE]
    session = wt.new_session(case, library)
    assert [i.id for i in step_rubric(session, case, library, "data")] == [i.id for i in library.rubric(case, "data")]
    session.rubric = snapshot_rubric(case, library)
    session.rubric["data"] = [session.rubric["data"][1].model_copy(update={"weight": 3})]
    del session.rubric["model"]  # a snapshot without this step: the library's items stand in
    whole = session_rubric(session, case, library)
    assert step_rubric(session, case, library, "data") == whole["data"]
    assert [(i.id, i.weight) for i in whole["data"]] == [(session.rubric["data"][0].id, 3)]
    assert "model" not in whole
    assert [i.id for i in step_rubric(session, case, library, "model")] == [i.id for i in library.rubric(case, "model")]
    assert step_rubric(session, None, None, "model") == []


def test_snapshot_holds_every_step_in_framework_order(library):
    case = library.cases[CASE]
    snap = snapshot_rubric(case, library)
    assert list(snap) == [s for s in library.framework.step_ids if s in case.steps]
    first = library.rubric(case, "requirements")[0]
    assert snap["requirements"][0].model_dump() == {"id": first.id, "text": first.text, "weight": first.weight,
                                                    "level": first.level, "sub_area": first.sub_area}


def test_score_summary_is_unscored_until_a_step_is_assessed(library):
    case = library.cases[CASE]
    session = wt.new_session(case, library)
    empty = score_summary(session, case, library)
    assert empty.overall is None and set(empty.steps.values()) == {None}
    assert set(empty.levels.values()) == {None}
    wt.open_self_check(session, "data")  # assessed, nothing ticked: 0%, not unscored
    item = library.rubric(case, "requirements")[0]
    wt.set_check(session, "requirements", item.id, True)
    summary = score_summary(session, case, library)
    total = sum(i.weight for i in library.rubric(case, "requirements"))
    assert summary.scorer == "self"
    assert summary.steps["data"] == 0.0 and summary.steps["model"] is None
    assert summary.steps["requirements"] == pytest.approx(round(item.weight / total, 4))
    assert summary.overall == pytest.approx(round(score_session(session, case, library).coverage, 4))


def test_coverage_figures_ignore_repeats_and_unknown_ids():
    weights = item_weights({"a": [_item("x", 2), _item("y", 2)], "b": [_item("z", 1)]})
    overall, steps = coverage_figures(weights, {"a": ["x", "x", "nope"]}, {"a"})
    assert steps == {"a": 0.5, "b": None}
    assert overall == pytest.approx(2 / 5)
    assert coverage_figures(weights, {"a": ["x"]}, set()) == (None, {"a": None, "b": None})


@pytest.mark.parametrize(("levels", "expected"), [
    ({"core": 0.69, "senior": 1.0, "staff": 1.0}, "junior"),
    ({"core": 0.7, "senior": 0.49, "staff": 1.0}, "mid"),
    ({"core": 0.7, "senior": 0.5, "staff": 0.49}, "senior"),
    ({"core": 0.7, "senior": 0.5, "staff": 0.5}, "staff"),
    ({"core": 1.0, "senior": None, "staff": 1.0}, "mid"),
    ({"core": None, "senior": 1.0, "staff": 1.0}, "junior"),
    ({"core": 1.0, "senior": 1.0, "staff": None}, "senior"),
])
def test_the_level_the_evidence_supports(levels, expected):
    assert supported_level(levels) == expected


def test_score_summary_levels_follow_the_ticks_once_assessed(library):
    case = library.cases[CASE]
    session = wt.new_session(case, library)
    core = [i for i in library.rubric(case, "data") if i.level == "core"]
    wt.open_self_check(session, "data")
    wt.set_check(session, "data", core[0].id, True)
    summary = score_summary(session, case, library)
    levels = score_session(session, case, library).by_level
    assert summary.levels == {k: pytest.approx(round(v, 4)) for k, v in levels.items()}
    assert 0 < summary.levels["core"] < 1 and summary.levels["senior"] == 0.0


def test_a_snapshot_keeps_each_items_sub_area(library):
    case = library.cases[CASE]
    session = wt.new_session(case, library)
    session.rubric = snapshot_rubric(case, library)
    kept = {(i.id, i.sub_area) for i in session_rubric(session, None, None)["data"]}
    assert kept == {(i.id, i.sub_area) for i in library.rubric(case, "data")}
    assert any(area for _, area in kept)


def test_ratings_come_from_the_interviewer_and_each_reviewer(library):
    from workbench.review import add_review
    from workbench.scorer import ratings

    session = wt.new_session(library.cases[CASE], library, mode="interview")
    wt.set_rating(session, "data", "hire")
    add_review(session, "Kim", {}, {"data": "no_hire"}, {}, None)
    add_review(session, "Lee", {}, {"model": "strong_hire"}, {}, None)
    assert ratings(session, INTERVIEWER)["data"] == "hire"
    assert ratings(session, reviewer(1, "Kim"))["data"] == "no_hire"
    assert ratings(session, reviewer(2, "Lee"))["model"] == "strong_hire"
    assert ratings(session, reviewer(2, "Lee"))["data"] is None
    assert ratings(session, reviewer(3)) == {} and ratings(session, reviewer(0)) == {}
    assert ratings(session, SELF) == {} and ratings(session, SUGGESTER) == {}
