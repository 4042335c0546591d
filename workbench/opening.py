"""Opening a session file someone hands in, next to what the store already holds."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.ids import new_session_id
from workbench.session import Session


@dataclass(frozen=True)
class ImportPlan:
    """What an upload becomes: the session to save, whether it is a copy, and what to tell the user."""

    session: Session
    as_copy: bool
    note: str


def plan_import(uploaded: Session, stored_revision: int | None, filename: str) -> ImportPlan:
    """Decide how an uploaded session joins the store without losing anyone's work.

    - Not in the store: it opens as it is.
    - The store holds an older or equal revision: the upload continues that session
      (it takes the stored revision, so the next save follows on from it).
    - The store holds a newer revision: the upload is a stale download, so it opens
      as a copy with a new id and the stored session is left untouched.
    The uploaded object is not changed; a new one is returned.
    """
    session = uploaded.model_copy(deep=True)
    if stored_revision is not None and stored_revision > uploaded.revision:
        session.id = new_session_id()
        session.revision = 0
        return ImportPlan(session, True, f"Opened {filename} as a copy: the store already holds a newer save "
                                         "of that session, which is left as it was.")
    if stored_revision is not None:
        session.revision = stored_revision
    return ImportPlan(session, False, f"Opened {filename}.")
