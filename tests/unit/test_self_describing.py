"""Saved sessions describe themselves (rubric snapshot, score) and agree across fields."""

from __future__ import annotations

import pytest

from workbench import scoring
from workbench import walkthrough as wt
from workbench.sessionfile import (
    check_against_framework,
    prepare_for_save,
    session_from_bytes,
    session_to_bytes,
    unknown_items,
)
from workbench.store import open_store
from workbench.yamlio import FileError


def _ticked(library):
    case = library.cases["short-video-feed"]
    s = wt.new_session(case, library)
    item = library.rubric(case, "requirements")[0]
    wt.set_check(s, "requirements", item.id, True)
    wt.open_self_check(s, "requirements")
    return case, s, item


def test_snapshot_is_taken_once_and_survives_case_edits(library):
    case, s, _ = _ticked(library)
    prepare_for_save(s, case, library)
    assert [i.id for i in s.rubric["requirements"]] == [i.id for i in library.rubric(case, "requirements")]
    assert s.score is not None and s.score.steps["requirements"] > 0
    step = case.steps["requirements"]
    reworded = step.rubric[0].model_copy(update={"text": "rewritten by the author later"})
    edited = case.model_copy(update={"steps": {**case.steps, "requirements": step.model_copy(
        update={"rubric": [reworded, *step.rubric[1:]]})}})
    assert library.rubric(edited, "requirements") != library.rubric(case, "requirements")
    before = [i.model_dump() for i in s.rubric["requirements"]]
    prepare_for_save(s, edited, library)
    assert [i.model_dump() for i in s.rubric["requirements"]] == before


def test_a_file_read_without_its_case_still_scores(library):
    case, s, _ = _ticked(library)
    prepare_for_save(s, case, library)
    loaded = session_from_bytes(session_to_bytes(s), "s.yaml")
    alone = scoring.score_session(loaded, None, None)
    with_case = scoring.score_session(loaded, case, library)
    assert alone.step("requirements").coverage == with_case.step("requirements").coverage > 0


def test_store_with_a_library_writes_snapshot_and_score(library, tmp_path):
    store = open_store(str(tmp_path), library=library)
    _, s, _ = _ticked(library)
    store.save(s)
    text = (tmp_path / f"{s.id}.yaml").read_text()
    assert "\nscore:\n" in text and "\nrubric:\n" in text
    assert s.rubric and s.score is not None


def test_unknown_checked_items_are_kept_and_reported(library):
    case, s, _ = _ticked(library)
    s.step("data").checks.append(s.step("requirements").checks[0].model_copy(update={"item": "retired-item"}))
    loaded = session_from_bytes(session_to_bytes(s), "s.yaml")  # kept: refusing would lose work
    assert unknown_items(loaded, case, library) == {"data": ["retired-item"]}


def test_current_step_must_be_a_step(library):
    _, s, _ = _ticked(library)
    raw = session_to_bytes(s).replace(b"current_step: requirements", b"current_step: bonus")
    with pytest.raises(FileError) as exc:
        session_from_bytes(raw, "s.yaml")
    line = raw.split(b"\n").index(b"current_step: bonus") + 1
    assert str(exc.value).startswith(f"s.yaml:{line}: current_step: 'bonus' is not one of the steps")


def test_steps_follow_the_framework(library):
    _, s, _ = _ticked(library)
    s.steps.reverse()
    problems = check_against_framework(s, library.framework)
    assert problems and "out of order" in problems[0].message
    s.steps[0].id = "bonus"
    assert "unknown step 'bonus'" in check_against_framework(s, library.framework)[0].message
