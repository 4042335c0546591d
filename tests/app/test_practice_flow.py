"""Solo practice in AppTest: a whole walkthrough, autosave, resume by link and by upload."""

from __future__ import annotations

from tests.app.driver import all_text, button, checkbox, new_app, no_exceptions, session, start_case, text_area
from workbench.sessionfile import session_from_bytes, session_to_bytes
from workbench.store import open_store

CASE = "short-video-feed"


def _walk_all_steps(at, library):
    case = library.cases[CASE]
    answers = {}
    for n, sid in enumerate(library.framework.step_ids):
        answers[sid] = f"## {sid}\n\nMy answer for {sid}, step {n + 1}.\n"
        text_area(at, f"answer-{sid}").input(answers[sid]).run()
        button(at, f"hint-{sid}").click().run()
        button(at, f"check-{sid}").click().run()
        no_exceptions(at)
        first_case_item = case.steps[sid].rubric[0].id
        checkbox(at, f"chk-{first_case_item}").check().run()
        button(at, f"rubric-{sid}-score").click().run()
        if n + 1 < len(library.framework.step_ids):
            button(at, "-next").click().run()
        no_exceptions(at)
    button(at, "-finish").click().run()
    no_exceptions(at)
    return answers


def test_whole_walkthrough_saves_and_loads_back_equal(store_dir, library):
    at = start_case(new_app(), CASE)
    answers = _walk_all_steps(at, library)
    s = session(at)
    assert s.status == "completed"
    for sid, text in answers.items():
        assert s.step(sid).answer == text
        assert s.step(sid).hints_revealed == 1
        assert s.step(sid).self_checked and s.step(sid).scored
        assert [c.item for c in s.step(sid).checks if c.by == "self"] == [library.cases[CASE].steps[sid].rubric[0].id]
    # the debrief is shown with the overall score
    assert any(m.label == "Your score" for m in at.metric)
    # autosaved to the store: the file there loads back equal and re-saves to the same bytes
    stored = (store_dir / f"{s.id}.yaml").read_bytes()
    loaded = session_from_bytes(stored, "stored.yaml")
    assert loaded == s
    assert session_to_bytes(loaded) == stored
    # the download offers the same bytes
    assert session_to_bytes(s) == stored


def test_self_check_has_two_stages_and_one_list(store_dir, library):
    at = start_case(new_app(), CASE)
    text_area(at, "answer-requirements").input("Retention matters.").run()
    assert not [c for c in at.checkbox if "chk-" in (c.key or "")], "rubric must stay hidden until checked"
    button(at, "check-requirements").click().run()
    s = session(at)
    assert s.step("requirements").self_checked and not s.step("requirements").scored
    assert not any(m.label == "Step score" for m in at.metric), "no score before 'Score this step'"
    checkbox(at, "chk-svf-objective").check().run()
    assert "1 of 4 steps checked" not in all_text(at)  # ticking is not scoring
    button(at, "rubric-requirements-score").click().run()
    assert session(at).step("requirements").scored
    text = all_text(at)
    case = library.cases[CASE]
    rubric = library.rubric(case, "requirements")
    expected = round(3 / sum(i.weight for i in rubric) * 100)
    assert any(m.label == "Step score" and m.value == f"{expected}%" for m in at.metric)
    assert "1 of 4 steps checked" in text
    missed = next(i for i in case.steps["requirements"].rubric if i.id == "svf-funnel-budget")
    assert missed.why in text
    # one list: each rubric item is drawn once, misses first and heaviest first
    keys = [c.key.rsplit("-chk-", 1)[1] for c in at.checkbox if "-chk-" in (c.key or "")]
    assert sorted(keys) == sorted(i.id for i in rubric)
    misses = [k for k in keys if k != "svf-objective"]
    weights = {i.id: i.weight for i in rubric}
    assert keys[-1] == "svf-objective" and [weights[k] for k in misses] == sorted(
        (weights[k] for k in misses), reverse=True)


def test_answer_survives_visiting_other_steps(store_dir, library):
    at = start_case(new_app(), CASE)
    text_area(at, "answer-requirements").input("Typed in step one").run()
    for sid in ["data", "model", "deployment"]:
        button(at, f"stepper-step-{sid}").click().run()
        assert not [t for t in at.text_area if t.key.endswith("answer-requirements")]
    button(at, "stepper-step-requirements").click().run()
    assert text_area(at, "answer-requirements").value == "Typed in step one"
    # and across pages
    at.switch_page("app_pages/library.py").run()
    at.switch_page("app_pages/practice.py").run()
    no_exceptions(at)
    assert text_area(at, "answer-requirements").value == "Typed in step one"


def test_fresh_app_with_session_link_resumes(store_dir, library):
    at = start_case(new_app(), CASE)
    sid = at.query_params["session"]
    text_area(at, "answer-requirements").input("Autosaved words").run()
    button(at, "stepper-step-data").click().run()
    text_area(at, "answer-data").input("Data words").run()
    # a refresh, a closed tab or a server restart: a brand-new AppTest with only the URL
    fresh = new_app(session=sid)
    fresh.switch_page("app_pages/practice.py")
    fresh.run()
    no_exceptions(fresh)
    assert text_area(fresh, "answer-data").value == "Data words"
    button(fresh, "stepper-step-requirements").click().run()
    assert text_area(fresh, "answer-requirements").value == "Autosaved words"


def test_upload_resumes_session_in_a_fresh_app(store_dir, library, tmp_path, monkeypatch):
    at = start_case(new_app(), CASE)
    text_area(at, "answer-requirements").input("Words to carry over").run()
    data = session_to_bytes(session(at))
    original = session(at)
    # another machine: empty store, no session open
    other = tmp_path / "other-store"
    other.mkdir()
    monkeypatch.setenv("WORKBENCH_STORE", str(other))
    fresh = new_app()
    fresh.switch_page("app_pages/practice.py")
    fresh.run()
    fresh.file_uploader[0].upload("attempt.yaml", data, "application/x-yaml").run()
    no_exceptions(fresh)
    s = session(fresh)
    assert s.id == original.id
    assert s.step("requirements").answer == "Words to carry over"
    assert text_area(fresh, "answer-requirements").value == "Words to carry over"
    assert open_store(str(other)).load(s.id).step("requirements").answer == "Words to carry over"


def test_bad_upload_is_reported_and_session_untouched(store_dir, library):
    at = start_case(new_app(), CASE)
    text_area(at, "answer-requirements").input("Keep me").run()
    before = session(at).model_copy(deep=True)
    uploader = next(u for u in at.file_uploader if u.key and u.key.endswith("upload"))
    uploader.upload("broken.yaml", b"---\nschema_version: 1\ncase: {id: x}\nsteps: [\n", "application/x-yaml").run()
    no_exceptions(at)
    errors = " ".join(e.value for e in at.error)
    assert "broken.yaml:" in errors and "your current session is unchanged" in errors
    after = session(at)
    assert after.id == before.id and after.step("requirements").answer == "Keep me"
    assert text_area(at, "answer-requirements").value == "Keep me"
