"""When to try a failed webhook call again: after 1 minute, then 2, 4, 8 ... doubling up to 2 hours
between tries, for a day. No jitter: each delivery's schedule starts at its own first attempt, so
calls to one receiver are already spread out, and a fixed schedule is one a person can be told.

The rule for giving up on the webhook itself: ``DISABLE_AFTER`` deliveries in a row that gave up
(a day of failures each, with no success in between) disable the webhook, and its owner is told. One
is enough: a receiver that failed every try for 24 hours is broken, and calling it for every later
step would only queue more failures. A success resets the count."""

from __future__ import annotations

from datetime import datetime, timedelta

FIRST_WAIT = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=2)
GIVE_UP_AFTER = timedelta(hours=24)
#: Consecutive deliveries given up (with no success in between) that disable a webhook.
DISABLE_AFTER = 1


def wait_after(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed try: 1 min, 2, 4, ... capped at 2 hours."""
    if attempts < 1:
        raise ValueError("a wait follows at least one attempt")
    if attempts > 16:  # 2**15 minutes is far past the cap; no need for huge powers
        return LONGEST_WAIT
    return min(FIRST_WAIT * 2 ** (attempts - 1), LONGEST_WAIT)


def next_attempt(attempts: int, first_at: datetime, now: datetime) -> datetime | None:
    """When to try again after ``attempts`` failed tries, the first at ``first_at`` and the latest
    ending ``now``; None (give up) once that would be more than 24 hours after the first try."""
    at = now + wait_after(attempts)
    return None if at - first_at > GIVE_UP_AFTER else at


def should_disable(deliveries_given_up_in_a_row: int) -> bool:
    """Whether a webhook is to be disabled (and its owner told), per ``DISABLE_AFTER``."""
    return deliveries_given_up_in_a_row >= DISABLE_AFTER
