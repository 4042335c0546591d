"""Interviewer console: facts to reveal, probes, hint ladder, rubric with evidence, ratings.

Private to the interviewer. The candidate works on their own pad (the candidate link),
which never shows anything from this page beyond the prompt, facts revealed and hints
given; what they write shows here live, beside the rubric. Every write from this page is
merged into the stored session (``app_pages.live``), so the two never meet a conflict prompt.
"""

from __future__ import annotations

import streamlit as st

from app_pages import current as c
from app_pages import live, nav, roles
from components.case_brief import show_case_brief
from components.clock import show_clock
from components.diagram_view import show_diagram
from components.estimate_worksheet import show_worksheet
from components.event_timeline import show_timeline
from components.facts_panel import show_facts
from components.hint_ladder import show_hints
from components.link_panel import show_link_panel
from components.pad_view import show_pad_view
from components.probe_list import show_probes
from components.rating_picker import show_rating
from components.rubric_checklist import show_checklist
from components.session_file import show_download
from components.step_score import show_step_score, show_summary
from components.stepper import show_stepper
from components.suggestion_list import show_suggestions
from workbench import walkthrough as wt
from workbench.estimates import rate_estimate
from workbench.pad import quote_evidence, set_transcript
from workbench.practice import refresh_console_suggestions
from workbench.scorer import INTERVIEWER, ticks
from workbench.scoring import score_items, score_session, step_rubric, supported_level
from workbench.session import TARGET_LEVELS
from workbench.sessionfile import session_to_bytes

session, lib = c.session_page()
session = live.refresh_active() or session
case = c.require_case(session, "the console cannot show its facts, probes and rubric")
if session.mode != "interview":
    st.info("This is a solo practice session; the console is for interviewer-led sessions.")
    st.page_link(nav.PRACTICE, label="Open it in Practice", query_params={"session": session.id})
    st.stop()

c.show_conflict()
live.show_merge_notice()
if not session.links.candidate:  # an interview starts with its candidate link
    roles.issue_link("candidate")
    session = c.active() or session
key = lambda *parts: c.widget_key(session, *parts)  # noqa: E731
mutate = live.merging_mutate  # every write here is merged with the candidate's
people = " · ".join(x for x in [
    f"Candidate: {session.people.candidate}" if session.people.candidate else "",
    f"Interviewer: {session.people.interviewer}" if session.people.interviewer else "",
    f"Target level: {session.target_level}" if session.target_level else "",
] if x)

st.title("Interviewer console")
st.caption(people or "Private to the interviewer; the candidate works on their own pad, opened by their link.")
urls = roles.live_links(session)
if urls["candidate"]:
    st.link_button("Open the candidate's pad (new tab)", urls["candidate"], icon=":material/co_present:")
show_link_panel(urls, key("links"), lambda role: lambda: roles.issue_link(role),
                lambda role: lambda: roles.revoke_link(role))

show_clock(lambda: (wt.step_elapsed_s(session, session.current_step),
                    lib.step_budget_s(case, session.current_step),
                    wt.total_elapsed_s(session), case.time_minutes * 60, wt.is_paused(session)))
show_stepper(lib.framework, session, lambda sid: mutate(wt.go_to_step, sid), key("stepper"))

step_id = session.current_step
fstep = lib.framework.step(step_id)
cstep = case.steps[step_id]
rec = session.step(step_id)
items = step_rubric(session, case, lib, step_id)


@st.fragment(run_every=live.FOLLOW_S)
def _pad() -> None:
    if st.session_state.pop(live.QUOTED, False):
        st.rerun()  # a quote ticked an item: the rubric beside it redraws with the evidence
    now = live.refresh_active() or session
    show_pad_view(now.step(step_id), items, key("pad", step_id),
                  lambda item_id, sentence: live.quote(quote_evidence, step_id, item_id, sentence))


left, right = st.columns([2, 3], gap="large")
with left:
    _pad()
    tk = key("transcript", step_id)
    st.text_area("What the candidate said (your transcript)", value=rec.transcript, key=tk, height=110,
                 on_change=mutate(set_transcript, step_id, widget=tk),
                 help="For a candidate who talks rather than types: review and the suggester read it "
                      "when the pad is empty.")
    show_case_brief(case, expanded=False)
    show_facts(case, session.facts_revealed, lambda fid: mutate(wt.reveal_fact, case, fid),
               key("reveal"), title="Facts to reveal when asked")

