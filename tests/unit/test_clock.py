"""The app's clock: UTC, whole seconds, and movable by tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from workbench import clock


def test_now_is_utc_in_whole_seconds_even_after_a_fractional_move():
    clock.advance(0.6)
    t = clock.now()
    assert t.tzinfo == UTC and t.microsecond == 0


def test_advance_moves_and_reset_returns():
    real = datetime.now(UTC)
    clock.advance(3600)
    clock.advance(-600)
    moved = clock.now()
    assert timedelta(seconds=2999) <= moved - real <= timedelta(seconds=3001)
    clock.reset()
    assert abs(clock.now() - datetime.now(UTC)) <= timedelta(seconds=1)
