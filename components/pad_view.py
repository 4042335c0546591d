"""The candidate's pad as the interviewer sees it: the text and diagram, live, each sentence
one click away from being quoted as evidence for a rubric item."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.diagram_view import show_diagram
from workbench.case import RubricItem
from workbench.pad import quotable
from workbench.safe_markdown import without_remote_images
from workbench.session import StepRecord

OnQuote = Callable[[str, str], Callable[[], None]]  # (item id, sentence) -> button callback


def show_pad_view(rec: StepRecord, items: list[RubricItem], key: str, on_quote: OnQuote) -> None:
    """``rec`` as stored now; ``on_quote(item_id, sentence)`` builds a quote button's callback.

    The layout is the same on every run (text, diagram, quotes, each in its own container),
    so a refresh never shifts one element into another's place.
    """
    st.markdown("**The candidate's pad** :gray[· live]")
    with st.container(border=True, key=f"{key}-text"):
        if rec.answer.strip():
            st.markdown(without_remote_images(rec.answer))
        else:
            st.caption("The candidate has not written anything for this step yet.")
    with st.container(key=f"{key}-diagram"):
        if rec.diagram.strip():
            show_diagram(rec.diagram, with_source=False)
        else:
            st.caption("No diagram yet.")
    with st.container(key=f"{key}-quotes"):
        sentences = quotable(rec.answer)
        if not sentences or not items:
            return
        labels = {i.id: i.text for i in items}
        target = st.selectbox("Quote a sentence as evidence for", list(labels), key=f"{key}-target",
                              format_func=lambda iid: labels[iid][:90])
        for n, sentence in enumerate(sentences):
            text, button = st.columns([6, 1], vertical_alignment="center")
            text.markdown(f"> {without_remote_images(sentence)}")
            button.button("Quote", key=f"{key}-quote-{n}", on_click=on_quote(target, sentence),
                          help="Tick the chosen item with this sentence as evidence", width="stretch")
