"""Hypothesis strategies for the random-history test: term values, times and actors, each drawn as
``(raw, valid)`` so the model knows by construction whether the domain must accept it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Any

from hypothesis import strategies as st

from tracker.domain.terms import MAX_TEXT

UTC = dt.UTC

#: The terms on the table: one of each kind the test covers (money with a currency, choice,
#: boolean, date, percent, days, text). Each history puts a random subset (money and choice always) on it.
TERMS: dict[str, dict[str, Any]] = {
    "base_salary": dict(label="Base salary", kind="money", currency="EUR", better="higher"),
    "title": dict(label="Title", kind="choice", options=["Engineer", "Senior Engineer", "Staff Engineer"]),
    "relocation": dict(label="Relocation paid", kind="boolean", better="higher"),
    "start_date": dict(label="Start date", kind="date", better="lower"),
    "target_bonus": dict(label="Target bonus", kind="percent", better="higher"),
    "remote_days": dict(label="Remote days per year", kind="days", better="higher"),
    "scope": dict(label="Scope", kind="text"),
}
UNKNOWN_TERMS = ("equity", "Base_Salary", "")

Drawn = tuple[Any, bool]


def _valid(strategy: st.SearchStrategy) -> st.SearchStrategy[Drawn]:
    return strategy.map(lambda raw: (raw, True))


def _invalid(strategy: st.SearchStrategy) -> st.SearchStrategy[Drawn]:
    return strategy.map(lambda raw: (raw, False))


AMOUNTS = st.decimals(
    min_value=0, max_value=Decimal("999999999"), places=2, allow_nan=False, allow_infinity=False
)
AMOUNT_TEXT = st.one_of(AMOUNTS.map(str), st.sampled_from(["120000", "120,000.50", "1_000", " 95000 ", "0"]))
BAD_AMOUNTS = st.one_of(
    st.decimals(max_value=Decimal("-0.01"), min_value=Decimal("-1e9"), places=2),  # a negative salary
    st.sampled_from([120000.0, "abc", "NaN", "Infinity", Decimal("1e15"), "1.0000001", True, None, "", []]),
)


@cache
def money(currency: str) -> tuple[st.SearchStrategy, st.SearchStrategy]:
    """Money for a term in ``currency``: (accepted amounts, refused ones: another currency, a
    negative salary, not a number, not money at all)."""
    spellings = st.sampled_from([currency, currency.lower(), f" {currency} "])
    others = st.sampled_from(
        [c for c in ("EUR", "USD", "GBP") if c != currency] + ["EU", "EURO", "", None, 978]
    )
    pair = lambda a, c: {"amount": a, "currency": c}  # noqa: E731
    return (
        st.builds(pair, st.one_of(AMOUNTS, AMOUNT_TEXT), spellings),
        st.one_of(
            st.builds(pair, AMOUNTS, others),
            st.builds(pair, BAD_AMOUNTS, spellings),
            st.sampled_from([f"120000 {currency}", 120000, {"currency": currency}, None]),
        ),
    )


#: The options the title can be revised to (the first leaves out the simplest option, "Engineer").
OPTION_SETS = (
    ("Senior Engineer", "Staff Engineer"),
    ("Engineer", "Senior Engineer", "Staff Engineer"),
    ("Engineer", "Senior Engineer", "Staff Engineer", "Principal Engineer"),
    ("Engineer", "Staff Engineer"),
)


@cache
def choice(options: tuple[str, ...]) -> tuple[st.SearchStrategy, st.SearchStrategy]:
    """(one of the options, an unknown option: one left out, another case, spaces, nothing)."""
    left_out = sorted({o for opts in OPTION_SETS for o in opts} - set(options))
    return (
        st.sampled_from(options),
        st.sampled_from([*left_out, "CTO", "engineer", " Engineer", "", None, 3]),
    )


DATES = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31))
TEXTS = st.text(st.characters(min_codepoint=32, blacklist_categories=("Cs",)), min_size=1, max_size=40)

#: Per kind of term: (values the domain must accept, values it must refuse).
KINDS: dict[str, tuple[st.SearchStrategy, st.SearchStrategy]] = {
    "boolean": (
        st.sampled_from([True, False, "yes", "no", "TRUE", "off", " y "]),
        st.sampled_from(["maybe", 1, 0, None, "", "si"]),
    ),
    "date": (
        st.one_of(DATES, DATES.map(dt.date.isoformat)),
        st.sampled_from(["2025-02-30", "next week", "31/12/2025", 20250101, None, ""]),
    ),
    "percent": (
        st.one_of(
            st.decimals(min_value=0, max_value=100, places=2),
            st.integers(0, 100),
            st.integers(0, 100).map(str),
        ),
        st.one_of(
            st.decimals(min_value=Decimal("100.01"), max_value=1000, places=2),
            st.integers(-100, -1),
            st.sampled_from([12.5, "12%", "", None, False]),
        ),
    ),
    "days": (
        st.one_of(st.integers(0, 366), st.decimals(min_value=0, max_value=366, places=1)),
        st.sampled_from([367, 1000, -1, "many", 3.5, None]),
    ),
    "text": (
        TEXTS.map(lambda s: s if s.strip() else "x" + s),
        st.sampled_from(["", "   ", "bad\x00text", "x" * (MAX_TEXT + 1), None, 7]),  # the domain's own limit
    ),
}


def _kind(key: str, currency: str | None, options: tuple[str, ...] | None) -> tuple[st.SearchStrategy, ...]:
    kind = TERMS[key]["kind"]
    if kind == "money":
        return money(currency or TERMS[key]["currency"])
    if kind == "choice":
        return choice(options or tuple(TERMS[key]["options"]))
    return KINDS[kind]


def value_for(
    key: str, currency: str | None = None, options: tuple[str, ...] | None = None
) -> st.SearchStrategy[Drawn]:
    """A value for the term (in its current currency or options), valid or not, as ``(raw, valid)``."""
    valid, invalid = _kind(key, currency, options)
    return st.one_of(_valid(valid), _invalid(invalid))


def valid_value_for(
    key: str, currency: str | None = None, options: tuple[str, ...] | None = None
) -> st.SearchStrategy[Any]:
    return _kind(key, currency, options)[0]


OCCURRED_AT = st.one_of(
    st.just((None, True)),
    _valid(
        st.datetimes(
            min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2025, 12, 31), timezones=st.just(UTC)
        )
    ),
    _valid(st.just(dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))))),
    _invalid(
        st.sampled_from(
            [
                dt.datetime(2025, 3, 1, 9, 30),  # no time zone
                dt.datetime(2099, 1, 1, tzinfo=UTC),  # in the future
                "yesterday",
            ]
        )
    ),
)
ACTORS = st.one_of(
    _valid(st.sampled_from(["alex@example.org", "coach@example.org", "dana@northwind.example"])),
    _invalid(st.sampled_from(["", "   ", None, "a" * 201, "tab\x07bell"])),
)
