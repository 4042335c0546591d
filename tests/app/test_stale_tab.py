"""Two tabs on one session: changes merge instead of prompting; only the same text edited in
both places is reported, with both versions kept. Nothing is ever silently overwritten."""

from __future__ import annotations

from tests.app.driver import all_text, button, new_app, no_exceptions, report_late, session, start_case, text_area
from workbench.merge import CONFLICT_MARKER
from workbench.store import open_store


def _two_tabs(store_dir):
    first = start_case(new_app(), "short-video-feed")
    sid = first.query_params["session"]
    second = new_app(session=sid)
    second.switch_page("app_pages/practice.py").run()
    no_exceptions(second)
    return first, second, sid


def test_edits_of_different_fields_merge_without_a_prompt(store_dir, library):
    first, second, sid = _two_tabs(store_dir)
    text_area(second, "answer-requirements").input("Written in the second tab").run()
    # the first tab still holds the older revision and edits another step
    button(first, "stepper-step-data").click().run()
    text_area(first, "answer-data").input("Written in the first tab").run()
    no_exceptions(first)
    assert "saved elsewhere" not in all_text(first) and "Not saved" not in all_text(first)
    stored = open_store(str(store_dir)).load(sid)
    assert stored.step("requirements").answer == "Written in the second tab"
    assert stored.step("data").answer == "Written in the first tab"
    assert stored.current_step == "data"
    mine = session(first)  # the tab now shows the merged session, and saves on from it
    assert mine.step("requirements").answer == "Written in the second tab" and mine.revision == stored.revision
    button(first, "stepper-step-requirements").click().run()
    assert text_area(first, "answer-requirements").value == "Written in the second tab"


def test_the_same_text_edited_twice_keeps_both_and_says_so(store_dir, library):
    first, second, sid = _two_tabs(store_dir)
    text_area(second, "answer-requirements").input("theirs").run()
    text_area(first, "answer-requirements").input("mine").run()
    no_exceptions(first)
    stored = open_store(str(store_dir)).load(sid).step("requirements").answer
    assert "theirs" in stored and "mine" in stored and CONFLICT_MARKER in stored
    first.run()  # the warning is flashed on the next run
    assert "both versions are kept" in all_text(first)


def test_a_late_report_from_the_page_before_the_merge_keeps_both_versions(store_dir, library):
    """The merge redraws the page under new keys; the browser's late copy of the old answer box (a
    clock tick sent just then) reaches its callback still, and must not replace the merged text."""
    first, second, sid = _two_tabs(store_dir)
    text_area(second, "answer-requirements").input("theirs").run()
    old_box = text_area(first, "answer-requirements")
    old_box.input("mine").run()
    merged = open_store(str(store_dir)).load(sid)
    assert "theirs" in merged.step("requirements").answer and "mine" in merged.step("requirements").answer

    report_late(first, old_box)
    no_exceptions(first)
    stored = open_store(str(store_dir)).load(sid)
    assert stored.revision == merged.revision
    assert session(first).step("requirements").answer == merged.step("requirements").answer

    # the box on the page now still saves
    text_area(first, "answer-requirements").input("tidied").run()
    assert open_store(str(store_dir)).load(sid).step("requirements").answer == "tidied"
