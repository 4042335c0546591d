"""The practice debrief: heaviest gaps in weight order, scored steps only, time, pitfalls, next cases."""

from __future__ import annotations

import itertools

from workbench import clock
from workbench import walkthrough as wt
from workbench.debrief import build_debrief, heaviest_gaps
from workbench.scoring import score_session

CASE = "short-video-feed"


def _weak_attempt(library):
    case = library.cases[CASE]
    s = wt.new_session(case, library)
    for sid in library.framework.step_ids:
        wt.go_to_step(s, sid)
        wt.set_answer(s, sid, "A short answer.")
        wt.open_self_check(s, sid)
        light = min(library.rubric(case, sid), key=lambda i: (i.weight, i.id))
        wt.set_check(s, sid, light.id, True)  # only the lightest item
        wt.score_step(s, sid)
    return case, s


def test_gaps_are_the_heaviest_misses_in_weight_order(library):
    case, s = _weak_attempt(library)
    d = build_debrief(s, case, library)
    weights = [g.item.weight for g in d.gaps]
    assert 3 <= len(d.gaps) <= 5
    assert weights == sorted(weights, reverse=True)
    heaviest_missed = max(i.weight for st in d.score.steps for i in st.missed)
    assert weights[0] == heaviest_missed
    ticked = {c.item for r in s.steps for c in r.checks}
    assert not ticked & {g.item.id for g in d.gaps}
    assert all(g.item.why for g in d.gaps)  # each gap comes with its why


def test_core_before_senior_at_equal_weight(library):
    case, s = _weak_attempt(library)
    gaps = heaviest_gaps(score_session(s, case, library), {r.id for r in s.steps}, n=50)
    for a, b in itertools.pairwise(gaps):
        if a.item.weight == b.item.weight:
            assert ["core", "senior", "staff"].index(a.item.level) <= ["core", "senior", "staff"].index(b.item.level)


def test_only_scored_steps_count_and_an_unscored_session_has_no_score(library):
    case = library.cases[CASE]
    s = wt.new_session(case, library)
    d = build_debrief(s, case, library)
    assert d.overall is None and d.gaps == () and all(d.step(r.id) is None for r in s.steps)
    first = s.steps[0].id
    wt.open_self_check(s, first)  # the checklist is open, but not scored yet
    assert build_debrief(s, case, library).overall is None
    wt.score_step(s, first)
    d = build_debrief(s, case, library)
    assert d.overall == 0.0 and d.step(first) == 0.0 and d.scored_steps == (first,)
    assert {g.step_id for g in d.gaps} == {first}


def test_time_hints_and_pitfalls(library):
    clock.reset()
    case = library.cases[CASE]
    s = wt.new_session(case, library)
    first = s.steps[0].id
    clock.advance(90)
    wt.reveal_hint(s, case, first)
    pitfall = case.steps[first].pitfalls[0].text
    assert wt.set_pitfall_hit(s, first, pitfall, True) is True
    assert wt.set_pitfall_hit(s, first, pitfall, True) is False
    d = build_debrief(s, case, library)
    t = next(t for t in d.times if t.step_id == first)
    assert t.spent_s == 90 and t.hints_used == 1 and t.hints_total == len(case.steps[first].hints)
    assert t.budget_s == library.step_budget_s(case, first)
    fell = [p.text for p in d.pitfalls if p.fell]
    assert fell == [pitfall]
    assert len(d.pitfalls) == sum(len(case.steps[r.id].pitfalls) for r in s.steps)


def test_next_cases_exercise_the_gaps_and_prefer_unattempted(library):
    case, s = _weak_attempt(library)
    d = build_debrief(s, case, library)
    assert len(d.next_cases) == 2 and all(n.case_id != CASE for n in d.next_cases)
    first = d.next_cases[0].case_id
    again = build_debrief(s, case, library, attempted={first})
    assert again.next_cases[0].case_id != first  # an attempted case drops behind the untried ones
