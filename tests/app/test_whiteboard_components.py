"""The whiteboard components on their own (AppTest.from_function): what they show and what they call back.

Each script gets a real Session; the callbacks are the workbench mutators, as a page wires them.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.bound_widgets import base_key
from workbench import walkthrough as wt
from workbench.case import Estimate
from workbench.diagrams import template
from workbench.session import EstimateEntry
from workbench.sessionfile import session_from_bytes, session_to_bytes

CASE = "short-video-feed"
QPS = Estimate(id="peak-qps", question="Peak scoring requests per second", unit="1/s", value=1200,
               derivation="35M requests a day / 86,400 s = 405/s; about 3x at peak.", tolerance="2x")
INDEX = Estimate(id="index-size", question="Item embedding index size", unit="GB", value=4.9,
                 derivation="1.6M items x 768 dims x 4 bytes.", tolerance="25%")


def worksheet_app(session, estimates, reveal, rate):
    import streamlit as st

    from components.estimate_worksheet import show_worksheet
    from workbench.estimates import rate_estimate, set_estimate

    step = session.step("requirements")
    show_worksheet(
        estimates, step.estimates, "ws",
        on_change=lambda eid, value, working: set_estimate(session, "requirements", eid, value, working),
        reveal=reveal,
        on_rate=(lambda eid, r: rate_estimate(session, "requirements", eid, r)) if rate else None)
    st.caption(f"entries: {len(step.estimates)}")


def editor_app(session):
    from components.diagram_editor import show_diagram_editor
    from workbench.diagrams import set_diagram

    show_diagram_editor(session.step("requirements").diagram, "ed",
                        on_change=lambda text: set_diagram(session, "requirements", text))


def view_app(source):
    from components.diagram_view import show_diagram

    show_diagram(source)


def _editor(at: AppTest):
    """The editor's text box (its key carries a digest in front: components.bound_widgets)."""
    return next(t for t in at.text_area if base_key(t.key or "") == "ed")


def _text(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.success]
                     + [e.value for e in at.error] + [w.value for w in at.warning])


@pytest.fixture
def session(library):
    return wt.new_session(library.cases[CASE], library)


def _worksheet(session, reveal=False, rate=False) -> AppTest:
    at = AppTest.from_function(worksheet_app, args=(session, [QPS, INDEX], reveal, rate), default_timeout=30)
    return at.run()


def test_estimates_with_units_are_judged_and_saved(session):
    """Must show: one figure within tolerance, one far off; each judged and saved in the session."""
    at = _worksheet(session)
    labels = [t.label for t in at.text_input]
    assert labels == ["Peak scoring requests per second (1/s)", "Working", "Item embedding index size (GB)", "Working"]
    at.text_input(key="ws-peak-qps-value").input("35e6 / day * 3")
    at.text_input(key="ws-peak-qps-working").input("35M a day, 3x peak").run()
    at.text_input(key="ws-index-size-value").input("1.6e6 * 768 * 4 KB").run()  # kilobytes: 1000x too big
    assert not at.exception
    # before the self-check: the value read back in the estimate's unit, no verdict and no reference
    assert "= 1,220 /s" in _text(at) and "= 4,920 GB" in _text(at)
    assert not at.success and not at.error and "Reference" not in _text(at)

    saved = session.step("requirements").estimates
    assert [(e.id, e.value, e.working) for e in saved] == [
        ("peak-qps", "35e6 / day * 3", "35M a day, 3x peak"), ("index-size", "1.6e6 * 768 * 4 KB", "")]
    assert session_from_bytes(session_to_bytes(session), "s.yaml").step("requirements").estimates == saved

    after = _worksheet(session, reveal=True)  # the step was self-checked
    assert [s.value for s in after.success] == [
        "Within tolerance. 1,220 /s: within 2×  \nReference: **1,200 /s** (within 2×). " + QPS.derivation]
    assert [e.value for e in after.error] == [
        "Off. 4,920 GB: off, 1,000× too high  \nReference: **4.9 GB** (within 25%). " + INDEX.derivation]


