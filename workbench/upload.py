"""Opening an uploaded session file: loaded and saved before it replaces anything.

The page calls ``import_session`` and makes the result the open session only when it
returns; a ``FileError`` (the file's problems, ``file:line: message``) or a
``StoreError`` leaves the open session exactly as it was.
"""

from __future__ import annotations

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


def import_session(store: Store, name: str, raw: bytes, framework: Framework | None = None) -> Imported:
    """Validate ``raw`` with the bounded loader, save it to the store, and return it.

    A file older than the store's copy of the same session is saved as a new session
    (a stale download never overwrites newer work); otherwise it becomes the stored
    version, compare-and-swap on the revision it found.
    """
    session = session_from_bytes(raw, name, framework or store.checked_framework())
    stored = store.stored_revision(session.id)
    if stored is not None and stored > session.revision:
        session.id, session.revision = new_session_id(), 0
        store.save(session)
        return Imported(session, f"Opened {name} as a copy: the store already holds a newer save of that "
                                 "session, which is left as it was.", copied=True)
    store.save(session, stored if stored is not None else session.revision)
    return Imported(session, f"Opened {name}.")
