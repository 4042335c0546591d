"""Estimates on the Progress page: each saved verdict counts in the step's "estimation" sub-area.

The verdicts are judged when the session is saved (with its case at hand) and kept in
the file's score summary, so progress never re-parses figures and a later change to a
case's reference never rewrites an old attempt.
"""

from __future__ import annotations

import pytest

from workbench import analytics as an
from workbench import progress as pg
from workbench import walkthrough as wt
from workbench.estimates import rate_estimate, set_estimate
from workbench.library import Library
from workbench.session import Session
from workbench.sessionfile import prepare_for_save, session_from_bytes, session_to_bytes
from workbench.store import open_store
from workbench.summary import summarize

# requirements: peak-page-rate (87,000 /s) and daily-impressions (3e10); deployment: ann-index-size
VIDEO = "short-video-feed"


def sized(library: Library, figures: dict[str, str], *, steps: tuple[str, ...] = ("requirements", "deployment"),
          person: str = "Ada", cover: bool = False) -> Session:
    """A saved-then-read session on the video case with the given figures, its steps self-checked
    (and, with ``cover``, every rubric item of those steps ticked)."""
    case = library.cases[VIDEO]
    session = wt.new_session(case, library, candidate=person)
    for est in case.estimates:
        if est.id in figures:
            set_estimate(session, est.step, est.id, figures[est.id], "from the facts")
    for sid in steps:
        wt.open_self_check(session, sid)
        for item in library.rubric(case, sid) if cover else []:
            wt.set_check(session, sid, item.id, True)
    prepare_for_save(session, case, library)
    return session_from_bytes(session_to_bytes(session), "sized.yaml")


def estimation(view_areas, step: str):
    rows = view_areas[(view_areas["step"] == step) & (view_areas["sub_area"] == an.ESTIMATION)]
    return rows.iloc[0] if len(rows) else None


def test_the_saved_score_holds_a_verdict_for_every_estimate_asked(library):
    session = sized(library, {"peak-page-rate": "7.5e9 / day", "daily-impressions": "3e6",
                              "ann-index-size": "5 apples"})
    assert session.score.estimates == {
        "requirements": {"peak-page-rate": "within", "daily-impressions": "off"},
        "deployment": {"ann-index-size": "invalid"},
    }
    # the interviewer's rating decides where given, whatever the figure
    case = library.cases[VIDEO]
    rate_estimate(session, "requirements", "daily-impressions", "good")
    rate_estimate(session, "requirements", "peak-page-rate", "off")
    prepare_for_save(session, case, library)
    assert session.score.estimates["requirements"] == {"peak-page-rate": "off", "daily-impressions": "within"}


def test_verdicts_survive_a_save_without_the_case(library):
    session = sized(library, {"peak-page-rate": "87000 /s"})
    prepare_for_save(session, None, None)  # opened on its own: the snapshot scores it, the verdicts stand
    assert session.score.estimates["requirements"]["peak-page-rate"] == "within"
    assert session.score.estimates["requirements"]["daily-impressions"] == "empty"


def test_estimation_is_a_sub_area_of_the_step_with_hand_computed_coverage(library):
    good = sized(library, {"peak-page-rate": "1e5 /s", "daily-impressions": "3e10", "ann-index-size": "300 GB"})
    half = sized(library, {"peak-page-rate": "87000 /s", "daily-impressions": "1e3"}, person="Bo")
    areas = pg.sub_area_coverage(an.progress_data([summarize(good), summarize(half)], library), library)
    req, dep = estimation(areas, "requirements"), estimation(areas, "deployment")
    assert (req["checks"], req["missed"]) == (4, 1) and req["coverage"] == pytest.approx(3 / 4)
    assert (dep["checks"], dep["missed"]) == (2, 1) and dep["coverage"] == pytest.approx(1 / 2)
    assert req["title"].startswith("Estimation")
    # estimates never move the rubric score
    assert summarize(half).score == summarize(sized(library, {}, person="Bo")).score


def test_only_assessed_steps_with_recorded_verdicts_count(library):
    unchecked = sized(library, {"peak-page-rate": "87000 /s"}, steps=())  # nothing self-checked yet
    old = sized(library, {"peak-page-rate": "87000 /s"})
    old.score.estimates = {}  # a file saved before verdicts were kept
    areas = pg.sub_area_coverage(an.progress_data([summarize(unchecked), summarize(old)], library), library)
    assert estimation(areas, "requirements") is None and estimation(areas, "deployment") is None


def test_a_missed_estimate_is_listed_and_makes_estimation_the_weakest_area(library):
    sessions = [sized(library, {"peak-page-rate": "87 /s", "daily-impressions": "3e10"}, person=p, cover=True)
                for p in ("Ada", "Bo")]
    data = an.progress_data([summarize(s) for s in sessions], library)
    view = pg.progress_view(data, library, an.ProgressFilter())
    missed = view.missed.set_index("item")
    assert missed.loc["estimate:peak-page-rate", "missed"] == 2
    assert missed.loc["estimate:ann-index-size", "missed"] == 2  # left empty on a checked step
    assert missed.loc["estimate:peak-page-rate", "text"].startswith("Estimate: ")
    assert "estimate:daily-impressions" not in missed.index
    assert an.ESTIMATION in set(view.weakest["sub_area"])
    # and the cases recommended for it are ones that ask for estimates on that step
    asked = {c.id for c in library.cases.values() for e in c.estimates}
    weak_estimation = view.exercising[view.exercising["sub_area"] == an.ESTIMATION]
    assert len(weak_estimation) and set(weak_estimation["case_id"]) <= asked


def test_the_store_index_carries_the_verdicts(library, tmp_path):
    session = sized(library, {"peak-page-rate": "87000 /s"})
    store = open_store(str(tmp_path))
    store.library = library
    session.revision = 0
    store.save(session)
    (summary,), _ = open_store(str(tmp_path)).summaries()  # a fresh process reads them from the index
    steps = {s.id: s for s in summary.steps}
    assert steps["requirements"].estimates == {"peak-page-rate": "within", "daily-impressions": "empty"}
    assert steps["data"].estimates is None
