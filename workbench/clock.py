"""One source of "now" (UTC, whole seconds) so tests can move time deliberately."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

_offset = timedelta(0)


def now() -> datetime:
    """The current UTC time, moved by ``advance``, truncated to whole seconds (as files store it)."""
    return (datetime.now(UTC) + _offset).replace(microsecond=0)


def advance(seconds: float) -> None:
    """Move the clock forward, or back with a negative value (tests and synthetic stores only)."""
    global _offset
    _offset += timedelta(seconds=seconds)


def reset() -> None:
    global _offset
    _offset = timedelta(0)
