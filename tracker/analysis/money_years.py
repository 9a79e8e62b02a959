"""Years 1-4 of a package's money, line by line, from the money schedules (vesting with a cliff, a
one-off paid once, a guaranteed or target bonus, a raise at review), with the assumption written
beside each line.

The rule tying it to the annual value: a line's annual value is the average of its years 1-4 (rounded
to cents). A line without a schedule is the same every year, so its annual value is as before; shares
of the base (a percent bonus, the retirement contribution, days off) follow the base year by year.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from tracker.domain.money import format_amount
from tracker.domain.money_schedule import schedule_words

YEARS = 4
CENT = Decimal("0.01")
ZERO = Decimal(0)


def cents(amount: Decimal) -> Decimal:
    """Rounded to cents, half up; room for the digits of large amounts compounded over four years."""
    with localcontext() as context:
        context.prec = 60
        return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def schedules_for(schedules: Mapping[str, dict[str, Any]], package_key: str) -> dict[str, dict[str, Any]]:
    """{term key: schedule} for one package, from a negotiation's ``money_schedules``: the term's
    default, unless this package has its own."""
    return {**schedules.get("", {}), **schedules.get(package_key, {})}


def vesting(grant: Decimal, percents: list[str], cliff_months: int) -> list[Decimal]:
    """Each year's share of the grant, accruing evenly month by month; nothing vests before the cliff,
    what accrued until then vests at the cliff."""
    years, waiting = [ZERO] * YEARS, ZERO
    for month in range(1, YEARS * 12 + 1):
        year = (month - 1) // 12
        accrued = grant * Decimal(percents[year]) / 1200 if year < len(percents) else ZERO
        if month < cliff_months:
            waiting += accrued
            continue
        years[year] += waiting + accrued
        waiting = ZERO
    return [cents(y) for y in years]


def raised(annual: Decimal, percent: str, after_months: int, every_months: int) -> list[Decimal]:
    """A yearly amount with a raise after ``after_months`` and then at every review, compounding;
    each year adds its months (a raise in mid-year counts for the months after it)."""
    rate = 1 + Decimal(percent) / 100
    years = [ZERO] * YEARS
    for month in range(1, YEARS * 12 + 1):
        reviews = 0 if month <= after_months else 1 + (month - after_months - 1) // every_months
        years[(month - 1) // 12] += annual / 12 * rate**reviews
    return [cents(y) for y in years]


def bonus(steady: list[Decimal], guaranteed_years: int, payout_percent: str) -> list[Decimal]:
    """The full bonus in its guaranteed years, the payout chance times it in the target years."""
    chance = Decimal(payout_percent) / 100
    return [
        amount if year < guaranteed_years else cents(amount * chance) for year, amount in enumerate(steady)
    ]


def spread(
    lines: list[Any],
    values: Mapping[str, Any],
    schedules: Mapping[str, Mapping[str, Any]],
    follows_base: set[str],
    base_key: str | None,
) -> tuple[list[Any], dict[str, list[Decimal]]]:
    """The lines with their years 1-4, assumption and annual value (the average of the years), and
    each currency's totals year by year."""
    base = next((line for line in lines if line.term_key == base_key), None)
    base_years = _years(base, values, schedules.get(base.term_key), None)[0] if base else None
    out, totals = [], {}
    for line in lines:
        years, assumption = _years(
            line,
            values,
            schedules.get(line.term_key),
            base_years if line.term_key in follows_base and base else None,
            base,
        )
        if years != [line.annual] * YEARS:
            line = replace(
                line, annual=cents(sum(years, ZERO) / YEARS), how=f"{assumption}: the average of years 1-4"
            )
        out.append(replace(line, years=tuple(years), assumption=assumption))
        currency = totals.setdefault(line.currency, [ZERO] * YEARS)
        for i, amount in enumerate(years):
            currency[i] += amount
    return out, totals


def _years(
    line: Any,
    values: Mapping[str, Any],
    schedule: Mapping[str, Any] | None,
    base_years: list[Decimal] | None,
    base: Any = None,
) -> tuple[list[Decimal], str]:
    """One line's years 1-4 and the assumption behind them (``base_years``: the base's years, for a
    share of the base to follow)."""
    steady = [line.annual] * YEARS
    if base_years is not None and base is not None and base.annual and base_years != [base.annual] * YEARS:
        steady = [cents(line.annual * year / base.annual) for year in base_years]
        following = f"{line.label}: {line.how}, following each year's base"
    else:
        following = f"{line.label}: {line.how}, the same each year"
    if schedule is None:
        return steady, following
    kind, words = schedule["kind"], schedule_words(schedule)
    raw = values.get(line.term_key)
    stated = (
        f"{format_amount(Decimal(raw['amount']))} {raw['currency']}" if isinstance(raw, dict) else line.how
    )
    if kind == "vesting" and isinstance(raw, dict):
        return vesting(
            Decimal(raw["amount"]), schedule["vesting"], schedule["cliff_months"]
        ), f"{line.label} {stated} {words}"
    if kind == "one_off" and isinstance(raw, dict):
        return [cents(Decimal(raw["amount"]))] + [cents(ZERO)] * (YEARS - 1), f"{line.label} {stated} {words}"
    if kind == "bonus":
        return bonus(
            steady, schedule["guaranteed_years"], schedule["payout_percent"]
        ), f"{line.label} {stated}, {words}"
    if kind == "raise":
        after, every = schedule["raise_after_months"], schedule.get("review_months", 12)
        return raised(line.annual, schedule["raise_percent"], after, every), f"{line.label} {stated} {words}"
    return steady, following
