"""A read-only view of one step of a saved session: the answer and what happened."""

from __future__ import annotations

import streamlit as st

from components.formatting import mmss, rating_label
from workbench.case import Case
from workbench.library import Library
from workbench.safe_markdown import without_remote_images
from workbench.scorer import INTERVIEWER, SELF, ticks
from workbench.scoring import score_session
from workbench.session import Session, StepRecord


def show_answer_readout(rec: StepRecord, budget_s: int | None) -> None:
    budget = f" of {mmss(budget_s)}" if budget_s else ""
    st.caption(f"Time {mmss(rec.time_spent_s)}{budget} · hints taken {rec.hints_revealed}")
    with st.container(border=True):
        if rec.answer.strip():
            st.markdown(without_remote_images(rec.answer))
        elif rec.transcript.strip():  # a candidate who spoke: the interviewer's transcript is the answer
            st.caption("Nothing written on the pad; the interviewer's transcript of what the candidate said:")
            st.markdown(without_remote_images(rec.transcript))
        else:
            st.caption("No written answer for this step.")


def show_earlier_scores(session: Session, rec: StepRecord, case: Case | None, lib: Library) -> None:
    """Coverage by each earlier scorer, the interviewer's rating, evidence, probes and notes."""
    if case is not None and rec.id in case.steps:
        for scorer in (SELF, INTERVIEWER):
            checked = ticks(session, scorer).get(rec.id, {})
            if not checked and not (scorer == SELF and rec.self_checked):
                continue
            score = score_session(session, case, lib, scorer).step(rec.id)
            st.markdown(f"**{scorer.label}: {score.coverage * 100:.0f}% covered**")
            st.markdown("\n".join(
                [f"- :green[✓] {i.text}" + (f" — *{checked[i.id]}*" if checked.get(i.id) else "")
                 for i in score.covered]
                + [f"- :red[✗] {i.text}" for i in score.missed]))
        probes = {p.id: p.ask for p in case.steps[rec.id].probes}
    else:
        if rec.checks:
            st.markdown("**Ticked items** (the case is not in this library, so ids are shown)")
            st.markdown("\n".join(f"- `{c.item}` ({c.by})" + (f" — {c.evidence}" if c.evidence else "")
                                  for c in rec.checks))
        probes = {}
    if session.mode == "interview":
        st.markdown(f"**Interviewer rating:** {rating_label(rec.rating)}")
    if rec.probes_asked:
        st.markdown("**Probes asked**")
        st.markdown("\n".join(f"- {probes.get(p.id, p.id)}" + (f" — {p.response}" if p.response else "")
                              for p in rec.probes_asked))
    if rec.notes.strip():
        st.markdown("**Interviewer notes**")
        st.markdown(without_remote_images(rec.notes))
