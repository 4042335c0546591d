"""The progress page in AppTest, on stores whose sessions have known ticks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from tests.app.driver import all_text, new_app, no_exceptions, session
from workbench import clock
from workbench import walkthrough as wt
from workbench.case import RubricItem
from workbench.library import Library
from workbench.session import Session
from workbench.store import open_store

PAGE = "app_pages/progress.py"
VIDEO = "short-video-feed"
FRAUD = "payment-fraud"
LABELS = "Data · Labels, their noise, delay and bias"
MONITORING = "Deployment · Monitoring (system, drift, quality, feedback loops)"


def save_attempt(store_dir: Path, library: Library, case_id: str, *, person: str, mode: str = "solo",
                 miss: Callable[[RubricItem], bool]) -> Session:
    """Save a finished attempt that covers every rubric item except those ``miss`` picks."""
    case = library.cases[case_id]
    s = wt.new_session(case, library, mode=mode, candidate=person)  # type: ignore[arg-type]
    by = "interviewer" if mode == "interview" else "self"
    for sid in library.framework.step_ids:
        wt.go_to_step(s, sid)
        clock.advance(240)
        if mode == "solo":
            wt.open_self_check(s, sid)
        for item in library.rubric(case, sid):
            if not miss(item):
                wt.set_check(s, sid, item.id, True, by=by)  # type: ignore[arg-type]
    wt.complete(s)
    open_store(str(store_dir)).save(s)
    return s


def open_progress(**query: str):
    at = new_app(**query)
    at.switch_page(PAGE)
    at.run()
    no_exceptions(at)
    return at


def weakest(at) -> list[str]:
    """The weak-area headings in the order the page lists them."""
    return [m.value.split("**")[1].split(". ", 1)[1] for m in at.markdown
            if m.value.startswith("**") and " covered" in m.value and ". " in m.value.split("**")[1]]


def recommended(at) -> list[str]:
    return [b.key.removeprefix("progress-start-") for b in at.button
            if b.key and b.key.startswith("progress-start-")]


def labels_weight(library: Library, case_id: str) -> int:
    return sum(i.weight for i in library.rubric(library.cases[case_id], "data") if i.sub_area == "labels")


def test_weakest_area_and_a_recommended_case_that_exercises_it(store_dir, library):
    for case_id in (VIDEO, FRAUD, VIDEO):
        save_attempt(store_dir, library, case_id, person="Ada", miss=lambda i: i.sub_area == "labels")
    at = open_progress()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Sessions"] == "3"
    assert weakest(at) == [LABELS]  # the only area with a miss, at 0%
    assert "0% covered" in all_text(at)
    assert len(at.get("plotly_chart")) == 4
    recs = recommended(at)
    assert recs, "the page should recommend a case"
    first = recs[0]
    assert first not in {VIDEO, FRAUD}, "an unattempted case comes first"
    assert labels_weight(library, first) == max(
        labels_weight(library, c) for c in library.cases if c not in {VIDEO, FRAUD})
    # the most-missed table names a labels item of a case that was attempted
    table = at.table[0].value
    generic = next(i for i in library.framework.step("data").rubric if i.sub_area == "labels")
    assert generic.text in set(table.index)  # the full item text, not cut

    # one click starts a solo session on the recommended case and opens it for practice
    at.button(key=f"progress-start-{first}").click().run()
    no_exceptions(at)
    started = session(at)
    assert started.case.id == first and started.mode == "solo"
    assert at.query_params["session"] == started.id
    assert (store_dir / f"{started.id}.yaml").exists()
    assert any(m.value.startswith("**Practice**") for m in at.markdown)  # the practice page is open


def test_filters_choose_whose_weak_area_is_shown(store_dir, library):
    save_attempt(store_dir, library, VIDEO, person="Ada", miss=lambda i: i.sub_area == "labels")
    save_attempt(store_dir, library, FRAUD, person="Ben", mode="interview",
                 miss=lambda i: i.sub_area == "monitoring")
    at = open_progress()
    assert set(weakest(at)) == {LABELS, MONITORING}
    at.multiselect(key="progress-people").select("Ben").run()
    no_exceptions(at)
    assert weakest(at) == [MONITORING]
    assert {m.label: m.value for m in at.metric}["Sessions"] == "1"
    at.multiselect(key="progress-people").unselect("Ben").run()
    at.multiselect(key="progress-mode").select("solo").run()
    assert weakest(at) == [LABELS]
    # a recommendation started while one person is chosen carries their name
    at.multiselect(key="progress-mode").unselect("solo").run()
    at.multiselect(key="progress-people").select("Ben").run()
    pick = recommended(at)[0]
    at.button(key=f"progress-start-{pick}").click().run()
    assert session(at).people.candidate == "Ben"


def test_time_range_leaves_out_older_sessions(store_dir, library):
    clock.advance(-120 * 86400)
    save_attempt(store_dir, library, VIDEO, person="Ada", miss=lambda i: i.sub_area == "labels")
    clock.reset()
    save_attempt(store_dir, library, FRAUD, person="Ada", miss=lambda i: i.sub_area == "monitoring")
    at = open_progress()
    assert {m.label: m.value for m in at.metric}["Sessions"] == "2"
    at.selectbox(key="progress-range").select("Last 30 days").run()
    no_exceptions(at)
    assert {m.label: m.value for m in at.metric}["Sessions"] == "1"
    assert weakest(at) == [MONITORING]
    at.selectbox(key="progress-range").select("Last 7 days").run()
    assert weakest(at) == [MONITORING]
    today = clock.now().date()
    at.selectbox(key="progress-range").select("Custom range").run()
    at.date_input(key="progress-dates").set_value((today - timedelta(days=130), today - timedelta(days=100))).run()
    no_exceptions(at)
    assert {m.label: m.value for m in at.metric}["Sessions"] == "1"
    assert weakest(at) == [LABELS]


def test_a_session_saved_elsewhere_shows_up_on_the_next_rerun(store_dir, library):
    save_attempt(store_dir, library, VIDEO, person="Ada", miss=lambda i: i.sub_area == "labels")
    at = open_progress()
    assert weakest(at) == [LABELS]
    save_attempt(store_dir, library, FRAUD, person="Ada", miss=lambda i: i.sub_area == "monitoring")
    at.run()
    no_exceptions(at)
    assert {m.label: m.value for m in at.metric}["Sessions"] == "2"
    assert set(weakest(at)) == {LABELS, MONITORING}


def test_empty_store_and_unreadable_files_are_explained(store_dir, library):
    at = open_progress()
    assert any("No sessions in the store yet" in i.value for i in at.info)
    (store_dir / ("a" * 32 + ".yaml")).write_text("not: [valid")
    save_attempt(store_dir, library, VIDEO, person="Ada", miss=lambda i: i.sub_area == "labels")
    at = open_progress()
    assert "1 session file(s) could not be read" in all_text(at)
    assert weakest(at) == [LABELS]


def test_sessions_without_checked_steps_show_guidance_not_errors(store_dir, library):
    s = wt.new_session(library.cases[VIDEO], library, candidate="Ada")
    open_store(str(store_dir)).save(s)
    at = open_progress()
    text = all_text(at)
    assert "No step has been checked yet" in text
    assert "Weak areas appear once some steps have been checked" in text
    assert recommended(at) == []


def test_estimates_far_off_make_estimation_the_weakest_area(store_dir, library):
    from workbench.estimates import set_estimate

    case = library.cases[VIDEO]
    asked = [e for e in case.estimates if e.step == "requirements"]
    store = open_store(str(store_dir))
    store.library = library  # saved as the app saves: the score carries each estimate's verdict
    for person in ("Ada", "Bo"):
        s = wt.new_session(case, library, candidate=person)
        for sid in library.framework.step_ids:
            wt.open_self_check(s, sid)
            for item in library.rubric(case, sid):
                wt.set_check(s, sid, item.id, True)
        for est in asked:
            set_estimate(s, "requirements", est.id, f"{est.value * 50:g} {est.unit}", "a guess")
        store.save(s)
    at = open_progress()
    assert weakest(at)[0] == "Requirements · Estimation (figures sized within tolerance)"
    missed = set(at.table[0].value.index)
    assert {f"Estimate: {e.question}" for e in asked} <= missed
