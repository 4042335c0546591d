"""Role links in the app: a browser session that came in on a candidate or reviewer link stays
in that role, on that one page, for as long as it lives.

``gate()`` runs in ``app.py`` before the navigation is built: it checks a ``?c=``/``?r=``
token (``workbench.links``), remembers the grant in ``st.session_state`` and from then on
``app.py`` builds a navigation of the role's single page, hidden. Other page paths then
run that page, ``?session=`` is dropped, and every run re-checks the token, so a revoked
link stops working in an open tab too.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from app_pages.live import NOTICE  # the console shows it (live.show_merge_notice)
from app_pages.state import store
from workbench import links, settings
from workbench.links import PARAM, ROLES, Grant, LinkRole
from workbench.session import Session
from workbench.store import Store, StoreError

HELD = "wb_link_grant"
REFUSED = ("This link does not open anything: it may be mistyped, revoked, or replaced by a newer one. "
           "Ask the person who sent it for a new link.")


def _configured() -> str:
    """A link secret from the settings or secrets.toml ([workbench] link_secret), else ""."""
    value = settings.read().link_secret.get_secret_value()
    if value:
        return value
    if st.secrets.load_if_toml_exists():
        section = st.secrets.to_dict().get("workbench") or {}
        return str(section.get("link_secret") or "")
    return ""


@st.cache_resource(max_entries=4, show_spinner=False)
def _secret(url: str, configured_digest: str, _configured_value: str, _store: Store) -> bytes:
    return links.resolve_secret(_store, _configured_value)


def secret() -> bytes:
    configured = _configured()
    digest = hashlib.sha256(configured.encode()).hexdigest()
    return _secret(store().url, digest, configured, store())


def held() -> Grant | None:
    return st.session_state.get(HELD)


def _refuse() -> None:
    st.title("MLSD Workbench")
    st.error(REFUSED, icon=":material/link_off:")
    st.stop()


def gate() -> LinkRole | None:
    """The role this browser session holds through a link, or None (the owner's full app)."""
    offered = [(role, st.query_params.get(PARAM[role])) for role in ROLES if st.query_params.get(PARAM[role])]
    grant = held()
    if not offered and grant is None:
        return None
    if len(offered) > 1:
        _refuse()
    if offered:
        role, token = offered[0]
        found = links.check(store(), secret(), token, role)
        if found is None or (grant is not None and (grant.role, grant.session_id) != (role, found[0].session_id)):
            _refuse()
        assert found is not None
        grant = found[0]
        st.session_state[HELD] = grant
    assert grant is not None
    for name in list(st.query_params):  # the link's own parameter and nothing else: never ?session=
        if name != PARAM[grant.role]:
            del st.query_params[name]
    st.query_params[PARAM[grant.role]] = grant.token
    return grant.role


def linked(role: LinkRole) -> Session:
    """The session this browser's link opens, as stored now; stops with a message if the link
    was revoked since, or if this browser holds no link of this role."""
    grant = held()
    found = links.check(store(), secret(), grant.token, role) if grant is not None and grant.role == role else None
    if found is None:
        _refuse()
    assert found is not None
    return found[1]


def link_url(role: LinkRole, token: str) -> str:
    """The full address to send, from the address this page was opened at."""
    path = "candidate" if role == "candidate" else "review"
    base = (st.context.url or "").split("?", 1)[0].rsplit("/", 1)[0]
    return f"{base}/{path}?{PARAM[role]}={token}"


def reviewer_session() -> Session:
    """The review page's session on a reviewer link: made active for saving, never put in the URL."""
    from app_pages import current
    from app_pages.state import show_flash

    show_flash()
    session = linked("reviewer")
    st.session_state[current.ACTIVE] = session
    return session


def issue_link(role: LinkRole) -> None:
    """Console: a new link for ``role`` on the open session (the old one stops working)."""
    from app_pages import current

    session = current.active()
    if session is not None:
        try:
            st.session_state[current.ACTIVE] = links.issue(store(), secret(), session.id, role)[0]
        except (StoreError, OSError) as exc:
            st.session_state[NOTICE] = f"The link could not be made: {exc}. Try again in a moment."


def revoke_link(role: LinkRole) -> None:
    from app_pages import current

    session = current.active()
    if session is not None:
        try:
            st.session_state[current.ACTIVE] = links.revoke(store(), secret(), session.id, role)
        except (StoreError, OSError) as exc:
            st.session_state[NOTICE] = f"The link could not be revoked: {exc}. Try again in a moment."


def live_links(session: Session) -> dict[str, str | None]:
    """Each role's working link for the console, or None."""
    out: dict[str, str | None] = {}
    for role in ROLES:
        token = links.token_of(secret(), session, role)
        out[role] = link_url(role, token) if token and links.is_live(store(), secret(), session, role) else None
    return out
