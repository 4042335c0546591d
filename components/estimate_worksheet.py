"""The estimates worksheet: a value (arithmetic with units) and a line of working per quantity.

Before the self-check the worksheet only reads the value back in the estimate's unit (or says
why it cannot); after it, each figure is judged within tolerance or off, beside the reference
and its derivation. An interviewer can rate each figure.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import streamlit as st

from workbench.case import Estimate
from workbench.estimates import Judgement, judge, tolerance_text
from workbench.quantities import MAX_CHARS, fmt
from workbench.safe_markdown import without_remote_images
from workbench.session import EstimateEntry, EstimateRating

OnChange = Callable[[str, str, str], None]  # (estimate id, value, working)
OnRate = Callable[[str, EstimateRating | None], None]
RATING_LABELS = {"": "Not rated", "good": "Good", "off": "Off"}


@lru_cache(maxsize=1024)
def _judged(text: str, est: Estimate) -> Judgement:
    """Reading a figure costs a pint parse; a rerun redraws the same figures, so remember them."""
    return judge(text, est)


def _show_judgement(result: Judgement, est: Estimate, reveal: bool) -> None:
    """At most one element: the read-back before the self-check, the verdict and reference after it."""
    reference = f"Reference: **{fmt(est.value, est.unit)}** ({tolerance_text(est.tolerance)}). {est.derivation}"
    if result.verdict in ("invalid", "incompatible"):
        st.warning(result.message + (f"  \n{reference}" if reveal else ""), icon=":material/calculate:")
    elif not reveal:
        if result.judged:
            st.caption(f"= {fmt(result.value or 0.0, est.unit)}")
    elif result.verdict == "within":
        st.success(f"Within tolerance. {result.message}  \n{reference}", icon=":material/check_circle:")
    elif result.verdict == "off":
        st.error(f"Off. {result.message}  \n{reference}", icon=":material/cancel:")
    else:
        st.info(f"Not sized. {reference}", icon=":material/calculate:")


def _inputs(est: Estimate, entry: EstimateEntry, key: str, on_change: OnChange, disabled: bool) -> None:
    vk, wk = f"{key}-{est.id}-value", f"{key}-{est.id}-working"

    def _sent() -> None:
        on_change(est.id, st.session_state[vk], st.session_state[wk])

    left, right = st.columns([2, 3])
    left.text_input(f"{est.question} ({est.unit})", value=entry.value, key=vk, on_change=_sent,
                    max_chars=MAX_CHARS, disabled=disabled, placeholder="e.g. 35e6 / day",
                    help=f"A number in {est.unit}, or arithmetic with its own units, e.g. 35e6 / day or 1.6e6 * 4 B")
    right.text_input("Working", value=entry.working, key=wk, on_change=_sent, disabled=disabled,
                     placeholder="one line: how you got there")


def _rating(est: Estimate, entry: EstimateEntry, key: str, on_rate: OnRate) -> None:
    rk = f"{key}-{est.id}-rating"

    def _rated() -> None:
        on_rate(est.id, st.session_state[rk] or None)

    options = list(RATING_LABELS)
    st.radio("Interviewer's rating", options, index=options.index(entry.rating or ""), key=rk, horizontal=True,
             format_func=RATING_LABELS.__getitem__, on_change=_rated)


def show_worksheet(estimates: list[Estimate], entries: list[EstimateEntry], key: str, *,
                   on_change: OnChange | None = None, reveal: bool = False, on_rate: OnRate | None = None,
                   disabled: bool = False, show_ratings: bool = False) -> None:
    """One row per estimate; without ``on_change`` the figures are shown read-only.

    ``show_ratings`` shows the interviewer's rating as text (for readers; ``on_rate`` edits it).
    """
    if not estimates:
        st.caption("This step has no estimates to size.")
        return
    by_id = {e.id: e for e in entries}
    for est in estimates:
        entry = by_id.get(est.id) or EstimateEntry(id=est.id)
        if on_change is not None:
            _inputs(est, entry, key, on_change, disabled)
        else:
            working = without_remote_images(entry.working)
            figure = (f"`{entry.value}`" if entry.value else ":gray[not sized]") + (f" — {working}" if working else "")
            st.markdown(f"**{est.question}** ({est.unit}): {figure}")
        _show_judgement(_judged(entry.value, est), est, reveal)
        if on_rate is not None:
            _rating(est, entry, key, on_rate)
        elif show_ratings and entry.rating:
            st.caption(f"Interviewer's rating: {RATING_LABELS[entry.rating]}")
