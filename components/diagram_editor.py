"""The diagram editor: Mermaid source beside a live preview, with starter templates.

The source is the widget's text and is saved as typed, so a syntax error never loses it;
the preview beside it shows Mermaid's own message instead of the drawing until it parses.
A template only starts an empty diagram (it would replace the whole source otherwise).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.bound_widgets import if_current, versioned_key
from components.diagram_view import show_diagram
from workbench.diagrams import TEMPLATES, template

PLACEHOLDER = "flowchart LR\n    logs[Event logs] --> features[Features]\n    features --> model[Ranking model]"


def show_diagram_editor(source: str, key: str, on_change: Callable[[str], None], disabled: bool = False,
                        height: int = 320) -> None:
    """``on_change(new_source)`` is called when the text is sent (Ctrl+Enter or click away) or a template is used."""
    pick_key, uses_key = f"{key}-template", f"{key}-uses"
    # A template is the one change the app makes to the text: the box is redrawn under a new key
    # then, so an old value the browser reports late cannot empty it again (components.bound_widgets).
    # Typing keeps the key, and with it the cursor.
    box = versioned_key(key, source, version=st.session_state.get(uses_key, 0))

    def _typed() -> None:
        on_change(st.session_state[box])

    def _use_template() -> None:
        st.session_state[uses_key] = st.session_state.get(uses_key, 0) + 1
        on_change(template(st.session_state[pick_key]).source)

    pick, use, _ = st.columns([2, 1, 1], vertical_alignment="bottom")
    pick.selectbox("Starter template", [t.id for t in TEMPLATES], key=pick_key, disabled=disabled,
                   format_func=lambda tid: template(tid).title)
    use.button("Use template", key=f"{key}-use", on_click=_use_template, width="stretch",
               disabled=disabled or bool(source.strip()), icon=":material/schema:",
               help="A template starts an empty diagram; clear yours first to use one.")
    edit, preview = st.columns(2)
    with edit:
        st.text_area("Mermaid source", key=box, height=height, on_change=if_current(box, _typed), disabled=disabled,
                     placeholder=PLACEHOLDER,
                     help="Mermaid syntax (https://mermaid.js.org). Saved as you go: Ctrl+Enter or click away.")
    with preview:
        st.markdown("**Preview**")
        show_diagram(source, empty="Nothing drawn yet: start from a template or type Mermaid source.",
                     with_source=False)
