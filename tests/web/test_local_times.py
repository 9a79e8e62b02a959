"""Times in the person's zone (tracker.web.localtime): shown with the zone's abbreviation in their
locale, read from datetime-local inputs into UTC, the skipped hour refused, the repeated hour taken
the first time round (fold=0), and date filters covering the local day."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from tracker.web.localtime import LocalTimeProblem, day_bound, local_input, read_local, show, show_day

BERLIN, NEW_YORK, KOLKATA = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York"), ZoneInfo("Asia/Kolkata")
WINTER = datetime(2026, 12, 4, 13, 5, tzinfo=UTC)
SUMMER = datetime(2026, 7, 4, 13, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "zone", "locale", "expected"),
    [
        (WINTER, BERLIN, None, "4 Dec 2026, 14:05 CET"),
        (SUMMER, BERLIN, None, "4 Jul 2026, 15:05 CEST"),
        (WINTER, BERLIN, "de_DE", "4 Dez. 2026, 14:05 CET"),
        (WINTER, NEW_YORK, "en_US", "4 Dec 2026, 08:05 EST"),
        (SUMMER, NEW_YORK, None, "4 Jul 2026, 09:05 EDT"),
        (WINTER, ZoneInfo("UTC"), None, "4 Dec 2026, 13:05 UTC"),
        (WINTER, KOLKATA, None, "4 Dec 2026, 18:35 IST"),
        (WINTER, ZoneInfo("Asia/Dubai"), None, "4 Dec 2026, 17:05 UTC+04"),  # no abbreviation in tzdata
    ],
)
def test_show_writes_the_local_time_with_its_zone(moment, zone, locale, expected):
    assert show(moment, zone, locale) == expected


def test_show_crosses_midnight_into_the_local_day():
    assert show(datetime(2026, 12, 31, 23, 30, tzinfo=UTC), BERLIN) == "1 Jan 2027, 00:30 CET"
    assert show_day(datetime(2026, 12, 31, 23, 30, tzinfo=UTC), BERLIN) == "1 Jan"
    assert show(None, BERLIN) == ""


def test_show_outside_a_request_is_utc_in_english():
    assert show(WINTER) == "4 Dec 2026, 13:05 UTC"


def test_a_local_time_is_read_into_utc():
    assert read_local("2026-12-04T14:05", BERLIN) == datetime(2026, 12, 4, 13, 5, tzinfo=UTC)
    assert read_local("2026-12-04T09:00", NEW_YORK) == datetime(2026, 12, 4, 14, 0, tzinfo=UTC)
    assert read_local("2026-07-04T09:00", NEW_YORK) == datetime(2026, 7, 4, 13, 0, tzinfo=UTC)
    assert read_local("2026-12-04T14:05:30", BERLIN) == datetime(2026, 12, 4, 13, 5, 30, tzinfo=UTC)


def test_a_time_with_its_own_offset_means_that_moment():
    assert read_local("2026-12-04T14:05Z", BERLIN) == datetime(2026, 12, 4, 14, 5, tzinfo=UTC)
    assert read_local("2026-12-04T14:05-05:00", BERLIN) == datetime(2026, 12, 4, 19, 5, tzinfo=UTC)


def test_the_hour_skipped_in_spring_is_refused_saying_why():
    with pytest.raises(LocalTimeProblem) as problem:
        read_local("2026-03-29T02:30", BERLIN)
    assert problem.value.message == (
        "2:30 does not exist on 29 Mar 2026 in Europe/Berlin: clocks went forward."
    )
    with pytest.raises(LocalTimeProblem, match="America/New_York: clocks went forward"):
        read_local("2026-03-08T02:15", NEW_YORK)
    # either side of the gap is fine
    assert read_local("2026-03-29T01:59", BERLIN) == datetime(2026, 3, 29, 0, 59, tzinfo=UTC)
    assert read_local("2026-03-29T03:00", BERLIN) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)


def test_the_hour_repeated_in_autumn_is_taken_the_first_time_round():
    # 02:30 happens twice on 25 Oct 2026 in Berlin: at 00:30 UTC (CEST) and at 01:30 UTC (CET)
    assert read_local("2026-10-25T02:30", BERLIN) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert read_local("2026-11-01T01:30", NEW_YORK) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "text", ["", "yesterday", "2026-13-01T10:00", "2026-12-04", "2026-12-04T25:00", "12/04/2026 14:05"]
)
def test_what_is_not_a_date_and_time_is_refused(text):
    with pytest.raises(LocalTimeProblem):
        read_local(text, BERLIN)


def test_an_input_value_is_the_local_time():
    assert local_input(WINTER, BERLIN) == "2026-12-04T14:05"
    assert local_input(WINTER, NEW_YORK, seconds=True) == "2026-12-04T08:05:00"
    assert local_input(None, BERLIN) == ""
    # what the input shows reads back to the same moment
    assert read_local(local_input(SUMMER, NEW_YORK), NEW_YORK) == SUMMER


def test_date_filters_cover_the_local_day():
    assert day_bound("2026-12-04", BERLIN) == "2026-12-03T23:00:00+00:00"
    assert day_bound("2026-12-04", NEW_YORK, end=True) == "2026-12-05T04:59:59.999999+00:00"
    assert day_bound("not a date", BERLIN) == "not a date"
