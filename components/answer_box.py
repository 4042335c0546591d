"""The answer editor with a markdown preview (rendered as markdown, never as HTML)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from workbench.safe_markdown import without_remote_images


def show_answer_box(value: str, key: str, on_change: Callable[[], None], label: str = "Your answer",
                    height: int = 260, disabled: bool = False) -> None:
    write, preview = st.tabs(["Write", "Preview"])
    with write:
        st.text_area(
            label,
            value=value,
            key=key,
            height=height,
            on_change=on_change,
            disabled=disabled,
            placeholder="Write your answer in markdown. It is saved as you go (Ctrl+Enter or click away).",
        )
    with preview:
        if value.strip():
            st.markdown(without_remote_images(value))
        else:
            st.caption("Nothing written yet.")
