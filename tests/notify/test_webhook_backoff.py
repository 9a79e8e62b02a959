"""The retry schedule: 1, 2, 4 ... minutes, at most 2 hours between tries, none after a day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tracker.notify.webhooks.backoff import DISABLE_AFTER, next_attempt, should_disable, wait_after

FIRST = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


def schedule() -> list[datetime]:
    """Every try's time when each fails at once, the first at FIRST."""
    tries = [FIRST]
    while (at := next_attempt(len(tries), FIRST, tries[-1])) is not None:
        tries.append(at)
    return tries


def test_the_waits_double_from_one_minute_up_to_two_hours():
    waits = [(b - a) / timedelta(minutes=1) for a, b in zip(schedule(), schedule()[1:], strict=False)]
    assert waits[:8] == [1, 2, 4, 8, 16, 32, 64, 120]
    assert set(waits[7:]) == {120}
    assert waits == [1, 2, 4, 8, 16, 32, 64] + [120] * 10


def test_the_tries_stop_within_a_day_of_the_first():
    tries = schedule()
    assert len(tries) == 18
    assert tries[-1] - FIRST == timedelta(minutes=1327)
    assert tries[-1] - FIRST <= timedelta(hours=24)
    assert next_attempt(len(tries), FIRST, tries[-1]) is None


def test_the_wait_counts_from_the_latest_try_not_the_schedule():
    late = FIRST + timedelta(minutes=10)
    assert next_attempt(3, FIRST, late) == late + timedelta(minutes=4)


def test_a_try_exactly_a_day_after_the_first_is_still_made_but_not_one_later():
    assert next_attempt(1, FIRST, FIRST + timedelta(hours=24, minutes=-1)) == FIRST + timedelta(hours=24)
    assert next_attempt(1, FIRST, FIRST + timedelta(hours=24)) is None


def test_the_cap_holds_for_many_attempts_and_zero_attempts_is_an_error():
    assert wait_after(9) == wait_after(1_000) == timedelta(hours=2)
    with pytest.raises(ValueError):
        wait_after(0)


def test_a_webhook_is_disabled_once_a_delivery_gives_up():
    assert DISABLE_AFTER == 1
    assert not should_disable(0)
    assert should_disable(1)
