"""The self-check of one step, in two stages: tick what you covered, then score the step.

Before scoring, the rubric is a checklist in the case's order, with the app's
suggestions beside it (a suggestion is never a tick: the candidate confirms it). After
scoring it becomes one list: the misses heaviest first with why they matter, then
what was covered. The checkboxes stay, so a tick can still be corrected.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.bound_widgets import bound_key, if_current
from components.formatting import level_badge, pct
from components.rubric_checklist import item_label
from workbench.case import LEVELS, RubricItem
from workbench.scoring import StepScore

Toggle = Callable[[str, str], Callable[[], None]]


def _quote(sentence: str, limit: int = 220) -> str:
    text = " ".join(sentence.split())
    text = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    # Shown inside markdown: neutralise markdown and Streamlit's colour/badge directives.
    for ch in "\\`*_[]<>:#|~$":
        text = text.replace(ch, "\\" + ch)
    return text


def _item(item: RubricItem, key: str, ticked: dict[str, str], on_toggle: Toggle, disabled: bool,
          suggestion: tuple[bool, str] | None, on_confirm: Callable[[str], Callable[[], None]] | None,
          why: bool) -> None:
    ck = bound_key(f"{key}-chk-{item.id}", item.id in ticked)  # the session is the source of truth
    st.checkbox(item_label(item), key=ck, on_change=if_current(ck, on_toggle(item.id, ck)), disabled=disabled)
    suggested, evidence = suggestion or (False, "")
    if suggested and item.id not in ticked:
        c1, c2 = st.columns([5, 1], vertical_alignment="center")
        c1.caption(f":blue-badge[suggested] Your answer seems to cover this: “{_quote(evidence)}”")
        if on_confirm is not None and not disabled:
            c2.button("Confirm", key=f"{key}-confirm-{item.id}", on_click=on_confirm(item.id), width="stretch")
    elif suggestion is not None and not suggested and item.id in ticked:
        st.caption(":orange[No sentence in your answer seems to cover this; tick it only if it is really there.]")
    if why and item.id not in ticked:
        st.caption(f"Why it matters: {item.why or '—'}")


def show_step_result(score: StepScore) -> None:
    """The score of a step and its coverage per level."""
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Step score", pct(score.coverage))
    for col, level in zip((c2, c3, c4), LEVELS, strict=True):
        col.metric(level.capitalize(), pct(score.by_level.get(level)))


def show_self_check(items: list[RubricItem], score: StepScore, ticked: dict[str, str], scored: bool, key: str,
                    on_toggle: Toggle, on_score: Callable[[], None] | None = None,
                    suggestions: dict[str, tuple[bool, str]] | None = None,
                    on_confirm: Callable[[str], Callable[[], None]] | None = None,
                    disabled: bool = False) -> None:
    """``suggestions`` maps item ids to (covered, evidence sentence) from the suggester."""
    sugg = suggestions or {}
    if not scored:
        st.markdown("#### Self-check: tick what your answer covered")
        if sugg:
            n = sum(1 for s in sugg.values() if s[0])
            st.caption(f"The app read your answer and suggests {n} item{'s' if n != 1 else ''} "
                       "(marked *suggested*). Nothing is ticked until you confirm it.")
        for item in items:
            _item(item, key, ticked, on_toggle, disabled, sugg.get(item.id) if sugg else None, on_confirm, False)
        if on_score is not None and not disabled:
            st.button("Score this step", key=f"{key}-score", type="primary", icon=":material/grading:",
                      on_click=on_score)
        return
    st.markdown("#### Your score for this step")
    show_step_result(score)
    if score.missed:
        st.markdown(f"**Missed ({len(score.missed)})**, heaviest first, with why each matters:")
    else:
        st.success("Every rubric item for this step is covered.")
    for item in [*score.missed, *score.covered]:
        _item(item, key, ticked, on_toggle, disabled, sugg.get(item.id) if sugg else None, on_confirm, True)


def show_pitfalls(pitfalls: list[str], fell: list[str], detected: dict[str, str], key: str,
                  on_toggle: Toggle | None, disabled: bool = False) -> None:
    """The step's pitfalls; the candidate ticks those they fell into, detected ones show their sentence."""
    if not pitfalls:
        return
    with st.expander("Common pitfalls on this step", icon=":material/warning:", expanded=bool(detected)):
        for n, text in enumerate(pitfalls):
            if on_toggle is None:
                st.markdown(f"- {text}" + (" :red-badge[you fell into this]" if text in fell else ""))
            else:
                pk = bound_key(f"{key}-pitfall-{n}", text in fell)
                st.checkbox(f"{text} :gray[· I fell into this]", key=pk, on_change=if_current(pk, on_toggle(text, pk)),
                            disabled=disabled)
            if text in detected:
                st.caption(f":orange-badge[detected] “{_quote(detected[text])}”")


def show_level_line(levels: dict[str, float | None]) -> None:
    st.markdown(" · ".join(f"{level_badge(lv)} {pct(levels.get(lv))}" for lv in LEVELS))
