"""The step clock after a reload: it never runs backwards, and a long absence is a break."""

from __future__ import annotations

from workbench import clock
from workbench import walkthrough as wt


def _running(library):
    case = library.cases["short-video-feed"]
    return wt.new_session(case, library)


def test_a_reload_soon_after_a_save_keeps_the_clock_exactly(library):
    clock.reset()
    s = _running(library)
    step = s.current_step
    clock.advance(300)  # five minutes of work, the last save long ago at the start
    shown_before = wt.step_elapsed_s(s, step)
    assert shown_before == 300
    assert wt.resume_after_absence(s) is False
    assert wt.step_elapsed_s(s, step) == shown_before
    clock.reset()


def test_a_long_absence_counts_ten_minutes_past_the_last_save(library):
    clock.reset()
    s = _running(library)
    step = s.current_step
    clock.advance(120)
    s.updated_at = clock.now()  # saved after two minutes
    clock.advance(3 * 3600)  # the tab was closed for three hours
    assert wt.resume_after_absence(s) is True
    assert wt.step_elapsed_s(s, step) == 120 + wt.BREAK_AFTER_S
    assert s.step_started_at == clock.now()  # the clock runs again from now
    clock.advance(30)
    assert wt.step_elapsed_s(s, step) == 120 + wt.BREAK_AFTER_S + 30
    clock.reset()


def test_a_paused_clock_is_left_alone(library):
    clock.reset()
    s = _running(library)
    wt.pause(s)
    clock.advance(3 * 3600)
    assert wt.resume_after_absence(s) is False and wt.is_paused(s)
    clock.reset()
