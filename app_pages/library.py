"""The case library: search, filter, see past attempts, and start a session."""

from __future__ import annotations

import streamlit as st

from app_pages import current as c
from app_pages import state
from components.case_card import show_case_card
from components.case_table import show_case_table
from components.start_form import show_start_form
from workbench.case import DIFFICULTIES, DOMAIN_LABELS
from workbench.catalogue import SORTS, CaseFilter, filter_cases, surprise

state.show_flash()
lib = state.library()
st.title("Case library")
st.caption("Machine-learning system design cases. Pick one and work through requirements, data, model "
           "and deployment under a clock, alone or with an interviewer.")

for problem in lib.problems:
    st.error(f"A case file could not be loaded: `{problem}`", icon=":material/error:")

cases = list(lib.cases.values())
scores = state.best_scores()

with st.container(border=True):
    text = st.text_input("Search", key="lib-q", placeholder="Search titles, summaries and tags")
    f1, f2, f3, f4 = st.columns(4)
    domains = f1.multiselect("Domain", sorted({x.domain for x in cases}), key="lib-domain",
                             format_func=lambda d: DOMAIN_LABELS.get(d, d))
    difficulties = f2.multiselect("Difficulty", list(DIFFICULTIES), key="lib-diff")
    tags = f3.multiselect("Tags", sorted({t for x in cases for t in x.tags}), key="lib-tags")
    lo, hi = (min((x.time_minutes for x in cases), default=15), max((x.time_minutes for x in cases), default=60))
    minutes = f4.slider("Time (minutes)", lo, hi, (lo, hi), step=5, key="lib-time") if lo < hi else (lo, hi)
    s1, s2 = st.columns([3, 1], vertical_alignment="bottom")
    sort = s1.selectbox("Sort by", SORTS, key="lib-sort")
    surprise_clicked = s2.button("Surprise me", key="lib-surprise", icon=":material/casino:", width="stretch")

flt = CaseFilter(text=text, domains=tuple(domains), difficulties=tuple(difficulties), tags=tuple(tags),
                 min_minutes=minutes[0], max_minutes=minutes[1], sort=sort, scores=scores)
shown = filter_cases(cases, flt)
if surprise_clicked:
    pick = surprise(shown)
    if pick is None:
        st.warning("No case matches the filters, so there is nothing to pick from.")
    else:
        st.session_state["lib-selected"] = pick.id

count, switch = st.columns([3, 1], vertical_alignment="center")
count.caption(f"{len(shown)} of {len(cases)} cases")
view = switch.segmented_control("View", ["Cards", "Table"], default="Cards", key="lib-view",
                                label_visibility="collapsed") or "Cards"
selected = st.session_state.get("lib-selected")


def _start(case_id: str) -> None:
    case = lib.cases[case_id]
    choice = show_start_form("start-form", case.title)
    if choice is None:
        return
    st.session_state.pop("lib-selected", None)
    c.start_session(case, choice.mode, choice.candidate, choice.interviewer, choice.target_level)


if view == "Table":
    clicked = show_case_table(shown, scores, key="lib-table")
    if clicked:
        st.session_state["lib-selected"] = selected = clicked
    if selected in lib.cases:
        _start(selected)
else:
    for case in shown:
        if show_case_card(case, scores.get(case.id), key=f"lib-{case.id}", selected=case.id == selected):
            st.session_state["lib-selected"] = case.id
            selected = case.id
        if case.id == selected:
            _start(case.id)
