"""Template filters of the analysis pages: amounts per currency, shares, signed moves."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tracker.domain.money import format_amount
from tracker.web.numbers import show_money
from tracker.web.pages.blueprint import bp
from tracker.web.preferences import current_locale


@bp.app_template_filter("analysis_totals")
def totals(amounts: Mapping[str, Decimal] | None) -> str:
    """{"EUR": 136300, "USD": 5000} -> "136,300 EUR + 5,000 USD" (never added up across currencies)."""
    if not amounts:
        return "–"
    return " + ".join(f"{format_amount(amount)} {currency}" for currency, amount in amounts.items())


def _unit(value: Decimal, unit: str) -> str:
    """ "days" and "points" are singular for exactly one."""
    return unit[:-1] if abs(value) == 1 and unit in ("days", "points") else unit


@bp.app_template_filter("analysis_amount")
def amount(value: Decimal | None, currency: str = "") -> str:
    if value is None:
        return "–"
    return f"{format_amount(value)} {_unit(value, currency)}".strip()


@bp.app_template_filter("analysis_share")
def share(value: Decimal | None) -> str:
    """A percentage rounded to a whole number: 58.33 -> "58%"."""
    if value is None:
        return "–"
    return f"{value.quantize(Decimal(1), rounding=ROUND_HALF_UP)}%"


@bp.app_template_filter("analysis_signed")
def signed(value: Decimal | None, unit: str = "") -> str:
    """A move in a term's units, with its sign: +3,000 EUR, -1 days, 0."""
    if value is None:
        return "–"
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{format_amount(abs(value))} {_unit(value, unit)}".strip()


@bp.app_template_filter("analysis_yes_no")
def yes_no(value: Any) -> str:
    return "–" if value is None else ("yes" if value else "no")


@bp.app_template_filter("local_money")
def local_money(value: Decimal, currency: str) -> str:
    """An amount in the person's locale, with Babel (``131.127,24 €`` in de_DE)."""
    return show_money(value, currency, current_locale())
