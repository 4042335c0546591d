"""Browser tests: a real ``streamlit run`` server per test and Debian's Chromium driven by Playwright.

Without /usr/bin/chromium the tests skip with a clear reason, except in CI (CI=true),
where not being able to run them is a failure.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from workbench.devserver import VIEWPORT, StreamlitServer, chromium_problem, launch_chromium

# Pictures of failed tests: in a temporary folder, so a browser run never writes into the tree.
ARTIFACTS = Path(tempfile.gettempdir()) / "workbench-e2e-failures"


def _require_browser() -> None:
    problem = chromium_problem()
    if problem is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the browser tests, but {problem}", pytrace=False)
    pytest.skip(f"BROWSER TESTS SKIPPED: {problem}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    _require_browser()
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=20_000)
    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture
def start_server(browser, tmp_path_factory) -> Iterator[Callable[..., StreamlitServer]]:
    """Start a server with its own empty store; ``cases`` adds a folder of case files."""
    servers: list[StreamlitServer] = []

    def _start(cases: Path | None = None) -> StreamlitServer:
        d = tmp_path_factory.mktemp("server")
        srv = StreamlitServer(store=d / "store", cases=cases, log_path=d / "server.log")
        servers.append(srv)
        return srv.start()

    yield _start
    problems = []
    for srv in servers:
        srv.stop()
        log = srv.log_path.read_text(errors="replace") if srv.log_path and srv.log_path.exists() else ""
        if "Traceback (most recent call last)" in log:
            problems.append(log[-4000:])
    assert not problems, "the server logged an exception:\n" + "\n".join(problems)


@pytest.fixture
def server(start_server) -> StreamlitServer:
    return start_server()


def _on_dialog(page, dialog) -> None:
    """A leave-page warning (unsent text) lets the test's own navigation go on; any other
    dialog (an alert a script raised) is recorded for the checks and dismissed."""
    if dialog.type == "beforeunload":
        dialog.accept()
        return
    page.dialogs.append(dialog.message)
    dialog.dismiss()


@pytest.fixture
def new_page(browser, request):
    """``new_page()`` opens a page in a fresh browser context (its own cookies and Streamlit session);
    ``new_page(context=page.context)`` opens another tab in the same one. Dialogs are recorded on
    ``page.dialogs`` and dismissed (a leave-page warning is accepted)."""
    contexts = []
    pages = []

    def _new(context=None):
        if context is None:
            context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
            contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.dialogs = []  # type: ignore[attr-defined]
        page.on("dialog", lambda d: _on_dialog(page, d))
        pages.append(page)
        return page

    yield _new
    failed = any(getattr(request.node, f"rep_{w}", None) is not None and getattr(request.node, f"rep_{w}").failed
                 for w in ("setup", "call"))
    if failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for n, page in enumerate(pages):
            if not page.is_closed():
                with contextlib.suppress(Exception):  # best effort: the test already failed
                    page.screenshot(path=ARTIFACTS / f"{request.node.name}-{n}.png")
    for context in contexts:
        context.close()