def test_a_unit_of_the_wrong_kind_or_a_typo_is_explained_and_kept(session):
    at = _worksheet(session, reveal=True)
    at.text_input(key="ws-peak-qps-value").input("5 GB").run()
    at.text_input(key="ws-index-size-value").input("5 gigglebytes").run()
    warnings = [w.value.split("  \n")[0] for w in at.warning]
    assert warnings == ["GB is not a rate (it is a data size); expected 1/s", "unknown unit 'gigglebytes'"]
    assert [e.value for e in session.step("requirements").estimates] == ["5 GB", "5 gigglebytes"]


def test_interviewer_rates_a_figure(session):
    session.step("requirements").estimates.append(EstimateEntry(id="peak-qps", value="400/s"))
    at = _worksheet(session, reveal=True, rate=True)
    radio = at.radio(key="ws-peak-qps-rating")
    assert radio.value == "" and radio.options == ["Not rated", "Good", "Off"]
    radio.set_value("good").run()
    assert session.step("requirements").estimates[0].rating == "good"
    at.radio(key="ws-peak-qps-rating").set_value("").run()
    assert session.step("requirements").estimates[0].rating is None


def readonly_app(session, estimates):
    from components.estimate_worksheet import show_worksheet

    show_worksheet(estimates, session.step("requirements").estimates, "ro", reveal=False)


def test_read_only_worksheet_shows_figures_without_inputs_or_references(session):
    session.step("requirements").estimates.append(EstimateEntry(id="peak-qps", value="35e6/day", working="daily"))
    at = AppTest.from_function(readonly_app, args=(session, [QPS, INDEX]), default_timeout=30).run()
    assert not at.text_input and not at.exception
    text = _text(at)
    assert "**Peak scoring requests per second** (1/s): `35e6/day` — daily" in text and "= 405 /s" in text
    assert "**Item embedding index size** (GB): :gray[not sized]" in text
    assert "Reference" not in text and "1,200" not in text


def test_editor_starts_from_a_template_and_saves_edits(session):
    at = AppTest.from_function(editor_app, args=(session,), default_timeout=30).run()
    assert "Nothing drawn yet" in _text(at)
    use = at.button(key="ed-use")
    assert not use.disabled
    empty_box = _editor(at)
    at.selectbox(key="ed-template").set_value("rag-pipeline")
    at.button(key="ed-use").click().run()
    rag = template("rag-pipeline").source
    assert session.step("requirements").diagram == rag
    assert _editor(at).value == rag
    # the page as the browser had it before the template arrived (a clock tick leaving just then)
    # reports the empty box again: the template stays
    empty_box.set_value("").run()
    assert session.step("requirements").diagram == rag and _editor(at).value == rag
    assert any("mermaid" in m.value and "Vector index" in m.value for m in at.markdown)  # the live preview
    assert at.button(key="ed-use").disabled  # a template never overwrites a diagram

    edited = rag.replace("Re-ranker", "Cross-encoder re-ranker")
    _editor(at).input(edited).run()
    assert session.step("requirements").diagram == edited
    assert any("Cross-encoder re-ranker" in m.value for m in at.markdown)


def test_editor_keeps_a_broken_diagram_and_says_why(session):
    at = AppTest.from_function(editor_app, args=(session,), default_timeout=30).run()
    _editor(at).input("A --> B").run()
    assert session.step("requirements").diagram == "A --> B\n"
    assert _editor(at).value == "A --> B"
    assert "The first line must name the diagram type" in at.warning[0].value
    assert not any("```mermaid" in m.value for m in at.markdown)


def test_view_draws_the_diagram_and_folds_its_source():
    src = template("two-stage-recommender").source
    at = AppTest.from_function(view_app, args=(src,), default_timeout=30).run()
    assert any(m.value.startswith("````mermaid\nflowchart LR") for m in at.markdown)
    assert at.code[0].value == src.rstrip("\n")
    empty = AppTest.from_function(view_app, args=("",), default_timeout=30).run()
    assert "No diagram drawn for this step." in _text(empty) and not empty.code
