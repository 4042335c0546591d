"""The collector pause: on again exactly when the last overlapping pause ends, never left off."""

from __future__ import annotations

import gc
import threading

import pytest

from workbench.gcpause import gc_paused


@pytest.fixture(autouse=True)
def _collector_on():
    gc.enable()
    yield
    gc.enable()


def test_nested_pauses_switch_the_collector_back_on_after_the_outer_one():
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled(), "the inner pause must not switch it back on under the outer one"
    assert gc.isenabled()


def test_overlapping_pauses_in_two_threads_leave_it_on():
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[bool] = []

    def first() -> None:
        with gc_paused():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with gc_paused():  # starts while the first is paused, ends after it
            second_in.set()
            first_out.wait(5)
            seen.append(gc.isenabled())  # the first pause has ended; this one has not

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == [False]
    assert gc.isenabled()


def test_a_failure_inside_still_switches_it_back_on_and_an_off_collector_stays_off():
    with pytest.raises(ValueError), gc_paused():
        raise ValueError("boom")
    assert gc.isenabled()
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()


def test_works_as_a_decorator():
    @gc_paused()
    def build() -> bool:
        return gc.isenabled()

    assert build() is False and gc.isenabled()
