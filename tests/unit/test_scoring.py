"""Weighted rubric coverage, by step, overall and by level."""

from __future__ import annotations

import pytest

from workbench import walkthrough as wt
from workbench.case import RubricItem
from workbench.scoring import score_items, score_session


def _item(i: str, w: int, level: str = "core") -> RubricItem:
    return RubricItem(id=i, text=f"item {i}", weight=w, level=level, why=f"why {i}")


def test_weighted_coverage_and_missed_order():
    items = [_item("a", 3), _item("b", 1), _item("c", 2, "senior"), _item("d", 2, "staff")]
    s = score_items("data", items, ["a", "b"])
    assert s.coverage == pytest.approx(4 / 8)
    assert [i.id for i in s.missed] == ["c", "d"]  # heaviest first, then core->staff
    assert s.by_level == {"core": 1.0, "senior": 0.0, "staff": 0.0}


def test_level_without_items_is_none():
    s = score_items("data", [_item("a", 1)], [])
    assert s.by_level["senior"] is None and s.by_level["core"] == 0.0


def test_unknown_ids_do_not_count():
    s = score_items("x", [_item("a", 1)], ["zzz"])
    assert s.coverage == 0.0


def test_session_score_uses_the_right_ticks(library):
    case = library.cases["short-video-feed"]
    session = wt.new_session(case, library, mode="interview")
    wt.set_check(session, "requirements", "svf-objective", True, by="self")
    wt.set_check(session, "requirements", "g-req-goal", True, by="interviewer", evidence="said retention")
    interviewer = score_session(session, case, library)
    own = score_session(session, case, library, by="self")
    req = library.rubric(case, "requirements")
    total = sum(i.weight for i in req)
    assert interviewer.step("requirements").coverage == pytest.approx(3 / total)
    assert own.step("requirements").coverage == pytest.approx(3 / total)
    assert [i.id for i in interviewer.step("requirements").covered] == ["g-req-goal"]
    all_weight = sum(i.weight for sid in library.framework.step_ids for i in library.rubric(case, sid))
    assert interviewer.coverage == pytest.approx(3 / all_weight)
