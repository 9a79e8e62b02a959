"""The person's own time zone and locale for this request: how times and numbers are shown and read.

``tracker.web.auth.guard`` sets ``g.time_zone`` and ``g.locale`` from the signed-in person's settings;
where nobody is signed in, or the person has not chosen, times are UTC and the locale is unknown
(``None``): a number whose reading depends on the locale is then asked back, never guessed.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from babel import Locale
from flask import g, has_request_context

UTC = ZoneInfo("UTC")


def current_time_zone() -> ZoneInfo:
    """The time zone every time on the page is shown in, and every date/time field is read in."""
    zone = getattr(g, "time_zone", None) if has_request_context() else None
    return zone if isinstance(zone, ZoneInfo) else UTC


def current_locale() -> Locale | None:
    """The locale numbers and money are written in, or None when the person's locale is not known."""
    locale = getattr(g, "locale", None) if has_request_context() else None
    return locale if isinstance(locale, Locale) else None
