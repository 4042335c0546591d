"""Sign-in in a real browser against a mock OpenID Connect provider on loopback.

The server gets a secrets.toml with ``[auth]`` pointing at the mock's discovery URL and a
``[workbench.team]`` naming one interviewer. Two people sign in: the interviewer sees and
opens everyone's sessions; a candidate lists and opens only their own, and an edited
link to someone else's session opens nothing. The saved files record who did what.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
import werkzeug.serving
import yaml
from playwright.sync_api import Page, expect

from tests.e2e.ui import no_app_errors, settled, start_case
from workbench.devserver import StreamlitServer

INTERVIEWER, CANDIDATE, OTHER = "ana@example.com", "cat@example.com", "dan@example.com"
NO_EMAIL = "user-without-email"
CASE = "ecommerce-search-ranking"


@pytest.fixture
def oidc() -> Iterator[str]:
    """The mock provider on 127.0.0.1 and a free port; yields its base URL."""
    oidc_provider_mock = pytest.importorskip("oidc_provider_mock")
    users = [oidc_provider_mock.User(sub=who, claims={"email": who, "email_verified": True, "name": who})
             for who in (INTERVIEWER, CANDIDATE, OTHER)]
    users.append(oidc_provider_mock.User(sub=NO_EMAIL, claims={"name": "No Mail"}))
    server = werkzeug.serving.make_server("127.0.0.1", 0, oidc_provider_mock.app(user_claims=users), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)


@pytest.fixture
def signed_server(browser, oidc, tmp_path) -> Iterator[StreamlitServer]:
    secrets_file = tmp_path / "secrets.toml"
    secrets_file.write_text(f"""
[auth]
redirect_uri = "http://127.0.0.1:{{port}}/oauth2callback"
cookie_secret = "{secrets.token_hex(24)}"
client_id = "workbench"
client_secret = "{secrets.token_hex(8)}"
server_metadata_url = "{oidc}/.well-known/openid-configuration"

[workbench.team]
interviewers = ["{INTERVIEWER}"]
""")
    srv = StreamlitServer(store=tmp_path / "store", log_path=tmp_path / "server.log",
                          env={"STREAMLIT_SECRETS_FILES": str(secrets_file)})
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()
    log = srv.log_path.read_text(errors="replace")
    assert "Traceback (most recent call last)" not in log, log[-4000:]


def _loopback_only(page: Page) -> None:
    """The mock's pages link a stylesheet on a CDN: a test never reaches the network."""
    def handle(route):
        host = urlparse(route.request.url).hostname
        route.continue_() if host in ("127.0.0.1", "localhost") else route.abort()

    page.context.route("**/*", handle)


def sign_in(page: Page, server: StreamlitServer, who: str) -> None:
    _loopback_only(page)
    page.goto(server.url("/"))
    page.locator(".st-key-wb-sign-in button").click()
    page.get_by_role("button", name=who, exact=True).click()  # the mock's one-click user
    expect(page.get_by_test_id("stSidebar")).to_contain_text(f"Signed in as {who}")
    expect(page.get_by_role("heading", name="Case library")).to_be_visible()
    settled(page)


def session_count(page: Page, server: StreamlitServer) -> str:
    page.goto(server.url("/sessions"))
    caption = page.get_by_text(" sessions", exact=False).filter(has_text=" of ")
    expect(caption).to_be_visible()
    return caption.inner_text()


def test_nothing_shows_before_sign_in(signed_server, new_page):
    page = new_page()
    _loopback_only(page)
    for path in ("/", "/sessions", "/progress"):
        page.goto(signed_server.url(path))
        expect(page.locator(".st-key-wb-sign-in button")).to_be_visible()
        expect(page.get_by_role("heading", name="Case library")).to_have_count(0)
        expect(page.get_by_text("Store:")).to_have_count(0)


def test_a_candidate_sees_only_their_own_sessions_and_the_interviewer_sees_all(signed_server, new_page):
    ana = new_page()
    sign_in(ana, signed_server, INTERVIEWER)
    expect(ana.get_by_test_id("stSidebar")).to_contain_text("interviewer")
    interview_id = start_case(ana, CASE, mode="interview", candidate="Cat")

    cat = new_page()
    sign_in(cat, signed_server, CANDIDATE)
    expect(cat.get_by_test_id("stSidebar")).to_contain_text("candidate")
    practice_id = start_case(cat, CASE)

    dan = new_page()
    sign_in(dan, signed_server, OTHER)
    start_case(dan, CASE)

    # The candidate lists their own session only, and a link to another's opens nothing.
    assert session_count(cat, signed_server).startswith("1 of 1 sessions")
    expect(cat.get_by_text(practice_id[:8])).to_have_count(0)  # the table hides ids; the picker shows 8
    cat.goto(signed_server.url(f"/review?session={interview_id}"))
    expect(cat.get_by_text("No saved session matches this link")).to_be_visible()
    cat.goto(signed_server.url(f"/practice?session={practice_id}"))
    expect(cat.get_by_role("heading", name="1. Requirements")).to_be_visible()
    no_app_errors(cat)

    # The interviewer lists all three and opens the candidate's for review.
    assert session_count(ana, signed_server).startswith("3 of 3 sessions")
    ana.goto(signed_server.url(f"/review?session={practice_id}"))
    expect(ana.get_by_text("No saved session matches this link")).to_have_count(0)
    expect(ana.get_by_role("heading", name="Review", exact=True)).to_be_visible()
    no_app_errors(ana)

    # The files say who created each session and who did each thing.
    store = Path(signed_server.store)
    mine = yaml.safe_load((store / f"{practice_id}.yaml").read_text())
    theirs = yaml.safe_load((store / f"{interview_id}.yaml").read_text())
    assert mine["people"]["owner"] == CANDIDATE and {e["by"] for e in mine["events"]} == {CANDIDATE}
    assert theirs["people"]["owner"] == INTERVIEWER and {e["by"] for e in theirs["events"]} == {INTERVIEWER}


def test_sign_out_returns_to_the_gate(signed_server, new_page):
    page = new_page()
    sign_in(page, signed_server, CANDIDATE)
    page.locator(".st-key-wb-sign-out button").click()
    page.wait_for_url(re.compile(r"/oauth2/end_session"))  # the app cleared its cookie, then handed over
    page.goto(signed_server.url("/"))
    expect(page.locator(".st-key-wb-sign-in button")).to_be_visible()


def test_an_account_without_an_email_address_gets_no_further(signed_server, new_page):
    page = new_page()
    _loopback_only(page)
    page.goto(signed_server.url("/"))
    page.locator(".st-key-wb-sign-in button").click()
    page.get_by_role("button", name=NO_EMAIL, exact=True).click()
    expect(page.get_by_text("did not share an e-mail address")).to_be_visible()
    expect(page.get_by_role("heading", name="Case library")).to_have_count(0)
    expect(page.locator(".st-key-wb-sign-out button")).to_be_visible()
