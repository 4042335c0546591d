"""Progress analytics: scores, coverage by step and sub-area, weak areas, recommendations.

Sessions are built with the walkthrough functions and ticks chosen by hand, so every
expected number here can be worked out from the rubric.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pandas as pd
import pytest

from workbench import analytics as an
from workbench import clock
from workbench import progress as pg
from workbench import walkthrough as wt
from workbench.case import RubricItem
from workbench.library import Library
from workbench.scoring import score_session, snapshot_rubric
from workbench.session import Session
from workbench.store import open_store
from workbench.summary import summarize

VIDEO = "short-video-feed"
FRAUD = "payment-fraud"


def attempt(library: Library, case_id: str, *, person: str = "Ada", mode: str = "solo",
            miss: Callable[[RubricItem], bool] = lambda item: False, steps: list[str] | None = None,
            hints: int = 0, minutes: float = 5.0) -> Session:
    """A session on ``case_id`` that covers every rubric item of the listed steps except ``miss``."""
    case = library.cases[case_id]
    session = wt.new_session(case, library, mode=mode, candidate=person)  # type: ignore[arg-type]
    by = "interviewer" if mode == "interview" else "self"
    for sid in steps or library.framework.step_ids:
        wt.go_to_step(session, sid)
        for _ in range(hints):
            wt.reveal_hint(session, case, sid)
        clock.advance(minutes * 60)
        if mode == "solo":
            wt.open_self_check(session, sid)
        for item in library.rubric(case, sid):
            if not miss(item):
                wt.set_check(session, sid, item.id, True, by=by)  # type: ignore[arg-type]
    wt.pause(session)
    return session


def labels(item: RubricItem) -> bool:
    return item.sub_area == "labels"


def weight_of(library: Library, case_id: str, step: str, pred: Callable[[RubricItem], bool]) -> int:
    return sum(i.weight for i in library.rubric(library.cases[case_id], step) if pred(i))


def data_for(library: Library, *sessions: Session) -> an.ProgressData:
    return an.progress_data([summarize(s) for s in sessions], library)


def test_scores_are_the_engines_scores(library):
    sessions = [
        attempt(library, VIDEO, miss=labels),
        attempt(library, FRAUD, miss=lambda i: i.level != "core", steps=["requirements", "data"]),
        attempt(library, VIDEO, miss=lambda i: i.weight == 3),
    ]
    data = data_for(library, *sessions)
    for n, s in enumerate(sessions):
        engine = score_session(s, library.cases[s.case.id], library)
        assert data.sessions.loc[n, "score"] == pytest.approx(engine.coverage)
        steps = data.steps[data.steps["row"] == n].set_index("step")
        for st in engine.steps:
            if steps.loc[st.step_id, "assessed"]:
                assert steps.loc[st.step_id, "coverage"] == pytest.approx(st.coverage)
            else:  # a step never checked has no coverage, rather than 0%
                assert math.isnan(steps.loc[st.step_id, "coverage"])
    # the fraud attempt checked two steps, so only those steps' items are in the item frame
    fraud_items = data.items[data.items["row"] == 1]
    assert set(fraud_items["step"].astype(str)) == {"requirements", "data"}


def test_a_session_carrying_its_rubric_keeps_its_score_when_the_library_changes(library):
    s = attempt(library, VIDEO, miss=labels)
    s.rubric = snapshot_rubric(library.cases[VIDEO], library)
    summary = summarize(s)
    assert summary.scored
    before = an.progress_data([summary], library).sessions.loc[0, "score"]
    # the case's rubric grows afterwards: the saved attempt's score must not move
    case = library.cases[VIDEO]
    extra = RubricItem(id="zz-new", text="a new item", weight=3)
    grown = case.model_copy(update={"steps": {**case.steps, "data": case.steps["data"].model_copy(
        update={"rubric": [*case.steps["data"].rubric, extra]})}})
    changed = replace(library, cases={**library.cases, VIDEO: grown})
    assert an.progress_data([summary], changed).sessions.loc[0, "score"] == before
    fresh = summarize(attempt(library, VIDEO, miss=labels))  # no rubric of its own: scored against today's case
    assert an.progress_data([fresh], changed).sessions.loc[0, "score"] < before


def test_a_missed_sub_area_is_the_weakest_with_hand_computed_coverage(library):
    data = data_for(library, attempt(library, VIDEO, miss=labels), attempt(library, VIDEO, miss=labels))
    areas = pg.sub_area_coverage(data, library).set_index(["step", "sub_area"])
    assert areas.loc[("data", "labels"), "coverage"] == 0.0
    assert areas.loc[("data", "labels"), "weight"] == 2 * weight_of(library, VIDEO, "data", labels)
    assert areas.loc[("data", "labels"), "missed"] == 2 * sum(
        1 for i in library.rubric(library.cases[VIDEO], "data") if labels(i))
    others = areas.drop(index=("data", "labels"))
    assert (others.loc[others["checks"] > 0, "coverage"] == 1.0).all()
    weak = pg.weakest_sub_areas(pg.sub_area_coverage(data, library))
    # only areas where something was missed count as weak
    assert list(zip(weak["step"], weak["sub_area"], strict=True)) == [("data", "labels")]
    assert weak.loc[0, "title"] == "Labels, their noise, delay and bias"


def test_interview_sessions_count_the_interviewers_ticks_not_the_candidates(library):
    case = library.cases[VIDEO]
    s = wt.new_session(case, library, mode="interview", candidate="Ada", interviewer="Tom")
    first, second = library.rubric(case, "requirements")[:2]
    wt.set_check(s, "requirements", first.id, True, by="interviewer")
    wt.set_check(s, "requirements", second.id, True, by="self")
    data = data_for(library, s)
    total = sum(i.weight for i in library.rubric(case, "requirements"))
    step = data.steps[data.steps["step"] == "requirements"].iloc[0]
    assert step["coverage"] == pytest.approx(first.weight / total)
    items = data.items.set_index("item")["covered"]
    assert items[first.id] and not items[second.id]


def test_filters_by_person_mode_and_dates(library):
    clock.advance(-100 * 86400)
    old = attempt(library, VIDEO, person="Ada")
    clock.reset()
    ada = attempt(library, VIDEO, person="Ada")
    ben = attempt(library, FRAUD, person="Ben", mode="interview")
    anon = attempt(library, FRAUD, person="")
    data = data_for(library, old, ada, ben, anon)
    today = clock.now().date()

    def ids(flt: an.ProgressFilter) -> set[str]:
        part = an.filter_progress(data, flt)
        # every frame is filtered the same way
        assert set(part.steps["row"]) <= set(part.sessions.index)
        assert set(part.items["row"]) <= set(part.sessions.index)
        return set(part.sessions["session"])

    assert ids(an.ProgressFilter()) == {old.id, ada.id, ben.id, anon.id}
    assert ids(an.ProgressFilter(people=("Ada",))) == {old.id, ada.id}
    assert ids(an.ProgressFilter(people=(an.UNNAMED,))) == {anon.id}
    assert ids(an.ProgressFilter(modes=("interview",))) == {ben.id}
    assert ids(an.ProgressFilter(start=today - timedelta(days=29))) == {ada.id, ben.id, anon.id}
    assert ids(an.ProgressFilter(end=today - timedelta(days=50))) == {old.id}
    assert ids(an.ProgressFilter(people=("Ada",), start=today, end=today)) == {ada.id}


def test_missed_items_rank_by_how_often_they_were_missed(library):
    case = library.cases[VIDEO]
    reqs = library.rubric(case, "requirements")
    always, once = reqs[0].id, reqs[1].id
    s1 = attempt(library, VIDEO, steps=["requirements"], miss=lambda i: i.id in {always, once})
    s2 = attempt(library, VIDEO, steps=["requirements"], miss=lambda i: i.id == always)
    missed = pg.missed_items(data_for(library, s1, s2), library)
    assert list(missed["item"]) == [always, once]
    assert list(missed["missed"]) == [2, 1]
    assert list(missed["assessed"]) == [2, 2]
    assert list(missed["miss_rate"]) == [1.0, 0.5]
    generic = {i.id for s in library.framework.steps for i in s.rubric}
    assert missed.loc[0, "cases"] == ("every case" if always in generic else case.title)


def test_generic_items_are_counted_across_cases(library):
    goal = "g-req-goal"
    s1 = attempt(library, VIDEO, steps=["requirements"], miss=lambda i: i.id == goal)
    s2 = attempt(library, FRAUD, steps=["requirements"], miss=lambda i: i.id == goal)
    missed = pg.missed_items(data_for(library, s1, s2), library)
    row = missed.set_index("item").loc[goal]
    assert (row["missed"], row["assessed"], row["cases"]) == (2, 2, "every case")


def test_recommends_unattempted_cases_strongest_in_the_weak_area(library):
    data = data_for(library, attempt(library, VIDEO, miss=labels), attempt(library, FRAUD, miss=labels))
    weak = pg.weakest_sub_areas(pg.sub_area_coverage(data, library))
    rec = pg.recommend_next(library, weak, data)
    attempted = {VIDEO, FRAUD}
    label_weight = {cid: weight_of(library, cid, "data", labels) for cid in library.cases}
    best = max(w for cid, w in label_weight.items() if cid not in attempted)
    assert len(rec) == 3
    assert rec.loc[0, "case_id"] not in attempted
    assert label_weight[rec.loc[0, "case_id"]] == best
    assert list(rec["attempts"]) == [0, 0, 0]
    assert all(label_weight[c] > 0 for c in rec["case_id"])
    assert (rec["fit"].diff().dropna() <= 0).all()
    # the cases that exercise the weak area, heaviest first
    attempts = data.sessions.groupby("case_id", observed=True).size()
    exercising = pg.cases_for_areas(library, weak, attempts)
    assert list(exercising["weight"]) == sorted(exercising["weight"], reverse=True)
    assert exercising.loc[0, "weight"] == max(label_weight.values())


def test_once_every_fitting_case_is_tried_the_weakest_attempt_comes_first(library):
    cases = [c for c in library.cases if weight_of(library, c, "data", labels) > 0]
    strong = attempt(library, cases[0], miss=labels)
    weaker = attempt(library, cases[1], miss=lambda i: labels(i) or i.level != "core")
    data = data_for(library, strong, weaker, *[attempt(library, c, miss=labels) for c in cases[2:]])
    weak = pg.weakest_sub_areas(pg.sub_area_coverage(data, library))
    rec = pg.recommend_next(library, weak, data, n=len(cases))
    assert (rec["attempts"] > 0).all()
    scores = data.sessions.set_index("case_id")["score"]
    fit = {r.case_id: r.fit * (1 - scores[r.case_id]) for r in rec.itertuples()}
    assert list(fit.values()) == sorted(fit.values(), reverse=True)


def test_no_checked_steps_means_no_weak_areas_and_no_recommendations(library):
    session = wt.new_session(library.cases[VIDEO], library)
    data = data_for(library, session)
    view = pg.progress_view(data, library, an.ProgressFilter())
    assert view.sessions == 1 and view.assessed_steps == 0
    assert view.weakest.empty and view.recommended.empty and view.missed.empty
    assert view.timeline.empty and view.area_timeline.empty


def test_an_empty_store_gives_empty_frames(library):
    view = pg.progress_view(an.progress_data([], library), library, an.ProgressFilter())
    assert view.sessions == 0 and view.mean_score is None
    assert view.weakest.empty and view.recommended.empty


def test_sessions_of_cases_not_in_the_library_are_kept_but_not_scored(library):
    s = attempt(library, VIDEO)
    summary = summarize(s).model_copy(update={"case_id": "retired-case"})
    data = an.progress_data([summary], library)
    assert len(data.sessions) == 1 and math.isnan(data.sessions.loc[0, "score"])
    assert data.items.empty


def test_time_against_budget_and_hint_use_per_step(library):
    case = library.cases[VIDEO]
    s1 = attempt(library, VIDEO, steps=["requirements"], hints=1, minutes=10)
    s2 = attempt(library, VIDEO, steps=["requirements"], hints=0, minutes=4)
    overview = pg.step_overview(data_for(library, s1, s2), library).set_index("step")
    req = overview.loc["requirements"]
    assert req["time_s"] == pytest.approx(7 * 60, abs=2)
    assert req["budget_s"] == library.step_budget_s(case, "requirements")
    assert req["hints"] == 0.5 and req["hinted"] == 0.5
    assert req["over_budget"] == (0.5 if 4 * 60 < req["budget_s"] < 10 * 60 else req["over_budget"])
    assert overview.loc["data", "worked"] == 0


def test_score_timeline_plots_attempts_then_switches_to_periods(library):
    sessions = []
    for _ in range(3):
        sessions.append(attempt(library, VIDEO, miss=labels))
        clock.advance(40 * 86400)
    data = data_for(library, *sessions)
    per_attempt, grain = pg.score_timeline(data, library)
    assert grain == "session"
    steps = library.framework.step_ids
    assert len(per_attempt) == 3 * (len(steps) + 1)  # a point per step and the overall score
    overall = per_attempt[per_attempt["series"] == "Overall"]
    assert overall["coverage"].tolist() == pytest.approx(data.sessions["score"].tolist())
    assert set(overall["label"]) == {library.cases[VIDEO].title}
    bucketed, grain = pg.score_timeline(data, library, max_points=2)
    assert grain in an.GRAINS  # 80 days of attempts: weekly means
    assert bucketed["attempts"].sum() == 3 * (len(steps) + 1)


def test_period_grain_follows_the_span():
    def created(days: int) -> pd.Series:
        return pd.Series(pd.to_datetime(["2026-01-01", "2026-01-01"], utc=True)
                         + pd.to_timedelta([0, days], unit="D"))

    assert an.time_grain(created(10)) == "D"
    assert an.time_grain(created(100)) == "W"
    assert an.time_grain(created(400)) == "M"


def test_existing_best_by_case_is_unchanged(library):
    sessions = [attempt(library, VIDEO, miss=labels), attempt(library, VIDEO)]
    best = an.best_by_case([summarize(s) for s in sessions], library)
    assert best == {VIDEO: (2, 1.0)}


# -- the store snapshot the page keys its caches on ------------------------------------
# (kept here because the progress page is what relies on it)

def test_snapshot_is_reused_until_a_session_changes(library, tmp_path):
    store = open_store(str(tmp_path))
    s = attempt(library, VIDEO)
    store.save(s)
    first = store.snapshot()
    assert [x.id for x in first.summaries] == [s.id]
    assert store.snapshot().signature == first.signature
    wt.set_answer(s, "data", "changed")
    store.save(s)
    second = store.snapshot()
    assert second.signature != first.signature
    other = attempt(library, FRAUD)
    store.save(other)
    assert {x.id for x in store.snapshot().summaries} == {s.id, other.id}


def test_in_place_edit_is_seen_once_the_listing_is_rechecked(library, tmp_path, monkeypatch):
    """An editor that rewrites a file in place does not move the folder mtime."""
    import os

    import workbench.store as store_module

    store = open_store(str(tmp_path))
    s = attempt(library, VIDEO)
    store.save(s)
    path = tmp_path / f"{s.id}.yaml"
    past = path.stat().st_mtime - 10
    os.utime(path, (past, past))
    os.utime(tmp_path, (past, past))  # the folder last changed long ago: its mtime is trusted
    before = store.snapshot()
    assert store.snapshot() is before  # nothing changed: the very same snapshot
    text = path.read_text().replace("candidate: Ada", "candidate: Zoe")
    with open(path, "r+") as fh:  # in place: same inode, folder mtime untouched
        fh.write(text)
        fh.truncate()
    os.utime(tmp_path, (past, past))
    monkeypatch.setattr(store_module, "RELIST_AFTER_S", 0.0)
    after = store.snapshot()
    assert after.signature != before.signature
    assert after.summaries[0].candidate == "Zoe"


def test_weakest_areas_are_ordered_from_least_covered(library):
    case = library.cases[VIDEO]
    splits = [i for i in library.rubric(case, "data") if i.sub_area == "splits"]
    assert len(splits) >= 2, "the case needs two items on splits for this test"
    one_split = splits[0].id

    def miss(item: RubricItem) -> bool:
        return labels(item) or item.id == one_split

    data = data_for(library, attempt(library, VIDEO, miss=miss))
    weak = pg.weakest_sub_areas(pg.sub_area_coverage(data, library))
    assert list(weak["sub_area"]) == ["labels", "splits"]
    total = sum(i.weight for i in splits)
    assert weak.loc[1, "coverage"] == pytest.approx((total - splits[0].weight) / total)


def test_unattempted_cases_come_before_a_tried_one_that_fits_better(library):
    weights = {cid: weight_of(library, cid, "data", labels) for cid in library.cases}
    heaviest = max(weights, key=lambda c: (weights[c], c))
    # tried once and covered nothing: its fit is the highest of all, yet it is not first
    tried = attempt(library, heaviest, steps=["requirements"], miss=lambda i: True)
    data = data_for(library, tried)
    weak = pd.DataFrame({"step": ["data"], "sub_area": ["labels"], "title": ["Labels"], "coverage": [0.0]})
    rec = pg.recommend_next(library, weak, data, n=len(library.cases))
    assert rec.loc[0, "case_id"] != heaviest
    assert rec.iloc[-1]["case_id"] == heaviest and rec.iloc[-1]["attempts"] == 1
    assert (rec["attempts"].iloc[:-1] == 0).all()


def test_hint_use_per_attempt_then_per_period(library):
    s1 = attempt(library, VIDEO, steps=["requirements", "data"], hints=2)
    clock.advance(30 * 86400)
    s2 = attempt(library, VIDEO, steps=["requirements"], hints=0)
    data = data_for(library, s1, s2)
    per_attempt, grain = pg.hint_timeline(data, library)
    assert grain == "session"
    req = per_attempt[per_attempt["series"] == "Requirements"]
    assert req["hints"].tolist() == [2, 0]  # oldest first
    assert per_attempt[per_attempt["series"] == "Data"]["hints"].tolist() == [2]
    means, grain = pg.hint_timeline(data, library, max_points=1)
    assert grain in an.GRAINS
    assert means["attempts"].sum() == 3
    assert (means["hints"] * means["attempts"]).sum() == 4


def test_score_trend_never_mixes_people_or_scorers(library):
    ada = attempt(library, VIDEO, person="Ada", miss=labels)
    clock.advance(86400)
    ben = attempt(library, FRAUD, person="Ben", mode="interview")
    clock.advance(86400)
    ada2 = attempt(library, FRAUD, person="Ada", miss=labels)
    data = data_for(library, ada, ben, ada2)
    timeline, grain = pg.score_timeline(data, library)
    assert grain == "session"
    assert set(timeline["series"]) == {"Overall · Ada (self)", "Overall · Ben (interviewer)"}
    ada_line = timeline[timeline["series"] == "Overall · Ada (self)"]
    assert len(ada_line) == 2 and ada_line["when"].is_monotonic_increasing
    bucketed, grain = pg.score_timeline(data, library, max_points=1)
    assert grain in an.GRAINS and set(bucketed["series"]) == set(timeline["series"])
    assert bucketed["attempts"].sum() == 3
