"""Numbers and money as people write them, read and shown with Babel in the person's locale.

``read_number("88.000 €", de_DE, currency="EUR")`` is 88000; ``"€88,000"``, ``"EUR 88,000"`` and
``"88k"`` are understood too, and the canonical plain form (``"88000.50"``) is always accepted. A
reading that depends on the locale is never guessed: with the locale unknown, ``"80.000"`` could be
80 or 80,000 and is asked back (``NumberProblem``), as is a money amount with more decimals than its
currency has (Babel's ``get_currency_precision``). Every problem carries a sentence for the person.

The JSON API does not come here: it keeps its machine format (plain decimal strings).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import (
    NumberFormatError,
    format_currency,
    format_decimal,
    get_currency_precision,
    get_group_symbol,
    is_currency,
    parse_decimal,
)

#: With the locale unknown, a number is read in each of these; differing readings are asked back.
FALLBACK_LOCALES = ("en", "de", "fr", "de_CH")
DISPLAY_LOCALE = "en"  # how numbers are shown when the person's locale is unknown
MAX_WRITTEN = 60  # "EUR 1,000,000,000,000.00" is 24 characters: anything much longer is not a figure
PLAIN_RE = re.compile(r"^\d+(\.\d+)?$")
CORE_RE = re.compile(r"^(?P<pre>.*?)(?P<core>\d(?:[\d\s.,'’ʼ\u00a0\u202f]*\d)?)(?P<post>.*)$", re.S)
SHORTHAND_RE = re.compile(r"^(?P<unit>[kKmM])(?![A-Za-z])")
SHORTHANDS = {"k": Decimal(1000), "m": Decimal(1_000_000)}
SPACES = " \u00a0\u202f\u2009"
APOSTROPHES = "'’ʼ"
MINUS = "-−–"


class NumberProblem(ValueError):
    """A number that cannot be read, or could be read more than one way; ``message`` says which."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_number(
    text: str, locale: Locale | None, *, currency: str | None = None, percent: bool = False
) -> Decimal:
    """The number a person wrote. ``currency``: the money term's currency (a symbol or code in the
    text must be that currency's; its precision limits the decimals); ``percent``: a trailing % is fine."""
    written = text.strip()
    if len(written) > MAX_WRITTEN:
        raise NumberProblem(f"“{_short(written)}” is too long for a number.")
    match = CORE_RE.match(written)
    if match is None:
        raise NumberProblem(f"“{_short(written)}” is not a number.")
    pre, core, post = match.group("pre").strip(), match.group("core"), match.group("post").strip()
    negative = False
    if pre and (pre[-1] in MINUS or pre[0] in MINUS):
        negative = True
        pre = pre.strip(MINUS).strip()
    multiplier = Decimal(1)
    shorthand = SHORTHAND_RE.match(post)
    if shorthand:
        multiplier = SHORTHANDS[shorthand.group("unit").lower()]
        post = post[shorthand.end() :].strip()
    _check_tokens(written, pre, post, locale, currency, percent)
    value = _read_core(core, locale, written, currency)
    if currency is not None and multiplier == 1:
        _check_precision(written, core, value, currency, locale)
    value = value * multiplier
    if currency is not None and multiplier != 1 and _decimals(value.normalize()) > _precision(currency):
        raise NumberProblem(
            f"{currency} amounts have at most {_precision(currency)} decimals; "
            f"write “{_short(written)}” in full."
        )
    return -value if negative else value


def plain(value: Decimal) -> str:
    """The canonical form every locale reads back the same: digits and a point (``"88000.50"``)."""
    return format(value, "f")


def show_number(value: Decimal | int | str, locale: Locale | None) -> str:
    """A number as the person reads it (``88.000,5`` in de_DE); "en" when the locale is unknown."""
    return format_decimal(Decimal(value), locale=locale or DISPLAY_LOCALE)


def show_money(amount: Decimal | int | str, currency: str, locale: Locale | None) -> str:
    """An amount with its currency as the person reads it (``88.000,50 €`` in de_DE); a whole amount
    without its zero cents (``88.000 €``), which reads better in a table."""
    number = Decimal(amount)
    loc = locale or Locale.parse(DISPLAY_LOCALE)
    if number != number.to_integral_value():
        return format_currency(number, currency, locale=loc)
    pattern = re.sub(r"0\.0+", "0", loc.currency_formats["standard"].pattern)
    return format_currency(number, currency, format=pattern, locale=loc, currency_digits=False)


