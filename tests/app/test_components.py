"""Each component with behaviour, on its own (AppTest.from_function): what it shows, what it calls back.

Callbacks record what they were called with in ``st.session_state["calls"]``.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from components.bound_widgets import base_key


def _run(page, *args) -> AppTest:
    at = AppTest.from_function(page, args=args, default_timeout=30)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _calls(at: AppTest) -> list:
    return at.session_state["calls"] if "calls" in at.session_state else []  # noqa: SIM401 (no .get here)


def test_checklist_shows_ticks_from_the_caller_and_reports_each_toggle():
    def page() -> None:
        import streamlit as st

        from components.rubric_checklist import show_checklist
        from workbench.case import RubricItem

        calls = st.session_state.setdefault("calls", [])
        items = [RubricItem(id="a", text="Item A", weight=3), RubricItem(id="b", text="Item B", level="senior")]

        def toggle(item_id: str, widget: str):
            return lambda: calls.append(("tick", item_id, st.session_state[widget]))

        def evidence(item_id: str, widget: str):
            return lambda: calls.append(("evidence", item_id, st.session_state[widget]))

        show_checklist(items, {"a": "said so"}, "k", toggle, with_evidence=True, on_evidence=evidence)

    at = _run(page)
    boxes = {base_key(c.key): c for c in at.checkbox}
    evidence = {base_key(t.key): t for t in at.text_input}
    assert boxes["k-chk-a"].value is True and boxes["k-chk-b"].value is False
    assert "Item A" in boxes["k-chk-a"].label and "weight 3" in boxes["k-chk-a"].label
    assert "senior" in boxes["k-chk-b"].label
    assert evidence["k-chkev-a"].value == "said so"
    boxes["k-chk-b"].check().run()
    evidence["k-chkev-b"].input("quoted").run()
    assert _calls(at) == [("tick", "b", True), ("evidence", "b", "quoted")]


def test_a_box_the_app_ticks_moves_to_a_new_key_and_a_late_report_of_the_old_one_is_dropped():
    def page() -> None:
        import streamlit as st

        from components.bound_widgets import bound_key, if_current

        calls = st.session_state.setdefault("calls", [])
        k = bound_key("box", st.session_state.setdefault("value", False))

        def user_sent() -> None:
            st.session_state["value"] = st.session_state[k]
            calls.append(st.session_state[k])

        st.checkbox("Box", key=k, on_change=if_current(k, user_sent))
        st.button("The app ticks it", key="app", on_click=lambda: st.session_state.update(value=True))

    at = _run(page)
    first = at.checkbox[0].key
    assert base_key(first) == "box" and at.checkbox[0].value is False
    at.checkbox[0].check().run()
    at.checkbox[0].uncheck().run()
    assert _calls(at) == [True, False]
    assert at.checkbox[0].key == first  # the user's changes keep the key: the box is not drawn afresh
    old = at.checkbox[0]
    at.button(key="app").click().run()
    assert at.checkbox[0].value is True and at.checkbox[0].key != first
    old.set_value(False).run()  # the browser's copy from before the app ticked it
    assert _calls(at) == [True, False] and at.session_state["value"] is True
    assert at.checkbox[0].value is True
    at.checkbox[0].uncheck().run()  # the box as drawn now still reports
    assert _calls(at) == [True, False, False] and at.session_state["value"] is False


def test_a_box_shown_again_keeps_its_key_and_starts_from_the_value_given():
    def page() -> None:
        import streamlit as st

        from components.bound_widgets import bound_key

        if st.toggle("Show", key="show", value=True):
            st.checkbox("Box", key=bound_key("box", st.session_state.get("value", False)))

    at = _run(page)
    first = at.checkbox[0].key
    at.toggle(key="show").set_value(False).run()
    assert not at.checkbox
    at.session_state["value"] = True  # changed while the box was away (another step was shown)
    at.toggle(key="show").set_value(True).run()
    assert at.checkbox[0].key == first and at.checkbox[0].value is True


def test_rating_picker_has_four_anchored_choices_and_no_middle():
    def page() -> None:
        import streamlit as st

        from components.rating_picker import show_rating
        from workbench.library import load_library

        calls = st.session_state.setdefault("calls", [])
        anchors = load_library().framework.ratings
        show_rating(anchors, "hire", "r", lambda: calls.append(st.session_state["r"]))

    at = _run(page)
    radio = at.radio(key="r")
    assert radio.value == "hire" and len(radio.options) == 4
    assert "Hire" in radio.options and "Strong no hire" in radio.options
    radio.set_value("strong_hire").run()
    assert _calls(at) == ["strong_hire"]
    assert any("Drives the discussion" in m.value for m in at.markdown)  # the written anchors


def test_hint_ladder_shows_only_revealed_rungs_and_counts_what_is_left():
    def page(revealed: int) -> None:
        import streamlit as st

        from components.hint_ladder import show_hints

        calls = st.session_state.setdefault("calls", [])
        show_hints(["gentle", "specific", "near-answer"], revealed, "h", lambda: calls.append("give"))

    at = _run(page, 1)
    shown = [i.value for i in at.info]
    assert shown == ["**Hint 1.** gentle"]
    assert at.button(key="h").label == "Show a hint (2 left)"
    at.button(key="h").click().run()
    assert _calls(at) == ["give"]
    done = _run(page, 3)
    assert len(done.info) == 3 and not done.button and "No hints left" in done.caption[0].value


def test_facts_panel_reveals_by_id_and_hides_unrevealed_answers():
    def page() -> None:
        import streamlit as st

        from components.facts_panel import show_facts
        from workbench.library import load_library

        calls = st.session_state.setdefault("calls", [])
        case = load_library().cases["short-video-feed"]
        show_facts(case, ["scale"], lambda fid: lambda: calls.append(fid), "f")

    at = _run(page)
    text = " ".join(m.value for m in at.markdown)
    from workbench.library import load_library

    case = load_library().cases["short-video-feed"]
    assert case.fact("scale").answer in text
    assert case.fact("latency").answer not in text and case.fact("latency").question in text
    assert "f-fact-scale" not in [b.key for b in at.button]  # revealed: no button
    at.button(key="f-fact-latency").click().run()
    assert _calls(at) == ["latency"]


def test_stepper_marks_scored_steps_and_reports_the_one_chosen():
    def page() -> None:
        import streamlit as st

        from components.stepper import show_stepper
        from workbench import walkthrough as wt
        from workbench.library import load_library

        calls = st.session_state.setdefault("calls", [])
        lib = load_library()
        s = wt.new_session(lib.cases["short-video-feed"], lib)
        wt.open_self_check(s, "requirements")  # open but not scored: not checked
        wt.score_step(s, "data")
        show_stepper(lib.framework, s, lambda sid: lambda: calls.append(sid), "st")

    at = _run(page)
    assert [b.label for b in at.button] == ["1. Requirements", "2. Data", "3. Model", "4. Deployment"]
    assert at.button(key="st-step-requirements").proto.type == "primary"  # the current step
    assert "1 of 4 steps checked" in at.get("progress")[0].proto.text
    at.button(key="st-step-model").click().run()
    assert _calls(at) == ["model"]


def test_answer_box_sends_text_and_previews_markdown_without_images():
    def page() -> None:
        import streamlit as st

        from components.answer_box import show_answer_box

        calls = st.session_state.setdefault("calls", [])
        value = st.session_state.get("saved", "**bold** ![x](https://evil.example/p.png)")
        show_answer_box(value, "ans", lambda: calls.append(st.session_state["ans"]))

    at = _run(page)
    assert at.text_area(key="ans").value.startswith("**bold**")
    preview = [m.value for m in at.markdown]
    assert any("**bold** [x](https://evil.example/p.png)" in v for v in preview)  # the image is a link
    at.text_area(key="ans").input("new text").run()
    assert _calls(at) == ["new text"]


def test_session_file_upload_hands_the_file_to_the_callback():
    def page() -> None:
        import streamlit as st

        from components.session_file import show_download, show_upload

        calls = st.session_state.setdefault("calls", [])
        show_upload("up", lambda: calls.append(st.session_state["up"].name))
        show_download(b"---\n", "s.yaml", "down")

    at = _run(page)
    at.file_uploader(key="up").upload("mine.yaml", b"---\n", "application/x-yaml").run()
    assert _calls(at) == ["mine.yaml"]


def test_self_check_has_two_stages_suggestions_and_a_confirm_button():
    def page(scored: bool) -> None:
        import streamlit as st

        from components.self_check import show_self_check
        from workbench.case import RubricItem
        from workbench.scoring import score_items

        calls = st.session_state.setdefault("calls", [])
        items = [RubricItem(id="a", text="Item A", weight=1, why="why A"),
                 RubricItem(id="b", text="Item B", weight=3, why="why B"),
                 RubricItem(id="c", text="Item C", weight=2, why="why C")]
        ticked = {"c": ""}
        show_self_check(items, score_items("s", items, ticked), ticked, scored, "k",
                        lambda item_id, w: lambda: calls.append(("tick", item_id)),
                        on_score=lambda: calls.append("score"),
                        suggestions={"a": (True, "the sentence about A"), "b": (False, ""), "c": (False, "")},
                        on_confirm=lambda item_id: lambda: calls.append(("confirm", item_id)))

    before = _run(page, False)
    assert not before.metric  # no score before "Score this step"
    captions = " ".join(c.value for c in before.caption)
    assert "the sentence about A" in captions  # suggested, with its evidence
    assert "No sentence in your answer seems to cover this" in captions  # c is ticked, unsupported
    before.button(key="k-confirm-a").click().run()
    before.button(key="k-score").click().run()
    assert _calls(before) == [("confirm", "a"), "score"]
    after = _run(page, True)
    assert after.metric[0].value == "33%"  # c: 2 of 6
    order = [c.key.rsplit("-", 1)[1] for c in after.checkbox]
    assert order == ["b", "a", "c"]  # one list: misses heaviest first, then what was covered
    whys = " ".join(c.value for c in after.caption)
    assert "why B" in whys and "why A" in whys and "why C" not in whys
