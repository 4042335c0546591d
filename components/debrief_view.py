"""The debrief: scores, the heaviest gaps with their why, time and hints, pitfalls, what next."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.formatting import level_badge, mmss, pct, rating_label
from workbench.case import LEVELS
from workbench.debrief import Debrief
from workbench.safe_markdown import without_remote_images
from workbench.session import Review


def _scores(d: Debrief, titles: dict[str, str]) -> None:
    cols = st.columns(2 + len(LEVELS) + 1)
    cols[0].metric("Your score", pct(d.overall), help=f"Scored by: {d.scorer.label}")
    cols[1].metric("Suggested", pct(d.suggested_overall),
                   help="The app's own reading of your answers over the same steps; not a person's score.")
    for col, level in zip(cols[2:], LEVELS, strict=False):
        col.metric(level.capitalize(), pct(d.levels.get(level)))
    cols[-1].metric("Evidence supports", d.supported_level.capitalize() if d.overall is not None else "–")
    lines = ["| Step | Score | Time / budget | Hints |", "|---|---|---|---|"]
    for t in d.times:
        budget = mmss(t.budget_s) if t.budget_s else "–"
        over = " :orange[over]" if t.budget_s and t.spent_s > t.budget_s else ""
        lines.append(f"| {titles.get(t.step_id, t.step_id)} | {pct(d.step(t.step_id))} | "
                     f"{mmss(t.spent_s)} / {budget}{over} | {t.hints_used} of {t.hints_total} |")
    st.markdown("\n".join(lines))
    unscored = [titles.get(t.step_id, t.step_id) for t in d.times if t.step_id not in d.scored_steps]
    if unscored:
        st.caption("Not scored yet, so not counted: " + ", ".join(unscored))


def _gaps(d: Debrief, titles: dict[str, str]) -> None:
    st.markdown("#### Your heaviest gaps")
    if not d.gaps:
        st.caption("No gaps among the scored steps." if d.scored_steps else "Score a step to see its gaps.")
    for n, g in enumerate(d.gaps, start=1):
        st.markdown(f"**{n}. {g.item.text}** {level_badge(g.item.level)} :gray[· weight {g.item.weight} · "
                    f"{titles.get(g.step_id, g.step_id)}]  \n{g.item.why or ''}")


def _pitfalls(d: Debrief, titles: dict[str, str]) -> None:
    if not d.pitfalls:
        return
    fell = [p for p in d.pitfalls if p.fell]
    with st.expander(f"Pitfalls of this case ({len(fell)} you fell into)", icon=":material/warning:"):
        for p in d.pitfalls:
            mark = ":red-badge[you fell into this]" if p.fell else ""
            st.markdown(f"- {p.text} {mark} :gray[· {titles.get(p.step_id, p.step_id)}]")


def show_reviews(reviews: list[Review], titles: dict[str, str], ratings: dict[str, str]) -> None:
    """Each reviewer's overall view and per-step comments and ratings."""
    for n, r in enumerate(reviews, start=1):
        with st.container(border=True):
            head = f"**Reviewer {n}: {r.reviewer}** :gray[· {r.at:%Y-%m-%d %H:%M} UTC]"
            if r.recommendation:
                head += f" · {ratings.get(r.recommendation, rating_label(r.recommendation))}"
            st.markdown(head)
            if r.comment:
                st.markdown(without_remote_images(r.comment))
            for s in r.steps:
                if s.comment or s.rating:
                    rating = ratings.get(s.rating, rating_label(s.rating)) if s.rating else "not rated"
                    st.markdown(f"*{titles.get(s.id, s.id)}* · {rating}")
                    if s.comment:
                        st.markdown(without_remote_images(s.comment))


def show_step_reviews(reviews: list[Review], step_id: str, ratings: dict[str, str]) -> None:
    """What each reviewer said about one step: their rating and comment."""
    for n, r in enumerate(reviews, start=1):
        step = next((s for s in r.steps if s.id == step_id), None)
        if step is None or not (step.comment or step.rating):
            continue
        rating = ratings.get(step.rating, rating_label(step.rating)) if step.rating else "not rated"
        with st.container(border=True):
            st.markdown(f"**Reviewer {n}: {r.reviewer}** · {rating}")
            if step.comment:
                st.markdown(without_remote_images(step.comment))


def show_debrief(d: Debrief, titles: dict[str, str], key: str, *, report: Callable[[], bytes] | None = None,
                 report_name: str = "report.md", can_start: bool = True,
                 reviews: list[Review] | None = None, ratings: dict[str, str] | None = None) -> str | None:
    """Render the debrief; returns the id of a recommended case the user chose to start."""
    chosen = None
    with st.container(border=True, key=f"{key}-debrief"):
        st.subheader("Debrief")
        _scores(d, titles)
        _gaps(d, titles)
        _pitfalls(d, titles)
        if d.next_cases:
            st.markdown("#### Practise next")
            for nc in d.next_cases:
                c1, c2 = st.columns([4, 1], vertical_alignment="center")
                c1.markdown(f"**{nc.title}** :gray[· exercises {', '.join(nc.areas)}]")
                if can_start and c2.button("Start", key=f"{key}-next-{nc.case_id}", width="stretch",
                                           icon=":material/play_arrow:"):
                    chosen = nc.case_id
        if reviews:
            st.markdown("#### Reviews")
            show_reviews(reviews, titles, ratings or {})
        if report is not None:
            st.download_button("Download the Markdown report", data=report, file_name=report_name,
                               mime="text/markdown", key=f"{key}-report", on_click="ignore",
                               icon=":material/download:")
    return chosen
