"""The 4-point rating with written anchors and no neutral middle."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from workbench.case import RatingAnchor


def show_rating(anchors: list[RatingAnchor], value: str | None, key: str, on_change: Callable[[], None],
                label: str = "Rating for this step") -> None:
    ids = [a.id for a in anchors]
    labels = {a.id: a.label for a in anchors}
    st.radio(label, ids, index=ids.index(value) if value in ids else None, key=key, horizontal=True,
             format_func=lambda r: labels[r], on_change=on_change)
    with st.expander("What the ratings mean", icon=":material/info:"):
        st.markdown("\n".join(f"- **{a.label}**: {a.anchor}" for a in anchors))
