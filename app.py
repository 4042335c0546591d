"""MLSD Workbench: practise and run machine-learning system design interviews."""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="MLSD Workbench", page_icon=":material/schema:", layout="wide")

from app_pages import auth, nav, roles  # noqa: E402  (pages are defined after the page config)
from app_pages.current import active  # noqa: E402
from app_pages.state import store  # noqa: E402
from components.typing_guard import show_typing_guard  # noqa: E402

auth.check_startup()  # a bad setting or an unreachable store: one line, then stop
role = roles.gate()  # a candidate or reviewer link: that one page, no navigation, whatever the path
if role is not None:  # the link is the key (a candidate need not have an account): no sign-in asked
    show_typing_guard()
    st.navigation(nav.role_pages(role), position="hidden").run()
    st.stop()
auth.require_sign_in()  # with [auth] in secrets.toml, nothing below runs until signed in
page = st.navigation(nav.SECTIONS)

with st.sidebar:
    session = active()
    if session is not None:
        st.caption(f"Open session: **{session.case.title}** · {session.mode} · {session.status.replace('_', ' ')}")
    st.caption(f"Store: `{store().url}`")
    show_typing_guard()
    auth.show_account()

page.run()
