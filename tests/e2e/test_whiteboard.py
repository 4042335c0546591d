"""The whiteboard in a real browser: diagrams drawn in the app survive a refresh, and the HTML
report draws them offline as SVG, with planted scripts and click handlers doing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.ui import by_key, no_app_errors, open_library, redrawn, saving, settled, start_case
from workbench import mermaid_html
from workbench import walkthrough as wt
from workbench.diagrams import set_diagram, template
from workbench.estimates import set_estimate
from workbench.report import to_html
from workbench.sessionfile import session_from_bytes

pytestmark = pytest.mark.e2e

CASE = "short-video-feed"
HOSTILE = """%%{init: {"securityLevel": "loose", "startOnLoad": true}}%%
flowchart LR
    A["<script>window.__pwned='label'</script>Label A"] --> B["<img src=x onerror=window.__pwned='img'>Label B"]
    B --> C[Label C]
    click A call alert("click-call")
    click B href "javascript:window.__pwned='href';alert('click-href')"
    click C callback "tooltip"
"""
BROKEN = "flowchart LR\n    A --> (((\n"


class Watch:
    """What a page did: requests other than the file itself, script errors, dialogs."""

    def __init__(self, page: Page):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url) if not r.url.startswith("file:") else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.console.append(m.text) if m.type == "error" else None)
        page.route(lambda url: not url.startswith("file:"), lambda route: route.abort())  # never the network


def _report(library, tmp_path: Path) -> Path:
    s = wt.new_session(library.cases[CASE], library)
    set_diagram(s, "requirements", template("two-stage-recommender").source)
    set_diagram(s, "data", HOSTILE)
    set_diagram(s, "model", BROKEN)
    set_estimate(s, "requirements", "peak-qps", "35e6 / day", "35M a day")
    path = tmp_path / "report.html"
    path.write_text(to_html(s, library), encoding="utf-8")
    return path


def _open(page: Page, path: Path) -> Watch:
    watch = Watch(page)
    page.goto(path.as_uri())
    page.wait_for_function("() => document.body.dataset.diagrams === 'done'")
    return watch


def _click_every_node(page: Page) -> None:
    nodes = page.locator("pre.mermaid svg g.node")
    for n in range(nodes.count()):
        nodes.nth(n).click()
    page.evaluate("() => new Promise(r => setTimeout(r, 100))")  # let any handler that was bound run


def test_html_report_draws_diagrams_offline_and_inert(new_page, library, tmp_path):
    page = new_page()
    watch = _open(page, _report(library, tmp_path))

    drawn = page.locator("pre.mermaid:has(svg)")
    expect(drawn).to_have_count(2)  # the template and the hostile one; the broken one keeps its text
    expect(drawn.first.locator("svg")).to_contain_text("Ranking model")
    expect(drawn.nth(1).locator("svg")).to_contain_text("Label C")
    broken = page.locator("pre.mermaid.unrendered")
    expect(broken).to_have_count(1)
    expect(broken).to_contain_text("A --> (((")

    _click_every_node(page)
    assert page.evaluate("() => window.__pwned") is None, "a planted script or handler ran"
    assert page.dialogs == [], f"a click directive ran: {page.dialogs}"
    assert page.locator('img[src="x"]').count() == 0  # labels are SVG text, not HTML
    assert not page.evaluate("() => [...document.querySelectorAll('*')].some("
                             "e => [...e.attributes].some(a => a.name.startsWith('on')))"), "an event handler attribute"
    assert page.locator('a[href^="javascript:"], [*|href^="javascript:"]').count() == 0
    assert page.locator("script").count() == 1  # only the hashed bundle
    assert watch.requests == [], f"the report made network requests: {watch.requests}"
    assert watch.errors == [], f"script errors: {watch.errors}"
    assert not [m for m in watch.console if "inline script" in m], watch.console  # the bundle itself was allowed


def test_detector_catches_a_click_directive_that_runs(new_page, library, tmp_path, monkeypatch):
    """The control: with Mermaid's 'loose' level the same report's click directive does open a dialog."""
    monkeypatch.setattr(mermaid_html, "START", mermaid_html.START.replace("'strict'", "'loose'"))
    mermaid_html.script.cache_clear()
    try:
        page = new_page()
        _open(page, _report(library, tmp_path))
        _click_every_node(page)
        assert "click-call" in page.dialogs
    finally:
        mermaid_html.script.cache_clear()


# -- in the app ---------------------------------------------------------------------------
def _editor(page: Page):
    return by_key(page, "diagram-requirements").locator("textarea")


def _send(page: Page, text: str) -> None:
    box = _editor(page)
    with saving(page):
        box.fill(text)
        box.press("Control+Enter")
    expect(box).to_have_value(text)


def _open_diagram(page: Page) -> None:
    """Open the Diagram expander unless the page drew it open (it is, once a diagram exists)."""
    details = page.locator('[data-testid="stExpander"] details').filter(
        has=page.locator("summary", has_text="Diagram"))
    expect(details).to_have_count(1)
    settled(page)
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()
    expect(_editor(page)).to_be_visible()


def test_diagram_from_a_template_survives_a_refresh_and_reaches_the_report(server, new_page, library, tmp_path):
    page = new_page()
    open_library(page, server.base_url)
    sid = start_case(page, CASE)
    _open_diagram(page)
    by_key(page, "diagram-requirements-template").get_by_role("combobox").click()
    page.get_by_role("option", name="RAG pipeline").click()
    # Streamlit draws a button with help twice (one hidden, for measuring); the role query sees the real one
    use = page.locator('[class*="-diagram-requirements-use"]:not([data-stale="true"])').get_by_role("button")
    expect(use).to_have_count(1)  # and no stale copy is left from before the pick
    with saving(page):
        use.click()
    rag = template("rag-pipeline").source
    expect(redrawn(_editor(page))).to_have_value(rag)  # the template is the app's change: a new box
    preview = page.locator('[data-testid="stMermaidChart"] img')
    expect(preview).to_be_visible()
    expect(use).to_be_disabled()

    # a syntax error shows Mermaid's own message beside the editor and keeps the source
    broken = rag + "    LLM --> (((\n"
    _send(page, broken)
    expect(page.get_by_test_id("stMermaidError")).to_contain_text("Mermaid diagram error")
    edited = rag.replace("Re-ranker", "Cross-encoder re-ranker").rstrip("\n")
    _send(page, edited)
    expect(preview).to_be_visible()
    expect(page.get_by_test_id("stMermaidError")).to_have_count(0)

    page.reload()
    _open_diagram(page)
    expect(_editor(page)).to_have_value(edited + "\n")
    expect(page.locator('[data-testid="stMermaidChart"] img')).to_be_visible()
    no_app_errors(page)

    stored = session_from_bytes((server.store / f"{sid}.yaml").read_bytes(), "stored.yaml")
    assert stored.step("requirements").diagram == edited + "\n"
    report = tmp_path / "from-the-app.html"
    report.write_text(to_html(stored, library), encoding="utf-8")
    viewer = new_page()
    watch = _open(viewer, report)
    expect(viewer.locator("pre.mermaid svg")).to_have_count(1)
    expect(viewer.locator("pre.mermaid svg")).to_contain_text("Vector index")
    assert watch.requests == [] and watch.errors == []


def test_planted_script_and_click_in_the_app_preview_do_nothing(server, new_page):
    page = new_page()
    open_library(page, server.base_url)
    start_case(page, CASE)
    _open_diagram(page)
    _send(page, HOSTILE.strip("\n"))
    preview = page.locator('[data-testid="stMermaidChart"] img')
    expect(preview).to_be_visible()
    preview.click()
    page.evaluate("() => new Promise(r => setTimeout(r, 100))")
    assert page.evaluate("() => window.__pwned") is None, "a planted script or handler ran"
    assert page.dialogs == [], f"a click directive ran: {page.dialogs}"
    assert page.locator('img[src="x"]').count() == 0
    no_app_errors(page)
