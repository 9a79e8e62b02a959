"""Words that depend on a count: "1 step", "2 steps", "no step yet".

The plural category comes from Babel's CLDR rules (``Locale.plural_form``), not from a hand-written
``count != 1``: "1.0 day" is CLDR "other" in English ("1.0 days"), and a later language with more than
two forms only needs its own words. Pure Python and Babel, so the domain, the analysis and the web
layer may all use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal

DEFAULT_LOCALE = "en"


def _as_shown(count: int | float | Decimal) -> int | Decimal:
    """The number as it is written: 2.0 is shown "2" and so takes the word for 2, not for 2.0."""
    if isinstance(count, int):
        return count
    exact = Decimal(str(count)).normalize()
    return int(exact) if exact == exact.to_integral_value() else exact


@lru_cache(maxsize=64)
def _locale(name: str) -> Locale:
    """Babel's Locale for a name, parsed once (parsing costs more than the plural rule itself)."""
    return Locale.parse(name)


def plural_form(count: int | float | Decimal, locale: Locale | str | None = None) -> str:
    """The CLDR plural category of ``count`` ("one", "other", and in other languages "few", "many"...)."""
    found = locale if isinstance(locale, Locale) else _locale(locale or DEFAULT_LOCALE)
    return found.plural_form(abs(count))


@lru_cache(maxsize=1024)
def _category(shown: int | Decimal, locale: str | None) -> str:
    """``plural_form`` of a number as shown, per locale name: the same few counts come back often
    (a long history's figures), and the rule is evaluated once for each."""
    return plural_form(shown, locale)


def plural_word(
    count: int | float | Decimal,
    one: str,
    other: str | None = None,
    locale: Locale | str | None = None,
    forms: Mapping[str, str] | None = None,
) -> str:
    """The word for ``count`` things: ``one`` for CLDR "one", else ``other`` (default: ``one`` + "s")
    or the word ``forms`` gives for the category."""
    shown = _as_shown(count)
    category = plural_form(shown, locale) if isinstance(locale, Locale) else _category(shown, locale)
    if forms and category in forms:
        return forms[category]
    return one if category == "one" else (other if other is not None else one + "s")


def plural(
    count: int | float | Decimal,
    one: str,
    other: str | None = None,
    locale: Locale | str | None = None,
    zero: str | None = None,
) -> str:
    """``count`` written for people followed by the right word: "1 negotiation", "1,200 negotiations".

    ``zero``, when given, is said instead of "0 ..." (e.g. "none yet")."""
    if zero is not None and count == 0:
        return zero
    count = _as_shown(count)
    number = format_decimal(count, locale=locale or DEFAULT_LOCALE)
    return f"{number} {plural_word(count, one, other, locale)}"
