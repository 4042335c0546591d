"""Review, sessions and compare pages, driven as a reviewer would."""

from __future__ import annotations

from tests.app.driver import all_text, new_app, no_exceptions
from workbench import walkthrough as wt
from workbench.session import CaseRef
from workbench.sessionfile import session_from_bytes, session_to_bytes
from workbench.store import open_store

CASE = "short-video-feed"


def _interview(library, store_dir, candidate="Ada"):
    case = library.cases[CASE]
    s = wt.new_session(case, library, mode="interview", candidate=candidate, interviewer="Grace")
    wt.set_answer(s, "requirements", "## Goal\n\nRetention over **watch time**.")
    wt.set_check(s, "requirements", "svf-objective", True, by="interviewer", evidence="PRIVATE-EVIDENCE-1")
    wt.set_rating(s, "requirements", "hire")
    wt.complete(s)
    open_store(str(store_dir)).save(s)
    return s


def test_open_by_link_review_and_save(store_dir, library):
    s = _interview(library, store_dir)
    at = new_app(session=s.id)
    at.switch_page("app_pages/review.py").run()
    no_exceptions(at)
    assert any("Retention over **watch time**." in m.value for m in at.markdown)
    # blind: the interviewer's evidence and ticks are hidden until the reviewer submits
    assert "PRIVATE-EVIDENCE-1" not in all_text(at)
    case = library.cases[CASE]
    item = case.steps["requirements"].rubric[1]
    next(c for c in at.checkbox if c.key.endswith(f"rchk-{item.id}")).check().run()
    next(r for r in at.radio if r.key.endswith("rv-rating-requirements")).set_value("no_hire").run()
    next(t for t in at.text_area if t.key.endswith("rv-comment-requirements")).input("Missed the funnel.").run()
    next(r for r in at.radio if r.key.endswith("rv-overall")).set_value("no_hire").run()
    next(t for t in at.text_input if t.key.endswith("rv-name")).input("Coach Kim").run()
    next(t for t in at.text_area if t.key.endswith("rv-overall-comment")).input("Needs more depth.").run()
    next(b for b in at.button if b.key.endswith("rv-submit")).click().run()
    no_exceptions(at)
    raw = (store_dir / f"{s.id}.yaml").read_bytes()
    saved = session_from_bytes(raw, "saved.yaml")
    [review] = saved.reviews
    assert review.reviewer == "Coach Kim" and review.recommendation == "no_hire"
    assert review.comment == "Needs more depth."
    req = next(x for x in review.steps if x.id == "requirements")
    assert req.covered == [item.id] and req.rating == "no_hire" and req.comment == "Missed the funnel."
    assert session_to_bytes(saved) == raw
    assert saved == at.session_state["wb_session"]
    # after submitting, earlier scores and the agreement appear
    text = all_text(at)
    assert "PRIVATE-EVIDENCE-1" in text
    assert "Disagreements" in text and "Interviewer" in text and "Reviewer 1: Coach Kim" in text


def test_submit_needs_a_name(store_dir, library):
    s = _interview(library, store_dir)
    at = new_app(session=s.id)
    at.switch_page("app_pages/review.py").run()
    next(b for b in at.button if b.key.endswith("rv-submit")).click().run()
    assert any("Add your name" in e.value for e in at.error)
    assert open_store(str(store_dir)).load(s.id).reviews == []


def test_uploaded_session_with_unknown_case_can_be_reviewed(store_dir, library):
    case = library.cases[CASE]
    s = wt.new_session(case, library)
    wt.set_answer(s, "data", "Their data plan")
    s.case = CaseRef(id="acme-private-case", title="ACME private case", content_hash="sha256:abc")
    at = new_app()
    at.switch_page("app_pages/sessions.py").run()
    at.file_uploader(key="ses-upload").upload("theirs.yaml", session_to_bytes(s), "application/x-yaml").run()
    no_exceptions(at)
    at.switch_page("app_pages/review.py").run()
    no_exceptions(at)
    text = all_text(at)
    assert "is not in this library" in text and "Their data plan" in text


