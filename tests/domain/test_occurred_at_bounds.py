"""A moment at the edge of the calendar (year 1 with a positive offset) has no UTC time: it is refused
naming its field, never an OverflowError (the stateful API walk found a 500 on starting a negotiation)."""

from datetime import datetime, timedelta, timezone

import pytest

from tracker.domain.errors import InvalidValue
from tracker.domain.terms import parse_moment


def test_a_moment_before_the_first_utc_moment_is_refused():
    with pytest.raises(InvalidValue) as refused:
        parse_moment(datetime(1, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=5))), "occurred_at")
    assert refused.value.field == "occurred_at"
