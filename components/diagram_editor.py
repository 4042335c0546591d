"""The diagram editor: Mermaid source beside a live preview, with starter templates.

The source is the widget's text and is saved as typed, so a syntax error never loses it;
the preview beside it shows Mermaid's own message instead of the drawing until it parses.
A template only starts an empty diagram (it would replace the whole source otherwise).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.diagram_view import show_diagram
from workbench.diagrams import TEMPLATES, template

PLACEHOLDER = "flowchart LR\n    logs[Event logs] --> features[Features]\n    features --> model[Ranking model]"


def show_diagram_editor(source: str, key: str, on_change: Callable[[str], None], disabled: bool = False,
                        height: int = 320) -> None:
    """``on_change(new_source)`` is called when the text is sent (Ctrl+Enter or click away) or a template is used."""
    pick_key = f"{key}-template"

    def _typed() -> None:
        on_change(st.session_state[key])

    def _use_template() -> None:
        text = template(st.session_state[pick_key]).source
        st.session_state[key] = text  # the editor shows it at once (widget state, set before it is drawn)
        on_change(text)

    pick, use, _ = st.columns([2, 1, 1], vertical_alignment="bottom")
    pick.selectbox("Starter template", [t.id for t in TEMPLATES], key=pick_key, disabled=disabled,
                   format_func=lambda tid: template(tid).title)
    use.button("Use template", key=f"{key}-use", on_click=_use_template, width="stretch",
               disabled=disabled or bool(source.strip()), icon=":material/schema:",
               help="A template starts an empty diagram; clear yours first to use one.")
    edit, preview = st.columns(2)
    with edit:
        if key not in st.session_state:  # first draw: start from the session (no value= beside a state write)
            st.session_state[key] = source
        st.text_area("Mermaid source", key=key, height=height, on_change=_typed, disabled=disabled,
                     placeholder=PLACEHOLDER,
                     help="Mermaid syntax (https://mermaid.js.org). Saved as you go: Ctrl+Enter or click away.")
    with preview:
        st.markdown("**Preview**")
        show_diagram(source, empty="Nothing drawn yet: start from a template or type Mermaid source.",
                     with_source=False)
