"""The start-up check and the sign-in gate, run by ``app.py`` before any page.

Sign-in is on when ``.streamlit/secrets.toml`` has an ``[auth]`` section: every page then
needs an OpenID Connect sign-in (``st.login``), and ``workbench.access`` decides which
sessions the signed-in address may list and open. Without ``[auth]`` nothing here
narrows anything and the app behaves as it always has.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import streamlit as st

from workbench import access, settings
from workbench.storeindex import StoreSnapshot

_narrowed: dict[tuple[str, str], StoreSnapshot] = {}


def _secrets() -> dict[str, Any]:
    """secrets.toml as a plain dict; SettingsError if a file exists but cannot be parsed.

    Streamlit treats an unparsable file as no file, which would silently turn sign-in off.
    """
    if st.secrets.load_if_toml_exists():
        return st.secrets.to_dict()
    for name in st.get_option("secrets.files") or []:
        if Path(name).is_file():
            raise settings.SettingsError(f"{name} cannot be parsed as TOML")
    return {}


def enabled() -> bool:
    return "auth" in _secrets()


@st.cache_resource(show_spinner="Checking the configuration…", max_entries=4)
def _checked(env_key: tuple[tuple[str, str], ...]) -> access.Team:
    # A failure raises and is not cached: the next run checks again.
    secrets = _secrets()
    found = settings.check_startup(secrets)
    return settings.load_team(found, secrets)


def _env_key() -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith(settings.PREFIX)))


def check_startup() -> None:
    """Stop with one line when a setting, the team, sign-in or the store is wrong."""
    try:
        _checked(_env_key())
    except settings.SettingsError as exc:
        st.error(f"The workbench cannot start: {exc}", icon=":material/error:")
        st.stop()


def team() -> access.Team:
    return _checked(_env_key())


def email() -> str:
    """The signed-in address, or "" (sign-in off, or not signed in yet)."""
    if not enabled() or not st.user.is_logged_in:
        return ""
    return str(st.user.get("email") or "")


access.set_actor_source(email)  # the event log records who acted, in callbacks too


def require_sign_in() -> None:
    """With ``[auth]``, a person who is not signed in sees only the sign-in button."""
    if not enabled():
        return
    if st.user.is_logged_in:
        if email():
            return
        st.error("Your sign-in did not share an e-mail address, which the workbench needs to know what "
                 "is yours. Ask your administrator to allow the email scope.", icon=":material/error:")
        st.button("Sign out", key="wb-sign-out", icon=":material/logout:", on_click=st.logout)
        st.stop()
    st.title("MLSD Workbench")
    st.write("Sign in with your organisation's account to practise, interview or review.")
    st.button("Sign in", type="primary", icon=":material/login:", on_click=st.login, key="wb-sign-in")
    st.stop()


def show_account() -> None:
    """Who is signed in, in which roles, and a way out (sidebar)."""
    who = email()
    if not who:
        return
    roles = sorted(access.roles(who, team()) - {"candidate"}) or ["candidate"]
    st.caption(f"Signed in as **{who}** · {', '.join(roles)}")
    st.button("Sign out", key="wb-sign-out", icon=":material/logout:", on_click=st.logout)


def may_open(owner: str, session_id: str) -> bool:
    """``?session=`` links: without sign-in anyone holding one; with it, ``access.can_see``.

    Candidate and reviewer links (``roles.gate``) grant their one page by token and do not
    come through here.
    """
    if not enabled():
        return True
    return access.can_see(email(), owner, team())


def narrow(snap: StoreSnapshot) -> StoreSnapshot:
    """The part of the store this person may list (all of it without sign-in)."""
    if not enabled():
        return snap
    who = email()
    key = (snap.signature, who)
    found = _narrowed.get(key)
    if found is None:
        staff = access.is_staff(who, team())
        summaries = tuple(access.visible(who, snap.summaries, team()))
        found = StoreSnapshot(f"{snap.signature}|{who}", summaries, snap.problems if staff else ())
        if len(_narrowed) > 256:
            _narrowed.clear()
        _narrowed[key] = found
    return found
