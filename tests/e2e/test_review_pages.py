"""The review side in a real browser: sessions, review, compare and progress over a populated store."""

from __future__ import annotations

from collections import Counter

import pytest
from playwright.sync_api import expect

from tests.e2e.ui import no_app_errors, settled, snap
from workbench.sessionfile import session_from_bytes
from workbench.synthetic import build_store

pytestmark = pytest.mark.e2e


def test_review_pages_render_a_populated_store(server, new_page):
    build_store(server.store, 40, seed=11, workers=1, index=True)
    sessions = {p.stem: session_from_bytes(p.read_bytes(), p.name) for p in server.store.glob("*.yaml")}
    page = new_page()

    page.goto(server.url("/sessions"))
    expect(page.get_by_role("heading", name="Sessions")).to_be_visible()
    expect(page.get_by_text("40 of 40 sessions")).to_be_visible()
    settled(page)
    no_app_errors(page)
    snap(page, "sessions")

    sid, session = next(iter(sessions.items()))
    page.goto(server.url(f"/review?session={sid}"))
    expect(page.get_by_role("heading", name="Review", exact=True)).to_be_visible()
    expect(page.get_by_text(session.case.title).first).to_be_visible()
    expect(page.get_by_role("button", name="Submit review")).to_be_visible()
    settled(page)
    no_app_errors(page)
    snap(page, "review")

    # the synthetic store holds several attempts at some case: the compare page charts two of them
    case_id, n = Counter(s.case.id for s in sessions.values()).most_common(1)[0]
    assert n >= 2
    page.goto(server.url("/compare"))
    expect(page.get_by_role("heading", name="Compare attempts")).to_be_visible()
    title = next(s.case.title for s in sessions.values() if s.case.id == case_id)
    expect(page.locator(".st-key-cmp-case input")).to_have_value(f"{title} ({n} attempts)")  # most attempts first
    expect(page.locator('[data-testid="stPlotlyChart"]').first).to_be_visible()
    settled(page)
    no_app_errors(page)
    snap(page, "compare")

    page.goto(server.url("/progress"))
    expect(page.get_by_role("heading", name="Weakest areas")).to_be_visible()
    expect(page.get_by_role("heading", name="Recommended next")).to_be_visible()
    expect(page.locator('[data-testid="stPlotlyChart"]').first).to_be_visible()
    settled(page)
    no_app_errors(page)
    snap(page, "progress")
