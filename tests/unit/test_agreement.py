"""Agreement between scorers: only ticked items count, and Cohen's kappa per pair, on known ticks."""

from __future__ import annotations

import pytest

from workbench import walkthrough as wt
from workbench.review import (
    TOO_FEW,
    add_review,
    agreement,
    agreement_note,
    agreement_rate,
    cohen_kappa,
    pairwise_kappa,
)
from workbench.scorer import INTERVIEWER, SELF, SUGGESTER, reviewer, scorers
from workbench.session import RubricCheck

CASE = "short-video-feed"


def _interview(library):
    case = library.cases[CASE]
    return case, wt.new_session(case, library, mode="interview")


def test_two_scorers_who_tick_nothing_have_not_agreed(library):
    case, s = _interview(library)
    wt.set_rating(s, "requirements", "hire")  # the interviewer scored, ticking nothing
    add_review(s, "Kim", {}, {}, {}, None)
    items = agreement(s, case, library)
    assert items and all(i.agreed for i in items)  # nobody disagrees about anything ...
    assert agreement_rate(items) is None  # ... yet there is no agreement to report
    assert agreement_note(items) == "no items ticked"
    assert all(k.kappa is None and k.note == TOO_FEW for k in pairwise_kappa(items, scorers(s)))


def test_agreement_counts_only_items_someone_ticked(library):
    case, s = _interview(library)
    a, b, c = (i.id for i in library.rubric(case, "requirements")[:3])
    wt.set_check(s, "requirements", a, True, by="interviewer")
    wt.set_check(s, "requirements", b, True, by="interviewer")
    add_review(s, "Kim", {"requirements": [a, c]}, {}, {}, None)
    items = agreement(s, case, library)
    kim = reviewer(1, "Kim")
    by_id = {i.item_id: i for i in items}
    assert by_id[a].ticked_by == (INTERVIEWER, kim) and by_id[a].agreed
    assert by_id[b].ticked_by == (INTERVIEWER,) and by_id[b].missed_by == (kim,)
    # three items ticked by someone, one of them by both: 1 of 3, however many items nobody ticked
    assert agreement_rate(items) == pytest.approx(1 / 3)
    assert agreement_note(items) == "1 of 3 ticked items agreed"


def test_cohen_kappa_on_known_ticks():
    # 10 items: both tick 4, both leave 4, they split on 2. po = 0.8, pe = 0.5, kappa = 0.6
    a = [True] * 4 + [False] * 4 + [True, False]
    b = [True] * 4 + [False] * 4 + [False, True]
    assert cohen_kappa(a, b) == pytest.approx(0.6)
    assert cohen_kappa(a, a) == pytest.approx(1.0)
    assert cohen_kappa(a, [not x for x in a]) == pytest.approx(-1.0)
    # worked example: po = 0.7, pa = 0.5, pb = 0.6, pe = 0.5, kappa = 0.4
    a2 = [True] * 5 + [False] * 5
    b2 = [True, True, True, True, False, True, True, False, False, False]
    assert cohen_kappa(a2, b2) == pytest.approx(0.4)


def test_kappa_is_undefined_for_too_few_items_or_no_variation():
    assert cohen_kappa([True, False, True, False], [True, False, False, False]) is None  # four items
    assert cohen_kappa([False] * 8, [False] * 8) is None  # nobody ticked: chance agreement is total
    assert cohen_kappa([True] * 8, [True] * 8) is None
    assert cohen_kappa([True] * 8, [False] * 8) == 0.0  # they disagree on everything, but neither varies
    with pytest.raises(ValueError):
        cohen_kappa([True] * 5, [True] * 6)


def test_pairwise_kappa_per_step_and_overall(library):
    case, s = _interview(library)
    req = [i.id for i in library.rubric(case, "requirements")]
    wt.set_check(s, "requirements", req[0], True, by="self")
    for item in req[:2]:
        wt.set_check(s, "requirements", item, True, by="interviewer")
    s.step("requirements").checks.append(RubricCheck(item=req[0], by="suggester", score=0.8))
    parties = scorers(s)
    assert parties == [SELF, INTERVIEWER, SUGGESTER]
    found = pairwise_kappa(agreement(s, case, library), parties)
    steps = [*library.framework.step_ids, None]
    assert len(found) == 3 * len(steps)  # three pairs, each per step and overall
    first = found[0]
    assert (first.a, first.b, first.step_id) == (SELF, INTERVIEWER, "requirements")
    n = len(req)
    assert first.items == n
    pa, pb = 1 / n, 2 / n
    chance = pa * pb + (1 - pa) * (1 - pb)
    assert first.kappa == pytest.approx(((n - 1) / n - chance) / (1 - chance))
    data = next(k for k in found if k.step_id == "data" and k.a == SELF)
    assert data.kappa is None and data.note == TOO_FEW  # nobody ticked anything in Data


def test_agreement_among_chosen_scorers_and_a_review_missing_steps(library):
    case, s = _interview(library)
    item = library.rubric(case, "data")[0]
    wt.set_check(s, "data", item.id, True, by="interviewer")
    wt.set_check(s, "data", item.id, True, by="self")
    s.reviews.append(add_review(s, "Kim", {}, {}, {}, None).model_copy(update={"steps": []}))  # read from a file
    only = agreement(s, case, library, [INTERVIEWER])
    first = next(i for i in only if i.item_id == item.id)
    assert first.ticked_by == (INTERVIEWER,) and first.missed_by == ()
    assert (first.text, first.weight) == (item.text, item.weight)
    everyone = {i.item_id: i for i in agreement(s, case, library)}
    assert reviewer(2, "Kim") in everyone[item.id].missed_by  # a review without the step ticked nothing there


def test_kappa_needs_five_items_and_the_same_items():
    five_a, five_b = [True, True, False, False, True], [True, False, False, False, True]
    assert cohen_kappa(five_a, five_b) == pytest.approx((0.8 - 0.48) / 0.52)  # exactly five is enough
    with pytest.raises(ValueError, match="same items"):
        cohen_kappa(five_a, five_b[:4])