def test_sessions_page_filters_and_deletes_with_confirmation(store_dir, library):
    a = _interview(library, store_dir, candidate="Ada")
    b = _interview(library, store_dir, candidate="Brian")
    at = new_app()
    at.switch_page("app_pages/sessions.py").run()
    no_exceptions(at)
    assert "2 of 2 sessions" in all_text(at)
    at.text_input(key="ses-q").input("brian").run()
    assert "1 of 2 sessions" in all_text(at)
    assert at.selectbox(key="ses-pick").value == b.id
    assert at.button(key="ses-delete").disabled  # disabled until confirmed
    at.checkbox(key="ses-del-confirm").check().run()
    at.button(key="ses-delete").click().run()
    no_exceptions(at)
    store = open_store(str(store_dir))
    assert not store.exists(b.id) and store.exists(a.id)


def test_compare_page_shows_what_differs(store_dir, library):
    case = library.cases[CASE]
    store = open_store(str(store_dir))
    a = wt.new_session(case, library, candidate="First")
    wt.set_check(a, "model", "svf-two-stage", True)
    b = wt.new_session(case, library, candidate="Second")
    wt.set_check(b, "model", "svf-diversity", True)
    store.save(a)
    store.save(b)
    at = new_app()
    at.switch_page("app_pages/compare.py").run()
    no_exceptions(at)
    assert len(at.get("plotly_chart")) == 1
    text = all_text(at)
    two_stage = next(i.text for i in case.steps["model"].rubric if i.id == "svf-two-stage")
    diversity = next(i.text for i in case.steps["model"].rubric if i.id == "svf-diversity")
    assert two_stage in text and diversity in text


def test_reviews_show_per_step_and_a_changed_case_keeps_the_past_score(store_dir, library):
    case = library.cases[CASE]
    s = wt.new_session(case, library)
    wt.set_answer(s, "requirements", "Retention first.")
    wt.set_check(s, "requirements", "svf-objective", True)
    wt.score_step(s, "requirements")
    store = open_store(str(store_dir), library=library)
    store.save(s)  # saved with the rubric it was taken against
    stored = store.load(s.id)
    assert stored.rubric and stored.score is not None
    past = stored.score.overall
    # the case is recalibrated later: the saved file still names the old content and rubric
    stored.case = CaseRef(id=case.id, title=case.title, content_hash="sha256:0000000000000000")
    weights = {i.id: i.weight for i in stored.rubric["requirements"]}
    stored.rubric["requirements"] = [i.model_copy(update={"weight": 3}) if i.id == "svf-objective" else i
                                     for i in stored.rubric["requirements"]]
    stored.reviews = []
    from workbench.review_draft import ReviewDraft

    draft = ReviewDraft()
    draft.comment("requirements", "REVIEWER-STEP-COMMENT")
    draft.rate("requirements", "hire")
    draft.submit(stored, "Coach Kim")
    store.save(stored, force=True)
    again = store.load(stored.id)
    # scored by the file's own rubric (svf-objective now weighs 3 there), not the library's
    from workbench.scoring import score_summary

    assert again.score == score_summary(again, None, None)
    if weights["svf-objective"] != 3:
        assert again.score.overall != past

    at = new_app(session=s.id)
    at.switch_page("app_pages/review.py").run()
    no_exceptions(at)
    text = all_text(at)
    assert "This case has changed since the attempt" in text
    assert "REVIEWER-STEP-COMMENT" not in text  # blind until revealed or submitted
    next(t for t in at.toggle if t.key.endswith("reveal")).set_value(True).run()
    text = all_text(at)
    assert "REVIEWER-STEP-COMMENT" in text and "Reviewer 1: Coach Kim" in text
    assert "Debrief" in text
