"""Hints revealed one rung at a time; each one taken is recorded in the session."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st


def show_hints(hints: list[str], revealed: int, key: str, on_give: Callable[[], None] | None,
               button_label: str = "Show a hint") -> None:
    for n, hint in enumerate(hints[:revealed], start=1):
        st.info(f"**Hint {n}.** {hint}", icon=":material/lightbulb:")
    left = len(hints) - revealed
    if on_give is not None and left > 0:
        st.button(f"{button_label} ({left} left)", key=key, on_click=on_give, icon=":material/lightbulb:")
    elif on_give is not None:
        st.caption("No hints left for this step.")
