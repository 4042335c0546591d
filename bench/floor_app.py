"""The floor for rerun benchmarks: the practice page's widgets and layout with no logic.

Same pages in the navigation, the same elements in the same containers and the same
widget keys as the practice page on a checked step of the shipped short-video case (the
sticky header with clock and stepper, the guide column with the ask box and hints, the
answer, diagram editor and estimates, the open checklist with its suggestion captions,
and the three JavaScript-only components), but every text is a constant and there is no
callback, no library, no store and no session model.
``bench/rerun.py`` drives it with the same actions as the practice page.
"""

import streamlit as st

SID = "0123456789ab-0"
STEPS = ["requirements", "data", "model", "deployment"]
SENTENCE = "A sentence of about the length the case files use for a question, a hint or a rubric item."
WHY = "Why it matters: a sentence that explains what goes wrong when this item is missed in a design."
ITEMS = [f"item-{n}" for n in range(12)]
DATA = b"---\nschema_version: 1\n" + b"x: " + b"y" * 8000 + b"\n"


_CSS = ".st-key-wb-sticky { padding: .25rem 0; }"
_style = st.components.v2.component("floor_style", css=_CSS, isolate_styles=False)
_script = st.components.v2.component("floor_script", js="export default function () {}", isolate_styles=False)


def practice() -> None:
    """The practice page as app_pages/practice.py draws it on a checked step (constants only)."""
    _style(key="floor-style")
    with st.container(key="wb-sticky"):
        head, clock_col, toggle = st.columns([3, 4, 1], vertical_alignment="center")
        head.markdown("**Practice** · Case title")
        with clock_col:
            clock()
        toggle.toggle("Guide", value=True, key="wb-guide")
        cols = st.columns(len(STEPS))
        for n, (col, step) in enumerate(zip(cols, STEPS, strict=True), start=1):
            col.button(f"{n}. {step.title()}", key=f"{SID}-stepper-step-{step}", icon=":material/check_circle:",
                       width="stretch")
        st.progress(1.0, text="4 of 4 steps checked")
    _script(key="floor-scroll", data={"target": "top", "token": "x"})
    main, side = st.columns([3, 2], gap="large")
    with side:
        st.markdown("**Case title**  \n:orange-badge[standard] :gray-badge[Domain] :gray-badge[45 min]")
        with st.expander("The prompt", expanded=False, icon=":material/description:"):
            st.markdown(SENTENCE * 4)
        with st.expander("Questions to think about", expanded=True, icon=":material/psychology:"):
            st.caption(SENTENCE)
            st.markdown("\n".join(f"- {SENTENCE}" for _ in range(4)))
        with st.container(border=True):
            st.markdown("**Ask the interviewer**")
            with st.form(f"{SID}-ask-form", clear_on_submit=True, border=False):
                st.text_input("Your clarifying question", key=f"{SID}-ask-q", label_visibility="collapsed")
                st.form_submit_button("Ask", icon=":material/forum:")
            st.caption(SENTENCE)
            st.toggle("Show all questions (for beginners)", key=f"{SID}-ask-all")
        st.info(f"**Hint 1.** {SENTENCE}", icon=":material/lightbulb:")
        st.button("Show a hint (2 left)", key=f"{SID}-hint-requirements", icon=":material/lightbulb:")
    with main:
        st.markdown("#### 1. Requirements")
        write, preview = st.tabs(["Write", "Preview"])
        with write:
            st.text_area("Your answer", key=f"{SID}-answer-requirements", height=260)
        with preview:
            st.markdown(SENTENCE * 3)
        with st.expander("Diagram", expanded=False, icon=":material/schema:"):
            edit, shown = st.columns(2)
            with edit:
                pick, use = st.columns([3, 2], vertical_alignment="bottom")
                pick.selectbox("Starter template", ["a", "b", "c", "d"], key=f"{SID}-diagram-template")
                use.button("Start from template", key=f"{SID}-diagram-use", width="stretch")
                st.text_area("Mermaid source", key=f"{SID}-diagram-requirements", height=320)
            with shown:
                st.markdown("**Preview**")
                st.caption(SENTENCE)
        with st.expander("Estimates (2)", expanded=True, icon=":material/calculate:"):
            for n in range(2):
                with st.container(border=True, key=f"{SID}-est-e{n}"):
                    left, right = st.columns([2, 3])
                    left.text_input("Value", key=f"{SID}-est-e{n}-value")
                    right.text_input("Working", key=f"{SID}-est-e{n}-working")
                    st.caption(SENTENCE)
        st.divider()
        st.markdown("#### Self-check: tick what your answer covered")
        st.caption(SENTENCE)
        for item in ITEMS:
            st.checkbox(f"{SENTENCE} :gray-badge[core] :gray[· weight 2]", key=f"{SID}-rubric-requirements-chk-{item}")
            st.caption(SENTENCE)
        st.button("Score this step", key=f"{SID}-rubric-requirements-score", type="primary")
        st.divider()
        prev_col, _, next_col = st.columns([1, 2, 1])
        prev_col.button("← Previous step", key=f"{SID}-prev", width="stretch")
        next_col.button("Next step →", key=f"{SID}-next", type="primary", width="stretch")
    with st.sidebar:
        st.markdown("**This session**")
        st.caption("Saved automatically · revision 7")
        st.download_button("Download YAML", data=DATA, file_name="session.yaml", mime="application/x-yaml",
                           key=f"{SID}-download", icon=":material/download:", width="stretch", on_click="ignore")
        st.file_uploader("Open a session file", type=["yaml", "yml"], key=f"{SID}-upload")
        st.button("Pause the clock", key=f"{SID}-pause")


@st.fragment(run_every=5)  # as components/clock.py (CLOCK_TICK_S)
def clock() -> None:
    st.caption(":material/timer: Step 1:00 / 8:00 (7:00 left) · Total 1:00 / 45:00")


def stub() -> None:
    st.title("Another page")


st.set_page_config(page_title="Floor", layout="wide")
page = st.navigation({
    # the practice page is the default here, so AppTest opens it without switching pages
    "Practise": [st.Page(stub, title="Library", url_path="library"),
                 st.Page(practice, title="Practice", url_path="practice", default=True)],
    "Interview": [st.Page(stub, title="Interviewer console", url_path="interview"),
                  st.Page(stub, title="Candidate view", url_path="candidate")],
    "Review": [st.Page(stub, title=t, url_path=t.lower()) for t in ("Sessions", "Review", "Compare", "Progress")],
})
with st.sidebar:
    st.caption("Open session: **Case title** · solo · in progress")
    st.caption("Store: `./sessions`")
    _script(key="floor-typing-guard")
page.run()
