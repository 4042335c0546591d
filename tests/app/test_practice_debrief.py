"""[9] The debrief of a weak attempt, finished sessions read-only, suggestions confirmed by a click."""

from __future__ import annotations

import pytest
from streamlit.testing.v1.errors import AppTestError

from tests.app.driver import all_text, button, checkbox, new_app, no_exceptions, session, start_case, text_area

CASE = "short-video-feed"


def _finish_weak_attempt(at, library):
    case = library.cases[CASE]
    for n, sid in enumerate(library.framework.step_ids):
        text_area(at, f"answer-{sid}").input("I would use a model.").run()
        button(at, f"check-{sid}").click().run()
        light = min(case.steps[sid].rubric, key=lambda i: (i.weight, i.id))
        checkbox(at, f"chk-{light.id}").check().run()
        button(at, f"rubric-{sid}-score").click().run()
        if n + 1 < len(library.framework.step_ids):
            button(at, "-next").click().run()
    button(at, "-finish").click().run()
    no_exceptions(at)


def test_weak_attempt_debrief_lists_heaviest_gaps_in_weight_order(store_dir, library):
    at = start_case(new_app(), CASE)
    _finish_weak_attempt(at, library)
    case = library.cases[CASE]
    items = {i.text: i for sid in library.framework.step_ids for i in library.rubric(case, sid)}
    gap_lines = [m.value for m in at.markdown if m.value.startswith(("**1. ", "**2. ", "**3. ", "**4. ", "**5. "))]
    assert 3 <= len(gap_lines) <= 5
    texts = [line.split("**", 2)[1].split(". ", 1)[1] for line in gap_lines]
    weights = [items[t].weight for t in texts]
    assert weights == sorted(weights, reverse=True) and weights[0] == 3
    text = all_text(at)
    for t in texts:
        assert items[t].why in text
    assert "Practise next" in text and "Download the Markdown report" in text
    assert any(m.label == "Your score" for m in at.metric)
    assert "Time / budget" in text


def test_a_completed_session_cannot_be_changed_until_reopened(store_dir, library):
    at = start_case(new_app(), CASE)
    text_area(at, "answer-requirements").input("Before finishing.").run()
    for sid in library.framework.step_ids[1:]:
        button(at, f"stepper-step-{sid}").click().run()
    button(at, "-finish").click().run()
    assert session(at).status == "completed"
    button(at, "stepper-step-requirements").click().run()
    box = text_area(at, "answer-requirements")
    assert box.disabled
    with pytest.raises(AppTestError):  # a browser user cannot type into it either
        box.input("Changed after finishing.")
    assert session(at).step("requirements").answer == "Before finishing."
    assert all(c.disabled for c in at.checkbox if "-chk-" in (c.key or ""))
    assert not [b for b in at.button if (b.key or "").endswith(("check-requirements", "-finish"))]
    button(at, "-reopen").click().run()
    no_exceptions(at)
    assert session(at).status == "in_progress"
    box = text_area(at, "answer-requirements")
    assert not box.disabled
    box.input("Changed after reopening.").run()
    assert session(at).step("requirements").answer == "Changed after reopening."


def test_weak_answer_few_suggestions_strong_many_and_confirm_ticks(store_dir, library):
    case = library.cases[CASE]
    at = start_case(new_app(), CASE)
    text_area(at, "answer-requirements").input("We should build a model for the feed.").run()
    button(at, "check-requirements").click().run()
    weak = [c for c in session(at).step("requirements").checks if c.by == "suggester"]
    strong_text = case.steps["requirements"].reference_answer
    assert strong_text, "the case needs a reference answer for this test"
    text_area(at, "answer-requirements").input(strong_text).run()
    strong = [c for c in session(at).step("requirements").checks if c.by == "suggester"]
    assert len(weak) <= 1 < 4 <= len(strong)
    assert not [c for c in session(at).step("requirements").checks if c.by == "self"]  # nothing ticked
    item = strong[0].item
    assert "suggested" in all_text(at)
    button(at, f"confirm-{item}").click().run()
    no_exceptions(at)
    assert any(c.item == item and c.by == "self" for c in session(at).step("requirements").checks)


def test_a_late_report_of_the_old_page_does_not_untick_a_confirmed_suggestion(store_dir, library):
    """Confirm ticks the box; the browser's copy of the page from before that (sent by the clock's
    timer or a second click before the new page arrived) still has it unticked, and must not win."""
    case = library.cases[CASE]
    at = start_case(new_app(), CASE)
    text_area(at, "answer-requirements").input(case.steps["requirements"].reference_answer).run()
    button(at, "check-requirements").click().run()
    item = next(c.item for c in session(at).step("requirements").checks if c.by == "suggester")
    old_box = checkbox(at, f"chk-{item}")
    assert old_box.value is False
    button(at, f"confirm-{item}").click().run()
    assert checkbox(at, f"chk-{item}").value is True
    revision = session(at).revision

    old_box.set_value(False).run()
    no_exceptions(at)
    assert checkbox(at, f"chk-{item}").value is True
    assert any(c.item == item and c.by == "self" for c in session(at).step("requirements").checks)
    assert session(at).revision == revision

    checkbox(at, f"chk-{item}").uncheck().run()  # unticking on the page as it is now still works
    assert not any(c.item == item and c.by == "self" for c in session(at).step("requirements").checks)
