"""Solo practice: the answer first, the guide beside it, a two-stage self-check and a debrief."""

from __future__ import annotations

import streamlit as st

from app_pages import current as c
from app_pages import nav, state
from components.answer_box import show_answer_box
from components.ask_interviewer import show_ask_box
from components.case_brief import show_case_brief
from components.clock import show_clock
from components.debrief_view import show_debrief
from components.diagram_editor import show_diagram_editor
from components.estimate_worksheet import show_worksheet
from components.hint_ladder import show_hints
from components.model_feedback import show_model_feedback
from components.page_style import STICKY_KEY, apply_page_style, scroll_to
from components.reference_answer import show_reference_answer
from components.self_check import show_pitfalls, show_self_check
from components.session_file import show_download, show_upload
from components.stepper import show_stepper
from workbench import walkthrough as wt
from workbench.debrief import build_debrief
from workbench.diagrams import set_diagram
from workbench.estimates import set_estimate
from workbench.practice import ask_question, pitfall_sentences, refresh_suggestions, store_suggestions
from workbench.report import build_report
from workbench.scorer import SELF, ticks
from workbench.scoring import score_items, step_rubric
from workbench.sessionfile import session_to_bytes
from workbench.suggest import StepCheck, llm_settings, submit_check, suggester_checks


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
    st.stop()

apply_page_style()
c.show_conflict()
c.show_upload_problems()
key = lambda *parts: c.widget_key(session, *parts)  # noqa: E731
done = session.status == "completed"
step_id = session.current_step
fstep = lib.framework.step(step_id)
cstep = case.steps[step_id]
rec = session.step(step_id)
index = lib.framework.step_ids.index(step_id)
titles = {s.id: s.title for s in lib.framework.steps}
REPLY = f"{key('ask')}-reply"
LLM_JOBS = "wb_llm_jobs"

with st.container(key=STICKY_KEY):
    head, clock_col, toggle = st.columns([3, 4, 1], vertical_alignment="center")
    head.markdown(f"**Practice** · {case.title}" + (" · :green-badge[finished, read-only]" if done else ""))
    with clock_col:
        show_clock(lambda: (wt.step_elapsed_s(session, step_id), lib.step_budget_s(case, step_id),
                            wt.total_elapsed_s(session), case.time_minutes * 60, wt.is_paused(session)))
    guide = toggle.toggle("Guide", value=True, key="wb-guide", help="Show the questions, facts and hints beside "
                          "your answer")
    show_stepper(lib.framework, session, lambda sid: c.mutate(wt.go_to_step, sid), key("stepper"))
scroll_to("top", f"{session.id}-{step_id}")  # a new step starts at the top, with its answer box in view

main, side = st.columns([3, 2], gap="large") if guide else (st.container(), None)


def _ask() -> None:
    question = st.session_state.get(f"{key('ask')}-q", "")
    changed, reply = ask_question(session, case, lib, question)
    st.session_state[REPLY] = f"You asked “{' '.join(question.split())[:120]}”. {reply}" if reply else None
    if changed:
        c.commit(session)


if side is not None:
    with side:
        show_case_brief(case, expanded=not any(s.answer.strip() for s in session.steps))
        with st.expander("Questions to think about", expanded=True, icon=":material/psychology:"):
            st.caption(fstep.summary)
            st.markdown("\n".join(f"- {q}" for q in cstep.questions))
        show_ask_box(case, session.facts_revealed, key("ask"), _ask, lambda fid: c.mutate(wt.reveal_fact, case, fid),
                     st.session_state.get(REPLY), disabled=done)
        show_hints(cstep.hints, rec.hints_revealed, key("hint", step_id),
                   None if done else c.mutate(wt.reveal_hint, case, step_id))


@st.cache_data(max_entries=64, show_spinner=False)
def _pitfall_hits(case_id: str, sid: str, text: str, lib_key: str) -> dict[str, str]:
    """Pitfalls the answer seems to commit: read once per answer text, not on every rerun."""
    library = state.library()
    return pitfall_sentences(library.cases[case_id], library, sid, text)


def _answer_sent(s, sid: str, text: str) -> bool:
    changed = wt.set_answer(s, sid, text)
    if changed and s.step(sid).self_checked:
        refresh_suggestions(s, case, lib, sid)
    return changed


def _model_reading(sid: str, text: str) -> None:
    """Ask the configured model in the background; its suggestions replace the offline ones."""
    jobs = st.session_state.setdefault(LLM_JOBS, {})
    job = jobs.get((session.id, sid))
    if job is None or job["text"] != text:
        job = jobs[(session.id, sid)] = {"text": text, "result": None,
                                         "future": submit_check(case, sid, text, lib)}

    def _arrived(result: StepCheck) -> None:
        job["result"] = result
        if result.provider == "llm":
            c.mutate(store_suggestions, sid, suggester_checks(result.suggestions))()

    show_model_feedback(job["future"], _arrived, job["result"])


