"""Role links in the app: a candidate's or reviewer's link opens its one page, whatever is edited.

A browser session is an AppTest here; "typing another path" is the page hash the browser
would send for it (Streamlit hashes the url path), so every page of the app is tried.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from tests.app.driver import all_text, button, checkbox, link_app, new_app, no_exceptions, session, start_case
from workbench.store import open_store

CASE = "short-video-feed"
PATHS = ["interview", "review", "sessions", "progress", "compare", "practice", "candidate", ""]
REFUSED = "This link does not open anything"


def visit(at: AppTest, path: str) -> AppTest:
    """The same browser session asks for another page, as an edited URL path does."""
    at._page_hash = calc_hash(path)
    return at.run()


@pytest.fixture
def interview(store_dir, library):
    """An interview the interviewer has scored: ticks with evidence, a rating, a probe, a note."""
    at = new_app()
    start_case(at, CASE, mode="interview", candidate="Ada")
    step = library.cases[CASE].steps["requirements"]
    checkbox(at, f"ichk-{step.rubric[0].id}").check().run()
    next(t for t in at.text_input if t.key.endswith(f"ichkev-{step.rubric[0].id}")).input("secret evidence").run()
    at.radio(key=next(r.key for r in at.radio if r.key.endswith("rating-requirements"))).set_value("hire").run()
    button(at, f"-probe-{step.probes[0].id}").click().run()
    next(t for t in at.text_area if t.key.endswith("notes-requirements")).input("secret note").run()
    no_exceptions(at)
    return at, session(at).id


def _private(library) -> list[str]:
    case = library.cases[CASE]
    texts = ["secret evidence", "secret note", "Rating for this step", "Interviewer console"]
    for sid in library.framework.step_ids:
        texts += [i.text for i in library.rubric(case, sid)] + [p.ask for p in case.steps[sid].probes]
    return texts


def _candidate_only(at: AppTest, sid: str, library) -> None:
    """What a candidate-link browser may show: the pad, or a refusal; never anything private."""
    no_exceptions(at)
    shown = all_text(at)
    assert [t for t in _private(library) if t in shown] == []
    assert sid not in shown and sid not in str(dict(at.query_params))
    assert at.checkbox.len == 0 and at.radio.len == 0  # no rubric to tick, no rating to give
    assert not any("ichkev" in (t.key or "") for t in at.text_input)


def test_the_candidate_link_opens_the_pad_and_nothing_else(interview, store_dir, library):
    _console, sid = interview
    case = library.cases[CASE]
    cand = link_app(store_dir, sid).run()
    token = cand.query_params["c"]
    assert [t.value for t in cand.title] == [case.title] and cand.text_area(key="pad-answer-requirements")
    _candidate_only(cand, sid, library)
    for path in PATHS:  # every other page, in the same browser session
        visit(cand, path)
        _candidate_only(cand, sid, library)
        assert [t.value for t in cand.title] == [case.title], path
    cand.query_params["session"] = sid  # the real id, had they learnt it
    cand.run()
    _candidate_only(cand, sid, library)
    assert "session" not in cand.query_params and [t.value for t in cand.title] == [case.title]
    fresh = new_app(session=sid).run()  # a fresh browser with the id and no token gets no pad either
    assert not any(t.key and t.key.startswith("pad-") for t in fresh.text_area)
    # the candidate's token as a reviewer's, tampered, or with the id beside it
    for query in ({"r": token}, {"c": token[:-2] + ("AA" if token[-2:] != "AA" else "BB")},
                  {"c": token, "r": token}, {"c": "../" + token}):
        attempt = new_app(**query).run()
        _candidate_only(attempt, sid, library)
        assert REFUSED in all_text(attempt), query
    held = new_app(c=token).run()
    held.query_params["r"] = token
    held.run()
    _candidate_only(held, sid, library)
    assert REFUSED in all_text(held)


def test_a_revoked_link_stops_at_once_and_a_new_one_works(interview, store_dir, library):
    console, sid = interview
    cand = link_app(store_dir, sid).run()
    old = cand.query_params["c"]
    console.run()
    button(console, "links-candidate-revoke").click().run()
    no_exceptions(console)
    cand.run()  # the open tab's next refresh
    assert REFUSED in all_text(cand)
    _candidate_only(cand, sid, library)
    assert REFUSED in all_text(new_app(c=old).run())
    button(console, "links-candidate-issue").click().run()
    new_url = next(c.value for c in console.code if "/candidate?c=" in c.value)
    token = new_url.rsplit("c=", 1)[1]
    assert token != old and sid not in new_url
    fresh = new_app(c=token).run()
    assert fresh.text_area(key="pad-answer-requirements")
    assert REFUSED in all_text(new_app(c=old).run())


def test_the_reviewer_link_reaches_the_review_page_only(interview, store_dir, library):
    _console, sid = interview
    other = open_store(str(store_dir)).load(sid).model_copy(update={"id": "f" * 32, "revision": 0})
    open_store(str(store_dir)).save(other)
    rev = link_app(store_dir, sid, role="reviewer").run()
    token = rev.query_params["r"]
    for path in PATHS:
        visit(rev, path)
        no_exceptions(rev)
        assert [t.value for t in rev.title] == ["Review"], path
        assert rev.session_state["wb_session"].id == sid
        assert sid not in str(dict(rev.query_params)) and sid[:8] not in all_text(rev)
        assert not any(b.key and b.key.endswith("dl-yaml") for b in rev.get("download_button"))
    rev.query_params["session"] = other.id  # another session's id does not move the reviewer
    rev.run()
    assert rev.session_state["wb_session"].id == sid and "session" not in rev.query_params
    assert REFUSED in all_text(new_app(c=token).run())  # not a candidate link
    # and the reviewer can do what the link is for: add a review
    next(t for t in rev.text_input if t.key.endswith("rv-name")).input("Coach").run()
    next(b for b in rev.button if b.key.endswith("rv-submit")).click().run()
    no_exceptions(rev)
    assert [r.reviewer for r in open_store(str(store_dir)).load(sid).reviews] == ["Coach"]


def test_console_shows_the_pad_and_review_reads_the_transcript(interview, store_dir, library):
    console, sid = interview
    cand = link_app(store_dir, sid).run()
    cand.text_area(key="pad-answer-requirements").input("Optimise long-term retention. Watch time online.").run()
    no_exceptions(cand)
    console.run()
    assert "Optimise long-term retention. Watch time online." in [m.value for m in console.markdown]
    assert any(m.value == "> Watch time online." for m in console.markdown)
    button(console, "stepper-step-data").click().run()
    next(t for t in console.text_area if t.key.endswith("transcript-data")).input("Said: labels from skips").run()
    no_exceptions(console)
    stored = open_store(str(store_dir)).load(sid)
    assert stored.step("data").transcript == "Said: labels from skips"
    assert stored.step("requirements").answer.startswith("Optimise")  # the console's writes kept the pad's
    review = new_app(session=sid)
    review.switch_page("app_pages/review.py").run()
    no_exceptions(review)
    assert "Said: labels from skips" in [m.value for m in review.markdown]


def test_the_console_opens_the_pad_by_its_link_not_by_the_id(interview, store_dir):
    console, sid = interview
    urls = [b.proto.url for b in console.get("link_button")]
    assert len(urls) == 1 and "/candidate?c=" in urls[0] and sid not in urls[0]
    pad = new_app(c=urls[0].rsplit("c=", 1)[1]).run()
    assert pad.text_area(key="pad-answer-requirements")
    assert console.query_params["session"] == sid  # the owner's own link is unchanged


def test_the_same_answer_from_two_windows_keeps_both_and_says_so(interview, store_dir):
    _console, sid = interview
    first = link_app(store_dir, sid).run()
    second = new_app(c=first.query_params["c"]).run()  # the candidate's second window, opened before any write
    first.text_area(key="pad-answer-requirements").input("Window one: goal first.").run()
    second.text_area(key="pad-answer-requirements").input("Window two: metrics first.").run()
    no_exceptions(second)
    assert any("Both versions are kept" in w.value for w in second.warning)
    stored = open_store(str(store_dir)).load(sid).step("requirements").answer
    assert "Window one: goal first." in stored and "Window two: metrics first." in stored
    assert second.text_area(key="pad-answer-requirements").value == stored  # the box shows both too
