"""Solo practice: the prompt, the four steps under a clock, hints, and the self-check."""

from __future__ import annotations

import streamlit as st

from app_pages import current as c
from app_pages import nav
from components.answer_box import show_answer_box
from components.case_brief import show_case_brief
from components.clock import show_clock
from components.facts_panel import show_facts
from components.hint_ladder import show_hints
from components.rubric_checklist import show_checklist
from components.session_file import show_download, show_upload
from components.step_score import show_step_score, show_summary
from components.stepper import show_stepper
from workbench import walkthrough as wt
from workbench.scorer import SELF, ticks
from workbench.scoring import score_items, score_session
from workbench.sessionfile import session_to_bytes


def _offer_upload() -> None:
    with st.sidebar:
        show_upload("upload-practice-empty", c.upload_callback("upload-practice-empty"))
    c.show_upload_problems()


session, lib = c.session_page(on_empty=_offer_upload)
case = c.require_case(session, "it cannot be practised here")
if session.mode == "interview":
    st.info("This is an interviewer-led session. The interviewer runs it from the console; "
            "the candidate follows on the candidate view.")
    st.page_link(nav.INTERVIEW, label="Open the interviewer console", icon=":material/badge:",
                 query_params={"session": session.id})
    st.page_link(nav.CANDIDATE, label="Open the candidate view", icon=":material/co_present:",
                 query_params={"session": session.id})
    st.stop()

c.show_conflict()
c.show_upload_problems()
key = lambda *parts: c.widget_key(session, *parts)  # noqa: E731

st.title("Practice")
show_case_brief(case, expanded=not any(s.answer for s in session.steps))
show_facts(case, session.facts_revealed, lambda fid: c.mutate(wt.reveal_fact, case, fid), key("facts"),
           title="Clarifying facts (reveal one when you would ask it)")

show_stepper(lib.framework, session, lambda sid: c.mutate(wt.go_to_step, sid), key("stepper"))

step_id = session.current_step
fstep = lib.framework.step(step_id)
cstep = case.steps[step_id]
rec = session.step(step_id)
index = lib.framework.step_ids.index(step_id)

st.subheader(f"{index + 1}. {fstep.title}")
st.caption(fstep.summary)
show_clock(lambda: (wt.step_elapsed_s(session, step_id), lib.step_budget_s(case, step_id),
                    wt.total_elapsed_s(session), case.time_minutes * 60, wt.is_paused(session)))

with st.expander("Questions to think about", expanded=True, icon=":material/psychology:"):
    st.markdown("\n".join(f"- {q}" for q in cstep.questions))

answer_key = key("answer", step_id)


def _save_answer() -> None:
    if wt.set_answer(session, step_id, st.session_state[answer_key]):
        c.commit(session)


show_answer_box(rec.answer, answer_key, _save_answer)
show_hints(cstep.hints, rec.hints_revealed, key("hint", step_id), c.mutate(wt.reveal_hint, case, step_id))

st.divider()
if not rec.self_checked:
    st.markdown("When your answer for this step is done, check it against the rubric. "
                "The checklist stays hidden until then so it does not steer your answer.")
    st.button("Check this step", key=key("check", step_id), type="primary", icon=":material/fact_check:",
              on_click=c.mutate(wt.open_self_check, step_id))
else:
    st.markdown("#### Self-check: tick what your answer covered")
    items = lib.rubric(case, step_id)
    checked = ticks(session, SELF).get(step_id, {})

    def _toggle(item_id: str, widget: str):
        return c.mutate(lambda s: wt.set_check(s, step_id, item_id, bool(st.session_state[widget]), by="self"))

    show_checklist(items, checked, key("rubric", step_id), _toggle)
    show_step_score(score_items(step_id, items, checked))
    if cstep.pitfalls:
        with st.expander("Common pitfalls on this step", icon=":material/warning:"):
            st.markdown("\n".join(f"- {p.text}" for p in cstep.pitfalls))

st.divider()
prev_col, _, next_col = st.columns([1, 2, 1])
if index > 0:
    prev_col.button("← Previous step", key=key("prev"), width="stretch",
                    on_click=c.mutate(wt.go_to_step, lib.framework.step_ids[index - 1]))
if index + 1 < len(session.steps):
    next_col.button("Next step →", key=key("next"), type="primary", width="stretch",
                    on_click=c.mutate(wt.go_to_step, session.steps[index + 1].id))
elif session.status != "completed":
    next_col.button("Finish", key=key("finish"), type="primary", width="stretch",
                    icon=":material/flag:", on_click=c.mutate(wt.complete))

if session.status == "completed" or all(s.self_checked for s in session.steps):
    st.header("Summary")
    if session.status == "completed":
        st.success("Session finished. It is saved; download it or share the link to have it reviewed.")
    titles = {s.id: s.title for s in lib.framework.steps}
    show_summary(score_session(session, case, lib, SELF), titles)
    unchecked = [titles[s.id] for s in session.steps if not s.self_checked]
    if unchecked:
        st.caption("Not self-checked yet: " + ", ".join(unchecked))

with st.sidebar:
    st.markdown("**This session**")
    st.caption(f"Saved automatically · revision {session.revision}")
    show_download(lambda: session_to_bytes(session), f"{session.case.id}-{session.id[:8]}.yaml", key("download"))
    show_upload(key("upload"), c.upload_callback(key("upload")))
    if session.status == "completed":
        st.button("Reopen to keep working", key=key("reopen"), on_click=c.mutate(wt.reopen))
    else:
        paused = wt.is_paused(session)
        st.button("Resume the clock" if paused else "Pause the clock", key=key("pause"),
                  on_click=c.mutate(wt.resume if paused else wt.pause))
