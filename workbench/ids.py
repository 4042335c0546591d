"""Session ids: unguessable (128 random bits) and checked before they reach a path or URL."""

from __future__ import annotations

import re
import secrets

_ID = re.compile(r"^[0-9a-f]{32}$")


def new_session_id() -> str:
    return secrets.token_hex(16)


def is_valid_session_id(value: object) -> bool:
    return isinstance(value, str) and bool(_ID.fullmatch(value))
