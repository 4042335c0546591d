"""One source of "now" (UTC, whole seconds) so tests can move time deliberately."""

from __future__ import annotations

from datetime import UTC, datetime

_offset_s: float = 0.0


def now() -> datetime:
    t = datetime.now(UTC).replace(microsecond=0)
    if _offset_s:
        from datetime import timedelta

        t = t + timedelta(seconds=_offset_s)
    return t


def advance(seconds: float) -> None:
    """Move the clock forward (tests and benchmarks only)."""
    global _offset_s
    _offset_s += seconds


def reset() -> None:
    global _offset_s
    _offset_s = 0.0
