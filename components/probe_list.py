"""Interviewer probes for a step: what to ask, what to listen for, what was said."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from workbench.case import Probe
from workbench.session import ProbeRecord

Action = Callable[[str, str], Callable[[], None]]


def show_probes(probes: list[Probe], asked: list[ProbeRecord], key: str, on_ask: Action,
                on_response: Action) -> None:
    """``on_ask(probe_id, widget_key)`` and ``on_response(probe_id, widget_key)`` build callbacks."""
    done = {p.id: p for p in asked}
    if not probes:
        st.caption("No probes for this step.")
    for probe in probes:
        with st.container(border=True):
            record = done.get(probe.id)
            head, btn = st.columns([5, 1], vertical_alignment="center")
            head.markdown(f"**{probe.ask}**")
            if probe.listen_for:
                head.caption(f"Listen for: {probe.listen_for}")
            if record is None:
                bk = f"{key}-probe-{probe.id}"
                btn.button("Mark asked", key=bk, on_click=on_ask(probe.id, bk), width="stretch")
            else:
                btn.markdown(":green-badge[asked]")
                rk = f"{key}-resp-{probe.id}"
                st.text_input("What the candidate said", value=record.response, key=rk,
                              on_change=on_response(probe.id, rk),
                              placeholder="What the candidate said in response")
