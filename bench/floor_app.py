"""The floor for rerun benchmarks: the practice page's widgets and layout with no logic.

Same pages in the navigation, the same elements in the same containers and the same
widget keys as the practice page on a checked step of the shipped short-video case
(6 facts, 4 steps, 4 questions, 9 rubric items, 3 hints, the summary table), but
every text is a constant and no callback, no library, no store and no session model.
``bench/rerun.py`` drives it with the same actions as the practice page.
"""

import streamlit as st

SID = "0123456789ab-0"
STEPS = ["requirements", "data", "model", "deployment"]
SENTENCE = "A sentence of about the length the case files use for a question, a hint or a rubric item."
WHY = "Why it matters: a sentence that explains what goes wrong when this item is missed in a design."
ITEMS = [f"item-{n}" for n in range(9)]
DATA = b"---\nschema_version: 1\n" + b"x: " + b"y" * 8000 + b"\n"


def practice() -> None:
    st.title("Practice")
    st.markdown("**Case title**  \n:orange-badge[standard] :gray-badge[Domain] :gray-badge[45 min]")
    with st.expander("The prompt", expanded=False, icon=":material/description:"):
        st.markdown(SENTENCE * 4)
    with st.expander("Clarifying facts (0 of 6 revealed)", expanded=True, icon=":material/help:"):
        for n in range(6):
            c1, c2 = st.columns([4, 1], vertical_alignment="center")
            c1.markdown(SENTENCE)
            c2.button("Reveal", key=f"{SID}-facts-fact-f{n}", width="stretch")
    cols = st.columns(len(STEPS))
    for n, (col, step) in enumerate(zip(cols, STEPS, strict=True), start=1):
        col.button(f"{n}. {step.title()}", key=f"{SID}-stepper-step-{step}", icon=":material/check_circle:",
                   width="stretch")
    st.progress(1.0, text="4 of 4 steps checked")
    st.subheader("1. Requirements")
    st.caption(SENTENCE)
    clock()
    with st.expander("Questions to think about", expanded=True, icon=":material/psychology:"):
        st.markdown("\n".join(f"- {SENTENCE}" for _ in range(4)))
    write, preview = st.tabs(["Write", "Preview"])
    with write:
        st.text_area("Your answer", key=f"{SID}-answer-requirements", height=260)
    with preview:
        st.markdown(SENTENCE * 3)
    st.info(f"**Hint 1.** {SENTENCE}", icon=":material/lightbulb:")
    st.button("Show a hint (2 left)", key=f"{SID}-hint-requirements", icon=":material/lightbulb:")
    st.divider()
    st.markdown("#### Self-check: tick what your answer covered")
    for item in ITEMS:
        st.checkbox(f"{SENTENCE} :gray-badge[core] :gray[· weight 2]", key=f"{SID}-rubric-requirements-chk-{item}")
    c1, c2, c3, c4 = st.columns(4)
    for col, label in zip((c1, c2, c3, c4), ("Coverage", "Core", "Senior", "Staff"), strict=True):
        col.metric(label, "40%")
    st.markdown("**Missed (5)**, heaviest first:")
    for _ in range(5):
        st.markdown(f"- {SENTENCE} :gray-badge[core]  \n  :gray[{WHY}]")
    with st.expander("Common pitfalls on this step", icon=":material/warning:"):
        st.markdown("\n".join(f"- {SENTENCE}" for _ in range(3)))
    st.divider()
    prev_col, _, next_col = st.columns([1, 2, 1])
    prev_col.button("← Previous step", key=f"{SID}-prev", width="stretch")
    next_col.button("Next step →", key=f"{SID}-next", type="primary", width="stretch")
    st.header("Summary")
    st.metric("Overall coverage", "40%")
    # a markdown table, as components/step_score.py draws the summary (not the heavier dataframe widget)
    st.markdown("\n".join(["| Step | Coverage | Core | Senior | Staff | Missed |", "|---|---|---|---|---|---|"]
                          + [f"| {s.title()} | 40% | 50% | 20% | 0% | 5 |" for s in STEPS]))
    with st.sidebar:
        st.markdown("**This session**")
        st.caption("Saved automatically · revision 7")
        st.download_button("Download YAML", data=DATA, file_name="session.yaml", mime="application/x-yaml",
                           key=f"{SID}-download", icon=":material/download:", width="stretch")
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
page.run()
