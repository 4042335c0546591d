"""[10] The console reads the candidate's pad and the interviewer's notes; a suggestion is a tick
only once the interviewer confirms it, with the sentence as evidence."""

from __future__ import annotations

from tests.app.driver import all_text, new_app, no_exceptions, session
from workbench import walkthrough as wt
from workbench.store import open_store

CASE = "short-video-feed"


def test_console_suggests_from_the_pad_and_confirming_ticks_with_evidence(store_dir, library):
    case = library.cases[CASE]
    s = wt.new_session(case, library, mode="interview", candidate="Ada", interviewer="Grace")
    wt.set_answer(s, "requirements", case.steps["requirements"].reference_answer)
    open_store(str(store_dir), library=library).save(s)
    at = new_app(session=s.id)
    at.switch_page("app_pages/interview.py").run()
    no_exceptions(at)
    next(b for b in at.button if (b.key or "").endswith("suggest-requirements")).click().run()
    no_exceptions(at)
    suggested = [c for c in session(at).step("requirements").checks if c.by == "suggester"]
    assert len(suggested) >= 3
    assert not [c for c in session(at).step("requirements").checks if c.by == "interviewer"]
    first = suggested[0]
    assert first.evidence and first.evidence in all_text(at)
    next(b for b in at.button if (b.key or "").endswith(f"sugg-requirements-{first.item}")).click().run()
    no_exceptions(at)
    mine = session(at).step("requirements").check(first.item, "interviewer")
    assert mine is not None and mine.evidence == first.evidence.strip()
    assert "the evidence supports" in all_text(at)