with right:
    st.subheader(f"{lib.framework.step_ids.index(step_id) + 1}. {fstep.title}")
    st.caption(f"Budget {lib.step_budget_s(case, step_id) // 60} min · {fstep.summary}")
    tab_rubric, tab_probes, tab_hints, tab_notes, tab_board = st.tabs(["Rubric", "Probes", "Hints", "Notes",
                                                                       "Whiteboard"])
    with tab_rubric:
        checked = ticks(session, INTERVIEWER).get(step_id, {})

        def _tick(item_id: str, widget: str):
            return mutate(wt.set_check, step_id, item_id, widget=widget, by="interviewer")

        def _evidence(item_id: str, widget: str):
            return mutate(wt.set_evidence, step_id, item_id, widget=widget, by="interviewer")

        suggested = [ck for ck in rec.checks if ck.by == "suggester" and ck.item not in checked]
        with st.expander(f"The app's reading ({len(suggested)} suggested)", icon=":material/auto_awesome:"):
            st.caption("Suggestions from the candidate's pad, your transcript and your notes; none is a tick "
                       "until you confirm it.")
            st.button("Read the step again", key=key("suggest", step_id),
                      on_click=mutate(refresh_console_suggestions, case, lib, step_id))
            show_suggestions(suggested, {i.id: i.text for i in items}, key("sugg", step_id),
                             lambda item_id, sentence: mutate(wt.set_evidence, step_id, item_id, sentence,
                                                              by="interviewer"))
        show_checklist(items, checked, key("step", step_id), _tick, with_evidence=True,
                       on_evidence=_evidence, prefix="ichk")
        show_step_score(score_items(step_id, items, checked), title="Covered (your ticks)")
        rk = key("rating", step_id)
        show_rating(lib.framework.ratings, rec.rating, rk,
                    mutate(wt.set_rating, step_id, widget=rk))
        if cstep.pitfalls:
            with st.expander("Pitfalls to watch for", icon=":material/warning:"):
                st.markdown("\n".join(f"- {p.text}" for p in cstep.pitfalls))
    with tab_probes:
        show_probes(
            cstep.probes, rec.probes_asked, key("step", step_id),
            on_ask=lambda pid, _w: mutate(wt.ask_probe, step_id, pid),
            on_response=lambda pid, w: mutate(wt.set_probe_response, step_id, pid, widget=w),
        )
    with tab_hints:
        st.caption("Hints go from gentle to specific. Each one given shows on the candidate view "
                   "and is recorded in the session.")
        show_hints(cstep.hints, rec.hints_revealed, key("give-hint"), mutate(wt.reveal_hint, case, step_id),
                   button_label="Give hint")
        if rec.hints_revealed == 0:
            with st.expander("Preview the ladder (not shown to the candidate)"):
                st.markdown("\n".join(f"{n}. {h}" for n, h in enumerate(cstep.hints, start=1)))
    with tab_notes:
        st.markdown("**Guiding questions (the candidate sees these)**")
        st.markdown("\n".join(f"- {q}" for q in cstep.questions))
        nk = key("notes", step_id)
        st.text_area("Your notes on this step", value=rec.notes, key=nk, height=180,
                     on_change=mutate(wt.set_notes, step_id, widget=nk))
    with tab_board:
        show_diagram(rec.diagram, empty="The candidate has not drawn a diagram for this step.")
        show_worksheet([e for e in case.estimates if e.step == step_id], rec.estimates, key("est", step_id),
                       reveal=True, on_rate=lambda eid, r: mutate(rate_estimate, step_id, eid, r)())

st.divider()
st.header("Wrap-up")
titles = {s.id: s.title for s in lib.framework.steps}
overall = score_session(session, case, lib, INTERVIEWER)
show_summary(overall, titles)
st.caption(f"By your ticks the evidence supports **{supported_level(overall.by_level)}** (core coverage of "
           "70% or more supports mid; with senior at 50% or more, senior; with staff at 50% or more, staff).")
ratings = {s.id: s.rating for s in session.steps}
st.caption("Step ratings: " + " · ".join(
    f"{titles[sid]}: {lib.framework.rating(r).label if r else '—'}" for sid, r in ratings.items()))
w1, w2 = st.columns(2)
rec_key, lvl_key = key("recommendation"), key("level")


_recommend = mutate(lambda s: wt.set_recommendation(s, st.session_state.get(rec_key), st.session_state.get(lvl_key)))


with w1:
    show_rating(lib.framework.ratings, session.result.recommendation, rec_key, _recommend,
                label="Overall recommendation")
with w2:
    levels = list(TARGET_LEVELS)
    st.selectbox("Level the evidence supports", levels, key=lvl_key, on_change=_recommend,
                 index=levels.index(session.result.level) if session.result.level else None,
                 placeholder="Choose a level")
for field, label in (("strengths", "Strengths"), ("concerns", "Concerns"), ("takeaways", "Key take-aways")):
    fk = key("result", field)
    st.text_area(label, value=getattr(session.result, field), key=fk, height=100,
                 on_change=mutate(wt.set_result_text, field, widget=fk))

if session.status == "completed":
    st.success("Interview finished and saved.")
    st.button("Reopen", key=key("reopen"), on_click=mutate(wt.reopen))
else:
    st.button("Finish the interview", key=key("finish"), type="primary", icon=":material/flag:",
              on_click=mutate(wt.complete))

with st.expander("Event log", icon=":material/history:"):
    show_timeline(session.events, session.created_at)

with st.sidebar:
    st.markdown("**This session**")
    st.caption(f"Saved automatically · revision {session.revision}")
    show_download(lambda: session_to_bytes(session), f"{session.case.id}-{session.id[:8]}.yaml", key("download"))
    paused = wt.is_paused(session)
    if session.status != "completed":
        st.button("Resume the clock" if paused else "Pause the clock", key=key("pause"),
                  on_click=mutate(wt.resume if paused else wt.pause))
