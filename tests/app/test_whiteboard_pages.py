"""The whiteboard on the pages: the console shows the candidate's diagram and rates figures; the
candidate view shows the drawing but no reference; review and compare show both attempts' boards."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.driver import all_text, button, link_app, new_app, no_exceptions, session, start_case
from workbench import walkthrough as wt
from workbench.diagrams import set_diagram, template
from workbench.estimates import set_estimate
from workbench.sessionfile import session_from_bytes
from workbench.store import open_store

CASE = "short-video-feed"


def _interview_with_board(library) -> tuple[AppTest, str]:
    at = new_app()
    start_case(at, CASE, mode="interview", candidate="Ada")
    s = session(at)
    set_diagram(s, "requirements", template("two-stage-recommender").source)
    set_estimate(s, "requirements", "peak-page-rate", "120e6 * 30 / 86400 * 2", "120M users, 30 pages, 2x peak")
    at.run()
    no_exceptions(at)
    return at, s.id


def test_console_shows_the_diagram_and_rates_a_figure(store_dir, library):
    at, sid = _interview_with_board(library)
    assert any(m.value.startswith("````mermaid\nflowchart LR") for m in at.markdown)
    shown = all_text(at)
    assert "83,300 /s: within 2×" in shown and "Reference: **87,000 /s**" in shown
    rating = next(r for r in at.radio if r.key.endswith("peak-page-rate-rating"))
    rating.set_value("good").run()
    no_exceptions(at)
    stored = session_from_bytes((store_dir / f"{sid}.yaml").read_bytes(), "s.yaml")
    assert stored.step("requirements").estimates[0].rating == "good"
    assert stored.step("requirements").diagram == template("two-stage-recommender").source


def test_candidate_view_shows_the_drawing_but_no_reference(store_dir, library):
    at, sid = _interview_with_board(library)
    button(at, "give-hint").click().run()  # saves the session, diagram included
    cand = link_app(store_dir, sid).run()  # the candidate's own browser, on their link
    no_exceptions(cand)
    assert any("mermaid" in m.value and "Ranking model" in m.value for m in cand.markdown)
    shown = all_text(cand)
    assert "120e6 * 30 / 86400 * 2" in shown
    est = library.cases[CASE].estimates[0]
    assert "Reference" not in shown and est.derivation not in shown and "within 2×" not in shown


def test_review_and_compare_show_each_attempts_whiteboard(store_dir, library):
    case = library.cases[CASE]
    store = open_store(str(store_dir))
    ids = []
    for n, source in enumerate((template("rag-pipeline").source, template("streaming-features").source)):
        s = wt.new_session(case, library)
        set_diagram(s, "data", source)
        set_estimate(s, "requirements", "peak-page-rate", f"{n + 1}e5 / s", "")
        store.save(s)
        ids.append(s.id)
    review = new_app(session=ids[0])
    review.switch_page("app_pages/review.py").run()
    no_exceptions(review)
    assert any("mermaid" in m.value and "Vector index" in m.value for m in review.markdown)
    assert "100,000 /s: within 2×" in all_text(review)

    cmp = new_app()
    cmp.switch_page("app_pages/compare.py").run()
    no_exceptions(cmp)
    drawn = [m.value for m in cmp.markdown if m.value.startswith("````mermaid")]
    assert len(drawn) == 2 and any("Vector index" in d for d in drawn) and any("Stream processor" in d for d in drawn)
    assert "Data: whiteboard" in [h.value for h in cmp.subheader]
