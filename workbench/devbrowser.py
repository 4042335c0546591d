"""Drive the app in a browser the way a user would, through stable selectors (Playwright).

For development tools, not the app: the browser tests and the browser benchmarks both
drive pages through these helpers (see ``workbench.devserver`` for the server).

Streamlit puts a widget's key on its container as the CSS class ``st-key-<key>``. The
app's keys start with a session prefix, so they are matched on their ending with
``[class*="-<suffix>"]``.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

from playwright.sync_api import Locator, Page, expect

_REVISION = re.compile(r"revision (\d+)")


def by_key(page: Page, suffix: str) -> Locator:
    """The element container of the widget whose key ends with ``suffix`` (given without the dash)."""
    return page.locator(f'[class*="-{suffix.lstrip("-")}"]')


def redrawn(locator: Locator) -> Locator:
    """``locator`` once it finds one element again. A widget whose value the app changed is drawn
    afresh under a new key (components.bound_widgets); the old one stays, faded, until the run ends."""
    expect(locator).to_have_count(1)
    return locator


def click(page: Page, suffix: str, saves: bool = False) -> None:
    """Click the button whose key ends with ``suffix``; with ``saves``, return only once the app
    has autosaved the change (the sidebar revision went up), so the rerun is over."""
    if not saves:
        by_key(page, suffix).locator("button").click()
        return
    with saving(page):
        by_key(page, suffix).locator("button").click()


def revision(page: Page) -> int:
    """The revision shown in the sidebar ("Saved automatically · revision N")."""
    text = page.get_by_test_id("stSidebar").get_by_text(_REVISION).first.inner_text()
    m = _REVISION.search(text)
    assert m, text
    return int(m.group(1))


def wait_saved_after(page: Page, before: int) -> None:
    """Wait until the sidebar shows a revision newer than ``before`` (the store has the change) and
    the run is over. The revision is drawn last, but on a busy machine the run can still be
    ending then: the widgets it did not draw again go only when it ends, and the layout shifts
    under the next click (a "Next step" click landed on nothing about one run in three)."""
    page.wait_for_function(
        "(before) => { const bar = document.querySelector('[data-testid=\"stSidebar\"]') || document.body;"
        " const m = bar.textContent.match(/revision (\\d+)/);"
        " const app = document.querySelector('[data-testid=\"stApp\"]');"
        " return m !== null && Number(m[1]) > before"
        " && app !== null && app.getAttribute('data-test-script-state') === 'notRunning'; }",
        arg=before,
        polling=50,
    )


@contextlib.contextmanager
def saving(page: Page) -> Iterator[None]:
    """``with saving(page): <action>`` waits, after the action, for the autosave it causes and
    the end of its run. Every action that saves must wait like this, or the next one would read
    a stale revision or click a page still moving.
    """
    before = revision(page)
    yield
    wait_saved_after(page, before)


def step_heading(page: Page, number: int, title: str) -> Locator:
    return page.get_by_role("heading", name=f"{number}. {title}")


def settled(page: Page) -> None:
    """Wait until no widget is still a loading placeholder (Streamlit draws skeletons first)."""
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0)


def open_library(page: Page, base_url: str) -> None:
    # The library is the default page, served at "/".
    page.goto(base_url + "/")
    expect(page.get_by_role("heading", name="Case library")).to_be_visible()
    settled(page)


def start_case(page: Page, case_id: str, mode: str = "solo", candidate: str = "", interviewer: str = "") -> str:
    """From the library: pick a case, fill the start form, start; returns the session id from the URL."""
    page.locator(f".st-key-lib-{case_id} button").click()
    form = page.locator('[data-testid="stForm"]')
    expect(form).to_be_visible()
    if mode != "solo":
        page.locator(".st-key-start-form-mode").get_by_text("Interviewer-led").click()
    if candidate:
        page.locator(".st-key-start-form-cand input").fill(candidate)
    if interviewer:
        page.locator(".st-key-start-form-int input").fill(interviewer)
    page.locator(".st-key-FormSubmitter-start-form-Start button").click()
    target = "practice" if mode == "solo" else "interview"
    expect(page).to_have_url(re.compile(rf"/{target}\?session=[0-9a-f]{{32}}$"))
    return page.url.rsplit("session=", 1)[1]
