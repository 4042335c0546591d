"""What can go wrong in a store, in words for the user (``workbench.store`` re-exports these)."""

from __future__ import annotations


class StoreError(Exception):
    """A store operation that cannot go ahead; the message is for the user."""


class ConflictError(StoreError):
    """The stored session is not the version this save expected (another tab or replica saved it)."""

    def __init__(self, message: str, stored: int | None = None):
        super().__init__(message)
        self.stored = stored


class NotFoundError(StoreError):
    """No session with that id in the store."""
