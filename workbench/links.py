"""Role links: one unguessable link per role, so a candidate or reviewer never holds the session id.

A link's token is ``HMAC-SHA256(secret, "<role>:<session id>:<generation>")`` in base64url
(256 bits). The store keeps one small object per live token, ``_links/<sha256(token)>.json``,
naming the role and the session, so a token leads to its session without carrying the id.
A token is accepted only if that object exists, its role is the role asked for, and the
token recomputed from the secret and the session's current generation for that role equals
it (``hmac.compare_digest``, constant time). So revoking (the generation moves on and the
object goes), re-issuing (a new generation), or a new secret (every token recomputes
differently) each retire old links.

The secret is ``WORKBENCH_LINK_SECRET`` or ``link_secret`` under ``[workbench]`` in
secrets.toml; without either, a random one is created once in the store
(``_secret/link.key``); delete that file to revoke every link.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from workbench.ids import is_valid_session_id
from workbench.session import Session
from workbench.storeerrors import NotFoundError, StoreError
from workbench.walkthrough import log
from workbench.yamlio import FileError

if TYPE_CHECKING:
    from workbench.store import Store

LinkRole = Literal["candidate", "reviewer"]
ROLES: tuple[LinkRole, ...] = ("candidate", "reviewer")
PARAM: dict[LinkRole, str] = {"candidate": "c", "reviewer": "r"}  # the URL parameter carrying each role's token
LINK_DIR = "_links"
SECRET_PATH = "_secret/link.key"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")


class LinkObject(BaseModel):
    """What the store keeps for one live token (never the token itself)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: LinkRole
    session: str
    generation: int


@dataclass(frozen=True)
class Grant:
    """A checked link: the role it grants on one session, and the token that proved it."""

    role: LinkRole
    session_id: str
    token: str


def make_token(secret: bytes, role: LinkRole, session_id: str, generation: int) -> str:
    mac = hmac.new(secret, f"{role}:{session_id}:{generation}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def is_token(value: object) -> bool:
    return isinstance(value, str) and bool(_TOKEN.fullmatch(value))


def _object_path(store: Store, token: str) -> str:
    # Only a digest of a well-formed token names a file, never the text as given.
    return f"{store.root}/{LINK_DIR}/{hashlib.sha256(token.encode()).hexdigest()}.json"


def _write(store: Store, path: str, data: bytes, exclusive: bool = False) -> None:
    """A whole-object write; on disk a temp file renamed (or linked, when it must not exist yet)."""
    if not store.local:
        store.fs.pipe_file(path, data)
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.tmp-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        if exclusive:
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)  # the first writer wins; others read what it wrote
        else:
            os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(tmp)


def store_secret(store: Store) -> bytes:
    """The store's own link secret, created at random the first time it is needed."""
    path = f"{store.root}/{SECRET_PATH}"
    try:
        found = store.fs.cat_file(path).strip()
    except FileNotFoundError:
        found = b""
    if len(found) >= 32:
        return found
    _write(store, path, secrets.token_urlsafe(48).encode(), exclusive=True)
    return store.fs.cat_file(path).strip()


def resolve_secret(store: Store, configured: str = "") -> bytes:
    """The configured secret if there is one, else the store's."""
    return configured.encode() if configured else store_secret(store)


def token_of(secret: bytes, session: Session, role: LinkRole) -> str | None:
    """The current token of a role's link, or None if none was ever issued."""
    generation = getattr(session.links, role)
    return make_token(secret, role, session.id, generation) if generation else None


def is_live(store: Store, secret: bytes, session: Session, role: LinkRole) -> bool:
    """Whether the role's current link works (issued and not revoked)."""
    token = token_of(secret, session, role)
    return token is not None and store.fs.exists(_object_path(store, token))


def bump(session: Session, role: LinkRole, event: Literal["link_issued", "link_revoked"]) -> bool:
    """Mutator: move the role's link to its next generation, which retires the current token."""
    setattr(session.links, role, getattr(session.links, role) + 1)
    log(session, event, detail=role)
    return True


def _forget(store: Store, token: str | None) -> None:
    if token is not None:
        with contextlib.suppress(FileNotFoundError):
            store.fs.rm_file(_object_path(store, token))


def issue(store: Store, secret: bytes, session_id: str, role: LinkRole) -> tuple[Session, str]:
    """A new link for ``role`` (the previous one stops working); returns the session saved and the token."""
    old = token_of(secret, store.load(session_id), role)
    saved = store.update(session_id, bump, role, "link_issued").session
    token = token_of(secret, saved, role)
    assert token is not None
    body = LinkObject(role=role, session=session_id, generation=getattr(saved.links, role))
    _write(store, _object_path(store, token), body.model_dump_json().encode())
    _forget(store, old)
    return saved, token


def revoke(store: Store, secret: bytes, session_id: str, role: LinkRole) -> Session:
    """The role's link stops working now; no new one is made."""
    old = token_of(secret, store.load(session_id), role)
    saved = store.update(session_id, bump, role, "link_revoked").session
    _forget(store, old)
    return saved


def check(store: Store, secret: bytes, token: object, role: LinkRole) -> tuple[Grant, Session] | None:
    """The grant a token proves for ``role`` and the session as stored now, or None.

    None for anything that is not a live token of this very role: a malformed or tampered
    token, one of another role, a revoked or superseded one, or one signed with an old secret.
    """
    if not is_token(token):
        return None
    assert isinstance(token, str)
    try:
        found = LinkObject.model_validate_json(store.fs.cat_file(_object_path(store, token)))
    except (FileNotFoundError, ValidationError, json.JSONDecodeError):
        return None
    if found.role != role or not is_valid_session_id(found.session):
        return None
    try:
        session = store.load(found.session)
    except (NotFoundError, StoreError, FileError):
        return None
    expected = make_token(secret, role, session.id, getattr(session.links, role))
    if not hmac.compare_digest(expected.encode(), token.encode()):
        return None
    return Grant(role, session.id, token), session
