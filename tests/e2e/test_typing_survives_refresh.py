"""Text typed but never sent (no blur, no Ctrl+Enter) survives a refresh."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.ui import answer_box, no_app_errors, open_library, revision, start_case, wait_saved_after
from workbench.devserver import VIEWPORT
from workbench.sessionfile import session_from_bytes

pytestmark = pytest.mark.e2e

CASE = "short-video-feed"


@pytest.fixture
def page(browser):
    """A page whose dialogs (the "leave site?" warning) are recorded and accepted."""
    context = browser.new_context(viewport=VIEWPORT)
    p = context.new_page()
    p.set_default_timeout(30_000)
    p.dialogs = []  # type: ignore[attr-defined]
    p.on("dialog", lambda d: (p.dialogs.append(d.type), d.accept()))  # type: ignore[attr-defined]
    yield p
    context.close()


def _stored_answer(server, sid: str, step: str) -> str:
    return session_from_bytes((server.store / f"{sid}.yaml").read_bytes(), "s.yaml").step(step).answer


def test_typing_is_sent_without_blur_and_survives_a_quick_refresh(server, page, library):
    step = library.framework.step_ids[0]
    open_library(page, server.base_url)
    sid = start_case(page, CASE)
    box = answer_box(page, step)

    # 1. Typed, no blur, no Ctrl+Enter: the text is sent on its own within about 2 s.
    before = revision(page)
    box.click()
    page.keyboard.type("Sent without leaving the box.")
    wait_saved_after(page, before)
    assert _stored_answer(server, sid, step) == "Sent without leaving the box."
    expect(box).to_be_focused()  # the caret stays where the candidate is typing

    # 2. More text, then an immediate refresh (well under the send delay): the browser
    #    warns about unsent text, and after the reload the text is back and saved.
    page.keyboard.type(" And this was typed just before the refresh.")
    page.reload()
    assert "beforeunload" in page.dialogs  # type: ignore[attr-defined]
    full = "Sent without leaving the box. And this was typed just before the refresh."
    expect(answer_box(page, step)).to_have_value(full)
    wait_saved_after(page, before + 1)  # the restored text is sent again and saved
    assert _stored_answer(server, sid, step) == full
    no_app_errors(page)