def _open_check(s, sid: str) -> bool:
    opened = wt.open_self_check(s, sid)
    return refresh_suggestions(s, case, lib, sid) or opened


with main:
    st.markdown(f"#### {index + 1}. {fstep.title}")
    show_answer_box(rec.answer, key("answer", step_id), c.mutate(_answer_sent, step_id, widget=key("answer", step_id)),
                    disabled=done)
    with st.expander("Diagram", expanded=bool(rec.diagram.strip()), icon=":material/schema:"):
        show_diagram_editor(rec.diagram, key("diagram", step_id),
                            lambda text: c.mutate(set_diagram, step_id, text)(), disabled=done)
    step_estimates = [e for e in case.estimates if e.step == step_id]
    if step_estimates:
        with st.expander(f"Estimates ({len(step_estimates)})", expanded=True, icon=":material/calculate:"):
            show_worksheet(step_estimates, rec.estimates, key("est", step_id), reveal=rec.scored,
                           on_change=None if done else lambda eid, v, w: c.mutate(set_estimate, step_id, eid, v, w)(),
                           disabled=done)

    st.divider()
    rubric = step_rubric(session, case, lib, step_id)
    mine = ticks(session, SELF).get(step_id, {})
    if not rec.self_checked:
        st.markdown("When your answer for this step is done, check it against the rubric. "
                    "The checklist stays hidden until then so it does not steer your answer.")
        if not done:
            st.button("Check this step", key=key("check", step_id), type="primary", icon=":material/fact_check:",
                      on_click=c.mutate(_open_check, step_id))
    else:
        suggestions = {ck.item: (True, ck.evidence) for ck in rec.checks if ck.by == "suggester"}
        suggestions |= {i.id: (False, "") for i in rubric if i.id not in suggestions} if rec.answer.strip() else {}
        show_self_check(
            rubric, score_items(step_id, rubric, mine), mine, rec.scored, key("rubric", step_id),
            lambda item_id, w: c.mutate(wt.set_check, step_id, item_id, widget=w, by="self"),
            on_score=c.mutate(wt.score_step, step_id), suggestions=suggestions,
            on_confirm=lambda item_id: c.mutate(wt.set_check, step_id, item_id, True, by="self"), disabled=done)
        if llm_settings() is not None and rec.answer.strip():
            _model_reading(step_id, rec.answer)
        if rec.scored:
            show_pitfalls([p.text for p in cstep.pitfalls], rec.pitfalls_hit,
                          _pitfall_hits(case.id, step_id, rec.answer, lib.content_key), key("pit", step_id),
                          None if done else lambda text, w: c.mutate(wt.set_pitfall_hit, step_id, text, widget=w))
            show_reference_answer(cstep.reference_answer)

    st.divider()
    prev_col, _, next_col = st.columns([1, 2, 1])
    if index > 0:
        prev_col.button("← Previous step", key=key("prev"), width="stretch",
                        on_click=c.mutate(wt.go_to_step, lib.framework.step_ids[index - 1]))
    if index + 1 < len(session.steps):
        next_col.button("Next step →", key=key("next"), type="primary", width="stretch",
                        on_click=c.mutate(wt.go_to_step, session.steps[index + 1].id))
    elif not done:
        next_col.button("Finish", key=key("finish"), type="primary", width="stretch",
                        icon=":material/flag:", on_click=c.mutate(wt.complete))

if done or all(s.scored for s in session.steps):
    attempted = {s.case_id for s in state.snapshot().summaries}  # what this person may see
    debrief = build_debrief(session, case, lib, attempted)
    if done:
        st.success("Session finished and saved. Download it or share the link to have it reviewed; "
                   "reopen it from the sidebar to keep working.")
        scroll_to(f"{key('debrief')}-debrief", f"{session.id}-{len(session.events)}")
    chosen = show_debrief(debrief, titles, key("debrief"),
                          report=lambda: build_report(session, lib, "md").encode(),
                          report_name=f"{session.case.id}-{session.id[:8]}.md",
                          reviews=session.reviews, ratings={r.id: r.label for r in lib.framework.ratings})
    if chosen:
        c.start_session(lib.cases[chosen])

with st.sidebar:
    st.markdown("**This session**")
    st.caption(f"Saved automatically · revision {session.revision}")
    show_download(lambda: session_to_bytes(session), f"{session.case.id}-{session.id[:8]}.yaml", key("download"))
    show_upload(key("upload"), c.upload_callback(key("upload")))
    if done:
        st.button("Reopen to keep working", key=key("reopen"), on_click=c.mutate(wt.reopen))
    else:
        paused = wt.is_paused(session)
        st.button("Resume the clock" if paused else "Pause the clock", key=key("pause"),
                  on_click=c.mutate(wt.resume if paused else wt.pause))
