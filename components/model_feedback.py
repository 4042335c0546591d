"""The language model's reading of a step, fetched in the background so the page never waits.

The offline suggestions are on screen at once; when an OpenAI-compatible endpoint is
configured, its answer replaces them as soon as it arrives (a small fragment polls the
worker), with two or three sentences of feedback. If it fails, the offline result stays
and a one-line notice says why.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future

import streamlit as st

from workbench.suggest import StepCheck

POLL_S = 1.0


def show_model_feedback(future: Future[StepCheck] | None, on_result: Callable[[StepCheck], None],
                        result: StepCheck | None) -> None:
    """Poll ``future``; once it is done, hand its result to ``on_result`` and rerun the page."""
    if result is not None:
        _show(result)
        return
    if future is None:
        return
    _poll(future, on_result)


def _show(result: StepCheck) -> None:
    if result.notice:
        st.caption(f":material/info: {result.notice}")
    if result.feedback:
        with st.container(border=True):
            st.markdown("**Feedback from the model**")
            st.markdown(result.feedback)


@st.fragment(run_every=POLL_S)
def _poll(future: Future[StepCheck], on_result: Callable[[StepCheck], None]) -> None:
    if not future.done():
        st.caption(":material/hourglass_top: Asking the model for its reading of your answer…")
        return
    on_result(future.result())
    st.rerun(scope="app")
