"""Two tabs on one session: the stale one is told, and never silently overwrites."""

from __future__ import annotations

from tests.app.driver import all_text, button, new_app, no_exceptions, session, start_case, text_area
from workbench.store import open_store


def test_stale_tab_is_stopped_and_can_recover(store_dir, library):
    first = start_case(new_app(), "short-video-feed")
    sid = first.query_params["session"]
    second = new_app(session=sid)
    second.switch_page("app_pages/practice.py").run()
    no_exceptions(second)
    text_area(second, "answer-requirements").input("Written in the second tab").run()
    # the first tab still holds the older revision
    text_area(first, "answer-requirements").input("Written in the first tab").run()
    no_exceptions(first)
    assert "saved elsewhere" in all_text(first)
    assert open_store(str(store_dir)).load(sid).step("requirements").answer == "Written in the second tab"
    button(first, "conflict-reload").click().run()
    no_exceptions(first)
    assert session(first).step("requirements").answer == "Written in the second tab"
    assert text_area(first, "answer-requirements").value == "Written in the second tab"


def test_keep_mine_overwrites_on_purpose(store_dir, library):
    first = start_case(new_app(), "short-video-feed")
    sid = first.query_params["session"]
    second = new_app(session=sid)
    second.switch_page("app_pages/practice.py").run()
    text_area(second, "answer-requirements").input("theirs").run()
    text_area(first, "answer-requirements").input("mine").run()
    button(first, "conflict-force").click().run()
    no_exceptions(first)
    assert open_store(str(store_dir)).load(sid).step("requirements").answer == "mine"
    assert "saved elsewhere" not in all_text(first)
