"""Review a saved session: read it, score it blind, comment per step, and save the review into it."""

from __future__ import annotations

import streamlit as st

from app_pages import current as c
from app_pages import roles, state
from components.agreement_view import show_agreement
from components.case_brief import show_case_brief
from components.debrief_view import show_debrief, show_step_reviews
from components.diagram_view import show_step_whiteboard
from components.event_timeline import show_timeline
from components.rating_picker import show_rating
from components.reference_answer import show_reference_answer
from components.rubric_checklist import show_checklist
from components.session_file import show_download
from components.step_readout import show_answer_readout, show_earlier_scores
from workbench.debrief import build_debrief
from workbench.report import build_report
from workbench.review import agreement
from workbench.review_draft import ReviewDraft
from workbench.safe_markdown import without_remote_images
from workbench.scorer import ratings, scorers
from workbench.scoring import session_rubric
from workbench.sessionfile import session_to_bytes

SCORING_EVENTS = ("item_checked", "item_unchecked", "rating_set", "recommendation_set")

# On a reviewer link (app_pages/roles.py) the link names the session; otherwise ?session= or the open one.
session, lib = (roles.reviewer_session(), state.library()) if roles.held() else c.session_page()
case = c.case_for(session)
c.show_conflict()
key = lambda *parts: c.widget_key(session, *parts)  # noqa: E731

st.title("Review")
who = ", ".join(x for x in [session.people.candidate and f"candidate {session.people.candidate}",
                            session.people.interviewer and f"interviewer {session.people.interviewer}"] if x)
st.caption(f"{session.case.title} · {'Interviewer-led' if session.mode == 'interview' else 'Solo practice'} · "
           f"{session.status.replace('_', ' ')} · {session.created_at:%Y-%m-%d}" + (f" · {who}" if who else ""))
if case is None:
    st.warning(f"This session's case, **{session.case.title}** (`{session.case.id}`), is not in this library. "
               "The answers, ratings, evidence, comments and timeline are shown, but the prompt, the rubric "
               "text, coverage figures and blind rubric scoring are not available.")
else:
    if lib.hashes.get(case.id) != session.case.content_hash:
        st.info("This case has changed since the attempt. "
                + ("The session is scored with the rubric it was taken against, saved in its file."
                   if session.rubric else "This older file has no rubric of its own; the current one is used."))
    show_case_brief(case, expanded=False)

drafts = st.session_state.setdefault("wb_review_drafts", {})
draft: ReviewDraft = drafts.setdefault(session.id, ReviewDraft())
reveal = draft.submitted or st.toggle("Show earlier scores now (you will no longer be scoring blind)",
                                      key=key("reveal"))
titles = {s.id: s.title for s in lib.framework.steps}
rating_labels = {r.id: r.label for r in lib.framework.ratings}
if not reveal:
    st.caption("Earlier scores (self-check, interviewer ticks, ratings, evidence, the debrief and other "
               "reviews) stay hidden until you submit your own review, so your scoring is independent.")
elif case is not None:
    show_debrief(build_debrief(session, case, lib), titles, key("debrief"), can_start=False,
                 reviews=session.reviews, ratings=rating_labels)

rubric = session_rubric(session, case, lib) if case is not None or session.rubric else {}
for rec in session.steps:
    st.header(titles.get(rec.id, rec.id))
    budget = lib.step_budget_s(case, rec.id) if case is not None and rec.id in case.steps else None
    show_answer_readout(rec, budget)
    show_step_whiteboard(rec, case.estimates if case is not None else [], key("wb", rec.id), ratings=reveal)
    if reveal:
        with st.expander("Earlier scores for this step", expanded=draft.submitted):
            show_earlier_scores(session, rec, case, lib)
        show_step_reviews(session.reviews, rec.id, rating_labels)
        if case is not None and rec.id in case.steps:
            show_reference_answer(case.steps[rec.id].reference_answer)
    if draft.submitted:
        continue
    with st.container(border=True):
        st.markdown("**Your scoring**")
        if rec.id in rubric:
            def _tick(item_id: str, widget: str, sid: str = rec.id):
                return lambda: draft.tick(sid, item_id, bool(st.session_state[widget]))

            show_checklist(rubric[rec.id], dict.fromkeys(draft.covered.get(rec.id, []), ""), key("rv", rec.id),
                           _tick, prefix="rchk")
        rk = key("rv-rating", rec.id)
        show_rating(lib.framework.ratings, draft.ratings.get(rec.id), rk,
                    lambda sid=rec.id, k=rk: draft.rate(sid, st.session_state[k]), label="Your rating for this step")
        ck = key("rv-comment", rec.id)
        st.text_area("Comment on this step", value=draft.comments.get(rec.id, ""), key=ck, height=90,
                     on_change=lambda sid=rec.id, k=ck: draft.comment(sid, st.session_state[k]))

if reveal and (session.result.recommendation or session.result.strengths or session.result.concerns):
    st.header("Interviewer's result")
    r = session.result
    st.markdown(f"**Recommendation:** {lib.framework.rating(r.recommendation).label if r.recommendation else '—'}"
                + (f" at level {r.level}" if r.level else ""))
    for label, text in (("Strengths", r.strengths), ("Concerns", r.concerns), ("Take-aways", r.takeaways)):
        if text.strip():
            st.markdown(f"**{label}**")
            st.markdown(without_remote_images(text))

if not draft.submitted:
    st.header("Submit your review")
    name = st.text_input("Your name", key=key("rv-name"), max_chars=80)
    ork = key("rv-overall")
    show_rating(lib.framework.ratings, draft.recommendation, ork,
                lambda: draft.recommend(st.session_state[ork]), label="Overall recommendation")
    overall = st.text_area("Overall comment", key=key("rv-overall-comment"), height=90)
    if st.button("Submit review", key=key("rv-submit"), type="primary", icon=":material/send:"):
        if not name.strip():
            st.error("Add your name so others know whose review this is.")
        else:
            base = session.model_copy(deep=True)
            draft.submit(session, name, overall)
            if c.commit(session, base):
                state.flash(f"Review by {name.strip()} saved into the session file.")
                st.rerun()
            draft.submitted = False  # not saved: the reviewer keeps the draft and can try again
            session.reviews, session.events = base.reviews, base.events

if draft.submitted or reveal:
    st.header("Agreement")
    if case is not None or session.rubric:
        parties = scorers(session)
        show_agreement(parties, agreement(session, case, lib), titles, {p: ratings(session, p) for p in parties})
    else:
        st.caption("Agreement on rubric items needs the case's rubric, which is not in this library.")
    if draft.submitted and st.button("Start another review", key=key("rv-again")):
        drafts.pop(session.id, None)
        st.rerun()

st.header("Timeline")
show_timeline(session.events, session.created_at, hide=() if reveal else SCORING_EVENTS)

with st.sidebar:
    st.markdown("**Download**")
    stem = f"{session.case.id}-{'review' if roles.held() else session.id[:8]}"  # a link never names the id
    if not roles.held():  # the file names the session; a reviewer's link deliberately does not
        show_download(lambda: session_to_bytes(session), f"{stem}.yaml", key("dl-yaml"), label="Session YAML")
    show_download(lambda: build_report(session, lib, "md").encode(), f"{stem}.md", key("dl-md"),
                  label="Report (Markdown)", mime="text/markdown")
    show_download(lambda: build_report(session, lib, "html").encode(), f"{stem}.html", key("dl-html"),
                  label="Report (HTML)", mime="text/html")
