"""Who may see which session when sign-in is on, and who did each thing.

Pure rules over e-mail addresses, so they are tested without a browser:

- the team file (or ``[workbench.team]`` in secrets.toml) names interviewers and
  reviewers by address (``ana@example.com``) or by domain (``@example.com``);
- interviewers and reviewers see every session in the store (the team's);
- anyone else signed in is a candidate, and sees the sessions they own (created) and
  those shared with them by a link.

Without sign-in there is no viewer, and nothing here narrows anything. ``actor()`` is
who is acting now, for the event log: the app registers where to read it once
(``set_actor_source``) so no mutator needs an extra argument.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, field_validator

Role = Literal["candidate", "interviewer", "reviewer"]
_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DOMAIN = re.compile(r"^@[^@\s]+\.[^@\s]+$")


def normalise(email: str) -> str:
    """Addresses compare case-insensitively and without surrounding spaces."""
    return email.strip().casefold()


class Team(BaseModel):
    """Who is an interviewer or a reviewer; entries are addresses or ``@domain``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    interviewers: tuple[str, ...] = Field(default=(), description='e.g. ["ana@example.com", "@example.com"]')
    reviewers: tuple[str, ...] = ()

    @field_validator("interviewers", "reviewers")
    @classmethod
    def _entries(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        out = []
        for entry in v:
            e = normalise(entry)
            if not (_ADDRESS.match(e) or _DOMAIN.match(e)):
                raise ValueError(f"{entry!r} is neither an e-mail address nor an @domain")
            out.append(e)
        return tuple(out)


def matches(email: str, entry: str) -> bool:
    """``entry`` names this address, or its whole domain (``@example.com``, not sub-domains)."""
    email, entry = normalise(email), normalise(entry)
    if not email or "@" not in email:
        return False
    if entry.startswith("@"):
        return email.endswith(entry) and email.count("@") == 1
    return email == entry


def roles(email: str, team: Team) -> set[Role]:
    """Every role this address holds; everyone signed in is at least a candidate."""
    found: set[Role] = {"candidate"}
    if any(matches(email, e) for e in team.interviewers):
        found.add("interviewer")
    if any(matches(email, e) for e in team.reviewers):
        found.add("reviewer")
    return found


def is_staff(email: str, team: Team) -> bool:
    """Interviewers and reviewers see the team's sessions."""
    return len(roles(email, team)) > 1


def can_see(viewer: str, owner: str, team: Team, shared: bool = False) -> bool:
    """May ``viewer`` list or open a session owned by ``owner``?

    ``shared`` is true when the viewer holds a link to it. A session without an owner
    (saved before sign-in was on, or uploaded) belongs to the team, not to a candidate.
    """
    if not normalise(viewer):
        return False
    if shared or is_staff(viewer, team):
        return True
    return bool(normalise(owner)) and normalise(owner) == normalise(viewer)


class Owned(Protocol):
    id: str
    owner: str


def visible(viewer: str, items: Iterable[Owned], team: Team, shared_ids: Iterable[str] = ()) -> list[Owned]:
    """The items (sessions or their summaries) this viewer may list, in their order."""
    shared = set(shared_ids)
    staff = is_staff(viewer, team)
    return [i for i in items if staff or can_see(viewer, i.owner, team, i.id in shared)]


# -- who is acting now (for the event log) -------------------------------------------

_ACTOR: ContextVar[str | None] = ContextVar("workbench_actor", default=None)
_source: list[Callable[[], str]] = []


def set_actor_source(source: Callable[[], str] | None) -> None:
    """Where ``actor()`` reads the signed-in address when no ``acting_as`` is in force."""
    _source[:] = [] if source is None else [source]


@contextlib.contextmanager
def acting_as(email: str) -> Iterator[None]:
    token = _ACTOR.set(email)
    try:
        yield
    finally:
        _ACTOR.reset(token)


def actor() -> str:
    """Who is acting: ``acting_as``, else the registered source, else "" (not signed in)."""
    now = _ACTOR.get()
    if now is not None:
        return now
    if _source:
        try:
            return _source[0]() or ""
        except Exception:  # an event must never fail because identity is unknown
            return ""
    return ""
