"""Drive the app through AppTest the way a user would: by labels and visible text."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def new_app(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    return at


def no_exceptions(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def button(at: AppTest, suffix: str):
    """The button whose key ends with ``suffix`` (keys carry a session prefix)."""
    found = [b for b in at.button if b.key and b.key.endswith(suffix)]
    assert found, f"no button ending {suffix!r}; have {[b.key for b in at.button]}"
    return found[0]


def text_area(at: AppTest, suffix: str):
    found = [t for t in at.text_area if t.key and t.key.endswith(suffix)]
    assert found, f"no text area ending {suffix!r}; have {[t.key for t in at.text_area]}"
    return found[0]


def checkbox(at: AppTest, suffix: str):
    found = [c for c in at.checkbox if c.key and c.key.endswith(suffix)]
    assert found, f"no checkbox ending {suffix!r}"
    return found[0]


def report_late(at: AppTest, *widgets) -> AppTest:
    """Run the app as when the browser reports ``widgets`` with the values they hold, though the app
    has redrawn them since (under other keys): a fragment's timer or a click that left before the new
    page arrived. Only these widgets are reported, which AppTest's public ``run`` cannot do: it
    sends the current page, and reads an untouched old widget's value from the server."""
    from streamlit.proto.WidgetStates_pb2 import WidgetStates

    states = WidgetStates()
    states.widgets.extend(w._widget_state for w in widgets)
    return at._run(states)


def all_text(at: AppTest) -> str:
    """Every piece of text the page shows (markdown, captions, alerts, widget labels, values)."""
    parts: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        for attr in ("value", "label", "body", "placeholder", "help"):
            v = getattr(node, attr, None) if attr != "value" or proto is not None else None
            if isinstance(v, str):
                parts.append(v)
        if proto is not None:
            parts.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(parts)


def start_case(at: AppTest, case_id: str, mode: str = "solo", candidate: str = "", interviewer: str = "",
               level: str | None = None) -> AppTest:
    at.run()
    no_exceptions(at)
    at.button(key=f"lib-{case_id}").click().run()
    at.radio(key="start-form-mode").set_value(mode)
    if candidate:
        at.text_input(key="start-form-cand").input(candidate)
    if interviewer:
        at.text_input(key="start-form-int").input(interviewer)
    if level:
        at.selectbox(key="start-form-level").set_value(level)
    at.button(key="FormSubmitter:start-form-Start").click().run()
    no_exceptions(at)
    return at


def session(at: AppTest):
    return at.session_state["wb_session"]


def link_app(store_dir, session_id: str, role: str = "candidate") -> AppTest:
    """A fresh browser on a role link: the link is issued the way the console does (a new one
    replaces the old), with the store's own link secret."""
    from workbench import links
    from workbench.store import open_store

    store = open_store(str(store_dir))
    _, token = links.issue(store, links.resolve_secret(store), session_id, role)  # type: ignore[arg-type]
    return new_app(**{links.PARAM[role]: token})  # type: ignore[index]
