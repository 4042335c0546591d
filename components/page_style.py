"""Layout helpers Streamlit has no option for: a header that stays while scrolling, and
scrolling to a section (the debrief on Finish).

Both are ``st.components.v2`` components with fixed, inline CSS and JavaScript; no user
or file text reaches them.
"""

from __future__ import annotations

import streamlit as st

STICKY_KEY = "wb-sticky"

_CSS = """
/* The keyed container sits in a wrapper of its own height, so the wrapper is what sticks. */
div:has(> .st-key-wb-sticky) {
  position: sticky; top: 3.75rem; z-index: 990;
  background: var(--st-background-color, #ffffff);
}
.st-key-wb-sticky { padding: .25rem 0 .35rem; border-bottom: 1px solid rgba(49, 51, 63, .12); }
.st-key-wb-sticky [data-testid="stProgress"] { margin-top: -.4rem; }
[data-testid="stMainBlockContainer"] { padding-top: 3rem; }
"""

_SCROLL_JS = """
export default function (component) {
  const { data } = component;
  if (!data || !data.target || window.__wbScrolled === data.token) return;
  window.__wbScrolled = data.token;
  if (data.target === "top") {
    const main = document.querySelector('[data-testid="stMain"]');
    if (main) main.scrollTo({top: 0});
    window.scrollTo({top: 0});
    return;
  }
  let tries = 0;
  const go = () => {
    const el = document.querySelector(".st-key-" + CSS.escape(data.target));
    if (el) { el.scrollIntoView({behavior: "smooth", block: "start"}); return; }
    if (++tries < 40) setTimeout(go, 100);
  };
  go();
}
"""

_style = st.components.v2.component("wb_page_style", css=_CSS, isolate_styles=False)
_scroll = st.components.v2.component("wb_scroll_to", js=_SCROLL_JS, isolate_styles=False)


def apply_page_style() -> None:
    """Install the shared CSS (the sticky header) on this page."""
    _style(key="wb-page-style")


def scroll_to(target_key: str, token: str) -> None:
    """Scroll once to the element with ``key=target_key`` (or ``"top"`` of the page); ``token``
    changes when it should happen again."""
    _scroll(key=f"wb-scroll-{target_key}", data={"target": target_key, "token": token})
