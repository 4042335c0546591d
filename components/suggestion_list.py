"""The suggester's items for a step, each with its evidence sentence and a button to confirm it."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from workbench.session import RubricCheck


def show_suggestions(suggested: list[RubricCheck], texts: dict[str, str], key: str,
                     on_confirm: Callable[[str, str], Callable[[], None]]) -> None:
    """``on_confirm(item_id, sentence)`` builds the callback that ticks the item with that evidence."""
    if not suggested:
        st.caption("Nothing suggested yet.")
        return
    for ck in suggested:
        c1, c2 = st.columns([5, 1], vertical_alignment="center")
        c1.markdown(f"**{texts.get(ck.item, ck.item)}**")
        c1.text(ck.evidence or "(no sentence)")  # the candidate's words, shown as plain text
        c2.button("Tick", key=f"{key}-{ck.item}", on_click=on_confirm(ck.item, ck.evidence), width="stretch",
                  help="Tick this item with the sentence as evidence")
