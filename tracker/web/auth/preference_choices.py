"""What the settings page offers: time zones grouped by region (IANA names, sorted) and a short list
of common locales named by Babel in their own language and in English; and the defaults a sign-up
falls back on when the browser sent nothing usable (UTC; the Accept-Language header's locale)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.localedata import locale_identifiers

from tracker.accounts.preferences import DEFAULT_TIME_ZONE, check_locale, check_time_zone, time_zone_names
from tracker.domain.errors import InvalidValue

REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)
COMMON_LOCALES = (
    "en", "en_US", "en_GB", "en_CA", "en_AU", "en_IE", "en_IN", "de_DE", "de_AT", "de_CH", "fr_FR",
    "fr_BE", "fr_CA", "fr_CH", "it_IT", "it_CH", "es_ES", "es_MX", "es_AR", "pt_BR", "pt_PT", "nl_NL",
    "nl_BE", "da_DK", "sv_SE", "nb_NO", "fi_FI", "pl_PL", "cs_CZ", "hu_HU", "ro_RO", "el_GR", "tr_TR",
    "uk_UA", "ru_RU", "he_IL", "ar_EG", "hi_IN", "ja_JP", "ko_KR", "zh_CN", "zh_TW",
)  # fmt: skip
NOT_SET = ("", "Not set (numbers such as 80.000 are asked back)")


@lru_cache(maxsize=1)
def zone_groups() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(region, zone names) for the select's optgroups: the regions' zones, then UTC."""
    names = time_zone_names()
    groups = [
        (region, tuple(sorted(n for n in names if n.split("/", 1)[0] == region and "/" in n)))
        for region in REGIONS
    ]
    return (*groups, ("Other", (DEFAULT_TIME_ZONE,)))


def zone_choices(current: str) -> list[tuple[str, tuple[str, ...]]]:
    """The groups, with the person's own zone added when it is one the list leaves out ("US/Eastern")."""
    groups = list(zone_groups())
    if current in time_zone_names() and not any(current in names for _, names in groups):
        groups.append(("Yours", (current,)))
    return groups


@lru_cache(maxsize=256)
def locale_label(identifier: str) -> str:
    """ "Deutsch (Deutschland) · German (Germany)": the locale in its own language and in English."""
    locale = Locale.parse(identifier)
    own, english = locale.get_display_name(locale) or identifier, locale.get_display_name("en") or identifier
    return own if own == english else f"{own} · {english}"


def locale_choices(current: str | None) -> list[tuple[str, str]]:
    """ "Not set", then the common locales (and the person's own when it is not among them)."""
    codes = list(COMMON_LOCALES)
    if current and current not in codes and _known_locale(current):
        codes.append(current)
    return [NOT_SET, *((code, f"{locale_label(code)} ({code})") for code in codes)]


def _known_locale(identifier: str) -> bool:
    try:
        return check_locale(identifier) == identifier
    except InvalidValue:
        return False


def sign_up_time_zone(value: object) -> str:
    """The browser's zone when it sent a known one; UTC otherwise (the settings page lets them fix it)."""
    try:
        return check_time_zone(value)
    except InvalidValue:
        return DEFAULT_TIME_ZONE


def sign_up_locale(value: object, accepted: Iterable[str]) -> str | None:
    """The browser's locale (``navigator.language``) when usable; else the best of the Accept-Language
    header's (Babel's negotiation against the locales it knows); else none."""
    try:
        chosen = check_locale(value)
    except InvalidValue:
        chosen = None
    if chosen:
        return chosen
    preferred = [tag for tag in accepted if tag and tag != "*"]
    try:
        found = Locale.negotiate(preferred, known_locales(), sep="-")
    except (UnknownLocaleError, ValueError, TypeError):
        found = None
    return str(found) if found is not None else None


@lru_cache(maxsize=1)
def known_locales() -> tuple[str, ...]:
    """Every locale Babel has data for, written as browsers write them ("de-DE")."""
    return tuple(code.replace("_", "-") for code in locale_identifiers())
