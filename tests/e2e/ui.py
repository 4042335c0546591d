"""Browser-test helpers: the page drivers of ``workbench.devbrowser``, plus checks and screenshots.

Screenshots go to a temporary folder unless WORKBENCH_SCREENSHOTS names one
(``make screenshots`` sets it to docs/screenshots), so a test run leaves the tree clean.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from workbench.devbrowser import (
    by_key,
    click,
    open_library,
    redrawn,
    revision,
    saving,
    settled,
    start_case,
    step_heading,
    wait_saved_after,
)

__all__ = [
    "SCREENSHOTS",
    "answer_box",
    "by_key",
    "click",
    "no_app_errors",
    "open_library",
    "redrawn",
    "revision",
    "saving",
    "settled",
    "snap",
    "start_case",
    "step_heading",
    "tick",
    "wait_saved_after",
    "write_answer",
]

SCREENSHOTS = Path(os.environ.get("WORKBENCH_SCREENSHOTS") or Path(tempfile.gettempdir()) / "workbench-screenshots")


def no_app_errors(page: Page) -> None:
    """No uncaught exception box on the page (error alerts the app means to show are allowed)."""
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def snap(page: Page, name: str, full: bool = True) -> Path:
    """Save <name>.png in ``SCREENSHOTS`` (overwritten every run).

    Streamlit scrolls its main area inside the page, so for a whole-page picture the
    viewport is grown to the content's height for the shot and put back afterwards.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    settled(page)
    size = page.viewport_size or {"width": 1400, "height": 1000}
    if full:
        height = page.evaluate(
            "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
            " return m ? m.scrollHeight : document.body.scrollHeight; }")
        page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(int(height), 4000))})
        page.wait_for_timeout(300)  # let the layout settle at the new size
    try:
        page.screenshot(path=path)
    finally:
        if full:
            page.set_viewport_size(size)
    return path


def answer_box(page: Page, step: str) -> Locator:
    return by_key(page, f"answer-{step}").locator("textarea")


def write_answer(page: Page, step: str, text: str) -> None:
    """Type an answer and send it (a text area is sent on Ctrl+Enter), then wait for the autosave."""
    box = answer_box(page, step)
    with saving(page):
        box.fill(text)
        box.press("Control+Enter")
    expect(box).to_have_value(text)


def tick(page: Page, suffix: str) -> None:
    """Tick the checkbox whose key ends with ``suffix`` and wait until the app has it ticked."""
    box = by_key(page, suffix)
    expect(box.locator("input")).not_to_be_checked()
    with saving(page):
        box.locator("label").first.click()
    expect(box.locator("input")).to_be_checked()
