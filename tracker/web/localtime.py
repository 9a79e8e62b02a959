"""Times as the person lives them: shown in their time zone and locale, read from their forms in it.

Stored times stay UTC; only the pages convert. ``show(moment)`` writes "4 Dec 2026, 14:05 CET" (Babel
for the date in the person's locale, English when it is unknown; the zone's abbreviation from the tz
database). ``read_local("2026-12-04T14:05")`` reads a ``datetime-local`` input in the person's zone
and answers the UTC moment. Local times that do not exist (the hour skipped when clocks go forward)
are refused with a sentence saying so; local times that happen twice (the hour repeated when clocks go
back) are taken the first time (``fold=0``), as the form cannot say which one was meant.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, tzinfo

from babel import Locale
from babel.dates import format_datetime

from tracker.web.preferences import current_locale, current_time_zone

PATTERN = "d MMM y, HH:mm"  # Babel (CLDR) pattern: month names in the person's language
DISPLAY_LOCALE = "en"  # when the person's locale is unknown
LOCAL_INPUT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$")  # no zone given


class LocalTimeProblem(ValueError):
    """A date and time that cannot be read, or does not exist in the zone; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def zone_name(zone: tzinfo) -> str:
    return getattr(zone, "key", None) or str(zone)


def abbreviation(moment: datetime) -> str:
    """The zone's abbreviation at that moment ("CET", "EDT"); "UTC+03" where the tz database has none."""
    text = moment.strftime("%Z")
    return f"UTC{text}" if text.startswith(("+", "-")) else text


def show(moment: datetime | None, zone: tzinfo | None = None, locale: Locale | str | None = None) -> str:
    """ "4 Dec 2026, 14:05 CET": the moment in ``zone`` (default: the person's), written in ``locale``
    (default: the person's, else English), with the zone's abbreviation so nobody has to guess it."""
    if moment is None:
        return ""
    zone = zone or current_time_zone()
    local = _aware(moment).astimezone(zone)
    written = format_datetime(
        local, PATTERN, tzinfo=zone, locale=locale or current_locale() or DISPLAY_LOCALE
    )
    return f"{written} {abbreviation(local)}"


def show_day(moment: datetime | None, zone: tzinfo | None = None, locale: Locale | str | None = None) -> str:
    """ "4 Dec": the day of the moment in the person's zone (short labels: the analysis rounds)."""
    if moment is None:
        return ""
    zone = zone or current_time_zone()
    local = _aware(moment).astimezone(zone)
    return format_datetime(local, "d MMM", tzinfo=zone, locale=locale or current_locale() or DISPLAY_LOCALE)


def local_input(moment: datetime | None, zone: tzinfo | None = None, seconds: bool = False) -> str:
    """The moment as a ``datetime-local`` input's value in the person's zone ("2026-12-04T14:05")."""
    if moment is None:
        return ""
    local = _aware(moment).astimezone(zone or current_time_zone())
    return local.strftime("%Y-%m-%dT%H:%M:%S" if seconds else "%Y-%m-%dT%H:%M")


def read_local(text: str, zone: tzinfo | None = None) -> datetime:
    """The UTC moment a person meant by a date and time typed in their zone. Text with its own offset
    ("...Z", "...+01:00") means that moment. LocalTimeProblem when it cannot be read or does not exist."""
    zone = zone or current_time_zone()
    written = text.strip()
    try:
        parsed = datetime.fromisoformat(written.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise LocalTimeProblem("Give a date and time, e.g. 2026-03-03T17:00.") from None
    if parsed.tzinfo is not None:
        return parsed.astimezone(UTC)
    if not LOCAL_INPUT.match(written):
        raise LocalTimeProblem("Give a date and time, e.g. 2026-03-03T17:00.")
    local = parsed.replace(tzinfo=zone, fold=0)  # a repeated hour: the first time round
    moment = local.astimezone(UTC)
    if moment.astimezone(zone).replace(tzinfo=None, fold=0) != parsed:
        raise LocalTimeProblem(
            f"{parsed.hour}:{parsed.minute:02d} does not exist on {parsed.day} {parsed:%b %Y} in "
            f"{zone_name(zone)}: clocks went forward."
        )
    return moment


def day_bound(text: str, zone: tzinfo | None = None, end: bool = False) -> str:
    """A date filter's bound ("2026-03-03") as the UTC moment its local day starts (or, ``end``,
    ends) in the person's zone; the text unchanged when it is not a date (the filter then says so)."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        return text
    zone = zone or current_time_zone()
    local = datetime.combine(day, time.max if end else time.min, tzinfo=zone)
    return utc_text(local)


def utc_text(moment: datetime) -> str:
    """ISO 8601 in UTC with its offset, the form the schemas and the API take."""
    return moment.astimezone(UTC).isoformat()


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
