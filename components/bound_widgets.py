"""Keys for widgets whose value the app changes, not only the user.

Evidence ticks its item, unticking clears the evidence, a confirmed suggestion ticks a box, a
template fills the diagram, a merge brings in another tab's edit. The browser can still report such
a widget's old value after the app changed it: a fragment's timer (the console follows the pad
every second) or a second click sent before the new value arrived carries the whole page's widget
values as the browser last had them. Streamlit takes that for a change and calls the widget's
callback, which undoes what the app just did (an item ticked by its evidence came back unticked
about one run in three on a busy machine).

So when the app changes a widget's value, the widget is drawn under a new key, and its callback
runs only for the key it was last drawn under: a late report names the older key and is dropped.
(Streamlit keeps calling the callbacks of widgets it no longer draws, so a new key alone would not
do.) A change the user makes keeps the key: the browser already shows it, and a widget drawn under
a new key is drawn afresh, which loses the cursor and briefly shows the old one beside it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import streamlit as st

# The version goes in front, so a key still ends as the component's did (tests find widgets by their
# endings); "~" becomes "-" in the widget's CSS class.
SEPARATOR = "~"
DRAWN = "wb_bound_drawn"  # base key -> the key it was last drawn under


def _draw(key: str, version: object, value: Any) -> str:
    bound = f"{hashlib.blake2b(repr(version).encode(), digest_size=4).hexdigest()}{SEPARATOR}{key}"
    if bound not in st.session_state:
        st.session_state[bound] = value
    st.session_state.setdefault(DRAWN, {})[key] = bound
    return bound


def bound_key(key: str, value: Any) -> str:
    """The key to draw a widget showing ``value`` (the session's) under.

    The key stays while the widget holds ``value`` already (the user made the change, or nothing
    changed) or was not drawn on the last run (another step was shown: it starts again from
    ``value``). Otherwise the app changed it, or a save failed and the session kept its value,
    and the widget is drawn afresh under the next key. New keys only for the app's changes also
    keep Streamlit's records of old widgets, which it never drops, from growing at every visit.
    """
    last = st.session_state.get(DRAWN, {}).get(key)
    if last is not None:
        if last not in st.session_state:
            st.session_state[last] = value
            return last
        if st.session_state[last] == value:
            return last
    return _draw(key, (last, value), value)


def versioned_key(key: str, value: Any, version: object) -> str:
    """The key for a text the user types in and the app stores tidied (trailing spaces go): it
    changes only with ``version``, counted by the caller for each change the app makes, so the box
    is not redrawn under the cursor each time it is sent. A new key starts from ``value``."""
    return _draw(key, version, value)


def base_key(key: str) -> str:
    """The key a component was given, without the version in front."""
    return key.split(SEPARATOR, 1)[-1]


def if_current(bound: str, callback: Callable[[], None]) -> Callable[[], None]:
    """``callback``, run only when ``bound`` is the key its widget was last drawn under."""

    def _cb() -> None:
        if st.session_state.get(DRAWN, {}).get(base_key(bound)) == bound:
            callback()

    return _cb
