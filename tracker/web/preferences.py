"""The person's own time zone and locale for this request: how times and numbers are shown and read.

``tracker.web.auth.guard`` sets ``g.time_zone`` and ``g.locale`` from the signed-in person's settings;
where nobody is signed in, or the person has not chosen, times are UTC and the locale is unknown
(``None``): a number whose reading depends on the locale is then asked back, never guessed.
"""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from flask import g, has_request_context

UTC = ZoneInfo("UTC")


def current_time_zone() -> ZoneInfo:
    """The time zone every time on the page is shown in, and every date/time field is read in."""
    zone = getattr(g, "time_zone", None) if has_request_context() else None
    return zone if isinstance(zone, ZoneInfo) else UTC


def current_time_zone_name() -> str:
    """The IANA name of the person's zone ("Europe/Berlin"), as forms say it beside a time input."""
    return current_time_zone().key


def current_locale() -> Locale | None:
    """The locale numbers and money are written in, or None when the person's locale is not known."""
    locale = getattr(g, "locale", None) if has_request_context() else None
    return locale if isinstance(locale, Locale) else None


def use_preferences(time_zone: str | None, locale: str | None) -> None:
    """Sets this request's zone and locale from the person's stored choice (names, as stored)."""
    g.time_zone = zone_of(time_zone)
    g.locale = locale_of(locale)


@lru_cache(maxsize=512)
def zone_of(name: str | None) -> ZoneInfo:
    """The zone of a stored name; UTC for none (or one this machine's tz database has lost)."""
    try:
        return ZoneInfo(name) if name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


@lru_cache(maxsize=512)
def locale_of(identifier: str | None) -> Locale | None:
    """The Babel locale of a stored identifier; None for none."""
    try:
        return Locale.parse(identifier) if identifier else None
    except (UnknownLocaleError, ValueError, TypeError):
        return None
