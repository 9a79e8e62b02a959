"""A person's time zone and locale: checked here, stored on their User as ``PreferencesChanged``.

Zone names are IANA names (``zoneinfo``: "Europe/Berlin", "America/New_York", "UTC"); locales are
what Babel knows ("de_DE", "en-US" is read as "en_US"). An unknown value is refused naming its field,
so a form can show the problem beside it. A person who never chose keeps the defaults: UTC and no
locale (numbers whose reading depends on the locale are then asked back, never guessed).
"""

from __future__ import annotations

import re
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel import Locale, UnknownLocaleError

from tracker.domain.checks import Checks
from tracker.domain.errors import InvalidValue

DEFAULT_TIME_ZONE = "UTC"
LOCALE_TAG = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8}){0,3}$")  # "de", "de_DE", "zh-Hant-TW"
MAX_NAME = 64  # the longest IANA zone name is about 32 characters; a locale tag is shorter still


@lru_cache(maxsize=1)
def time_zone_names() -> frozenset[str]:
    """Every IANA zone name this machine knows (the system's tz database, or the tzdata package)."""
    return frozenset(available_timezones()) | {DEFAULT_TIME_ZONE}


def check_time_zone(value: object, field: str = "time_zone") -> str:
    """The zone's IANA name; InvalidValue (naming ``field``) for anything else."""
    name = value.strip() if isinstance(value, str) else ""
    if not name:
        raise InvalidValue("Choose a time zone.", field)
    if len(name) > MAX_NAME or name not in time_zone_names():
        raise InvalidValue(
            f"“{name[:MAX_NAME]}” is not a time zone; choose one such as Europe/Berlin.", field
        )
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidValue(f"“{name}” is not a time zone; choose one such as Europe/Berlin.", field) from None
    return name


def check_locale(value: object, field: str = "locale") -> str | None:
    """The locale's canonical identifier ("de_DE"), or None for none chosen (blank or None);
    InvalidValue (naming ``field``) for a locale Babel does not know."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = value.strip() if isinstance(value, str) else ""
    if not LOCALE_TAG.match(text):
        raise InvalidValue("That is not a locale; choose one such as de_DE or en_US.", field)
    try:
        return str(Locale.parse(text.replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        raise InvalidValue(f"“{text}” is not a locale; choose one such as de_DE or en_US.", field) from None


def check_preferences(time_zone: object, locale: object) -> tuple[str, str | None]:
    """Both values checked together: every problem at once (``Refusals``), each naming its field."""
    checks = Checks()
    zone = checks(check_time_zone, time_zone)
    tag = checks(check_locale, locale)
    checks.done()
    assert zone is not None
    return zone, tag
