"""Opening an uploaded session file: loaded and saved before it replaces anything.

The page calls ``import_session`` and makes the result the open session only when it
returns; a ``FileError`` (the file's problems, ``file:line: message``) or a
``StoreError`` leaves the open session exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.ids import new_session_id
from workbench.sessionfile import session_from_bytes
from workbench.store import Store

if TYPE_CHECKING:
    from workbench.case import Framework
    from workbench.session import Session


@dataclass(frozen=True)
class Imported:
    session: Session
    note: str
    copied: bool = False


def plan_import(uploaded: Session, stored_revision: int | None, filename: str) -> Imported:
    """Decide how an uploaded session joins the store without losing anyone's work.

    - Not in the store: it opens as it is.
    - The store holds an older or equal revision: the upload continues that session
      (it takes the stored revision, so the save is compare-and-swap on it).
    - The store holds a newer revision: the upload is a stale download, so it opens
      as a copy with a new id and the stored session is left untouched.
    The uploaded object is not changed; a new one is returned.
    """
    session = uploaded.model_copy(deep=True)
    if stored_revision is not None and stored_revision > uploaded.revision:
        session.id, session.revision = new_session_id(), 0
        return Imported(session, f"Opened {filename} as a copy: the store already holds a newer save of that "
                                 "session, which is left as it was.", copied=True)
    if stored_revision is not None:
        session.revision = stored_revision
    return Imported(session, f"Opened {filename}.")


def import_session(store: Store, name: str, raw: bytes, framework: Framework | None = None,
                   prepare: Callable[[Session], object] | None = None) -> Imported:
    """Validate ``raw`` with the bounded loader, save it to the store, and return it.

    ``prepare`` may adjust the session before it is saved (the app restarts its clock).
    Raises ``FileError`` for a bad file and ``StoreError`` for a failed save; either way
    nothing was written and the caller's open session is untouched.
    """
    uploaded = session_from_bytes(raw, name, framework or store.checked_framework())
    plan = plan_import(uploaded, store.stored_revision(uploaded.id), name)
    if prepare is not None:
        prepare(plan.session)
    store.save(plan.session)
    return plan
