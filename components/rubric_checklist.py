"""The rubric as a checklist: tick what was covered, optionally with written evidence."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.bound_widgets import bound_key, if_current
from components.formatting import level_badge
from workbench.case import RubricItem

Toggle = Callable[[str, str], Callable[[], None]]


def item_label(item: RubricItem) -> str:
    return f"{item.text} {level_badge(item.level)} :gray[· weight {item.weight}]"


def show_checklist(items: list[RubricItem], checked: dict[str, str], key: str, on_toggle: Toggle,
                   with_evidence: bool = False, on_evidence: Toggle | None = None,
                   disabled: bool = False, prefix: str = "chk") -> None:
    """``checked`` maps ticked item ids to their evidence.

    ``on_toggle(item_id, widget_key)`` and ``on_evidence(item_id, widget_key)`` build the
    callbacks; the callback reads the widget's new value from its key.
    """
    for item in items:
        # The session is the source of truth: evidence can tick an item and unticking drops its
        # evidence, so each widget is drawn under a key bound to the session's value.
        ck = bound_key(f"{key}-{prefix}-{item.id}", item.id in checked)
        st.checkbox(item_label(item), key=ck, on_change=if_current(ck, on_toggle(item.id, ck)),
                    disabled=disabled)
        if with_evidence and on_evidence is not None:
            ek = bound_key(f"{key}-{prefix}ev-{item.id}", checked.get(item.id, ""))
            st.text_input("Evidence", key=ek,
                          on_change=if_current(ek, on_evidence(item.id, ek)), disabled=disabled,
                          label_visibility="collapsed",
                          placeholder="Evidence: what the candidate said or did (ticks the item)")