def input_number(value: Decimal | int | str, locale: Locale | None) -> str:
    """A stored number put back in a form input: in the person's locale, so that it reads back
    the same; in the plain form when the locale is unknown (grouping would then be ambiguous)."""
    number = Decimal(value)
    if locale is None:
        return plain(number)
    return format_decimal(number, format="#,##0.######", locale=locale)


# -- reading -------------------------------------------------------------------------------------
def _read_core(core: str, locale: Locale | None, written: str, currency: str | None) -> Decimal:
    locales = [locale] if locale is not None else [Locale.parse(code) for code in FALLBACK_LOCALES]
    readings: list[Decimal] = []
    for loc in locales:
        try:
            readings.append(parse_decimal(_normalised(core, loc), loc, strict=True))
        except NumberFormatError:
            continue
    if PLAIN_RE.match(core) and (locale is None or not readings):
        readings.append(Decimal(core))
    distinct = sorted({r.normalize(): r for r in readings}.values())
    if not distinct:
        example = show_number(Decimal("88000.5"), locale)
        raise NumberProblem(f"“{_short(written)}” is not a number; write it like {example} or 88000.5.")
    if len(distinct) > 1:
        raise NumberProblem(_ambiguous(written, distinct[0], distinct[-1], locale, currency))
    return distinct[0]


def _normalised(core: str, locale: Locale) -> str:
    """Spaces and apostrophes as the locale's own group symbol (fr_FR groups with a narrow
    no-break space that keyboards do not type; de_CH with ’ or ')."""
    group = get_group_symbol(locale)
    if group in SPACES:
        return re.sub(f"[{SPACES}]", group, core)
    if group in APOSTROPHES:
        return re.sub(f"[{APOSTROPHES}]", group, core)
    return core


def _check_precision(written: str, core: str, value: Decimal, currency: str, locale: Locale | None) -> None:
    precision = _precision(currency)
    decimals = _decimals(value)
    if decimals <= precision:
        return
    if decimals == 3 and re.fullmatch(r"\d{1,3}[.,]\d{3}", core):
        raise NumberProblem(_ambiguous(written, value, value * 1000, locale, currency))
    raise NumberProblem(
        f"{currency} amounts have at most {precision} decimals; “{_short(written)}” has {decimals}."
    )


def _ambiguous(
    written: str, small: Decimal, large: Decimal, locale: Locale | None, currency: str | None = None
) -> str:
    """ "80.000 could be 80 or 80,000 — write 80000 or 80,000.00, or 80 if you meant 80." The
    spelled-out form (with the currency's decimals) only where it cannot be read two ways itself."""
    ways = [plain(large.normalize())]
    digits = _precision(currency) if currency else 0
    if digits:
        ways.append(format_decimal(large, format="#,##0." + "0" * digits, locale=locale or DISPLAY_LOCALE))
    smaller = plain(small.normalize())
    return (
        f"{_short(written)} could be {show_number(small, locale)} or {show_number(large, locale)} — "
        f"write {' or '.join(ways)}, or {smaller} if you meant {smaller}."
    )


def _check_tokens(
    written: str, pre: str, post: str, locale: Locale | None, currency: str | None, percent: bool
) -> None:
    tokens = [t for t in (pre, post) if t]
    if percent and post == "%":
        tokens = [pre] if pre else []
    if not tokens:
        return
    if len(tokens) > 1 or currency is None:
        raise NumberProblem(f"“{_short(written)}” is not a number; write only the figure.")
    token = tokens[0]
    named = currency_of_token(token, locale)
    if currency.upper() in named or token.upper() == currency.upper():
        return
    if named:
        raise NumberProblem(f"{token} is {' or '.join(sorted(named))}, but this amount is in {currency}.")
    raise NumberProblem(
        f"“{_short(written)}” is not an amount; write the figure, e.g. 88000 or "
        f"{show_money(Decimal(88000), currency, locale)}."
    )


def currency_of_token(token: str, locale: Locale | None) -> set[str]:
    """The currencies a symbol or code may stand for, in the person's locale or in English."""
    text = token.strip()
    if len(text) == 3 and text.isalpha() and is_currency(text.upper()):
        return {text.upper()}
    found: set[str] = set()
    for loc in {str(locale) if locale else DISPLAY_LOCALE, DISPLAY_LOCALE, *FALLBACK_LOCALES}:
        found |= _symbols(loc).get(text, set())
    return found


@lru_cache(maxsize=32)
def _symbols(locale: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for code, symbol in Locale.parse(locale).currency_symbols.items():
        out.setdefault(symbol, set()).add(code)
    return out


def _precision(currency: str | None) -> int:
    return get_currency_precision(currency) if currency else 2


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"
