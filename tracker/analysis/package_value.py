"""The annual value of a package's money terms, per currency.

Terms are recognised by their key (the key a term was added with):

=============================  =======================================================================
key                            counted as
=============================  =======================================================================
``base_salary`` (``salary``)   money: the annual base
``target_bonus`` (``bonus``)   percent: that share of the base; money: an annual amount
``sign_on`` (``signing_bonus``, one-off money: divided by ``sign_on_spread_years`` (config, default 1)
``sign_on_bonus``,
``relocation``)
``equity`` (``stock``,         money: the whole grant, divided by the package's ``vesting_years``
``rsu``)                       (a number term); without one, by ``default_vesting_years`` (4), noted
``vesting_years``              number: the equity's vesting period (no value of its own)
``retirement_contribution``    the employer's contribution: percent of base, or money a year
(``pension``,
``pension_contribution``)
``pto_days`` (``paid_time_off``, days: each day above the baseline is worth base / 260
``vacation_days``)             (``pto_baseline_days``; by default the fewest days in any recorded
                               package of the negotiation, so nothing is invented)
any other money term           an annual amount as it is (training budget, allowances...)
=============================  =======================================================================

Totals are per currency: no exchange rate is ever assumed. If the caller gives rates
(``rates={"USD": Decimal("0.92")}`` meaning 1 USD = 0.92 of ``convert_to``), the converted total says
which rates it used. Each line is rounded to cents (half up); totals are sums of the lines.

Each line also carries years 1-4 (``tracker.analysis.money_years``): without a money schedule every
year is the annual value; with one (vesting, one-off, bonus, raise) the annual value is the average of
the four years, and the assumption is written beside the line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from tracker.analysis.money_years import cents, schedules_for, spread
from tracker.analysis.packages import PerPackage, all_packages
from tracker.analysis.settings import AnalysisSettings
from tracker.domain.errors import InvalidValue
from tracker.domain.money import format_amount, parse_currency
from tracker.domain.terms import TermSpec
from tracker.domain.view import NegotiationView
from tracker.domain.vocabulary import TermKind
from tracker.domain.wording import plural_word

BASE_KEYS = ("base_salary", "salary")
BONUS_KEYS = ("target_bonus", "bonus")
ONE_OFF_KEYS = ("sign_on", "signing_bonus", "sign_on_bonus", "relocation")
EQUITY_KEYS = ("equity", "stock", "rsu")
VESTING_KEY = "vesting_years"
RETIREMENT_KEYS = ("retirement_contribution", "pension", "pension_contribution")
PTO_KEYS = ("pto_days", "paid_time_off", "vacation_days")


@dataclass(frozen=True)
class ValueLine:
    term_key: str
    label: str
    component: str  # base | bonus | one_off | equity | retirement | time_off | other
    currency: str
    annual: Decimal
    how: str  # the working, e.g. "10% of 120,000 EUR base"
    years: tuple[Decimal, ...] = ()  # years 1-4 (tracker.analysis.money_years)
    assumption: str = ""  # the assumption behind the years, e.g. "Equity 100,000 EUR vesting 25/25/25/25"


@dataclass(frozen=True)
class ConvertedTotal:
    currency: str
    amount: Decimal | None  # None when a rate is missing
    rates: dict[str, Decimal]
    note: str


@dataclass(frozen=True)
class PackageValue:
    package_key: str
    totals: dict[str, Decimal]  # currency -> annual value
    lines: list[ValueLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    converted: ConvertedTotal | None = None
    years: dict[str, list[Decimal]] = field(default_factory=dict)  # currency -> totals of years 1-4


def _money(text: Decimal, currency: str) -> str:
    return f"{format_amount(text)} {currency}"


def _first(values: Mapping[str, Any], specs: Mapping[str, TermSpec], keys: tuple[str, ...]):
    for key in keys:
        if key in values and key in specs:
            return key, specs[key], values[key]
    return None, None, None


def value_of(
    values: Mapping[str, Any],
    specs: Mapping[str, TermSpec],
    settings: AnalysisSettings | None = None,
    *,
    package_key: str = "",
    pto_baseline_days: Decimal | None = None,
    rates: Mapping[str, Any] | None = None,
    convert_to: str | None = None,
    schedules: Mapping[str, Mapping[str, Any]] | None = None,
) -> PackageValue:
    """The annual value of one package's ``values`` ({term_key: stored value}) given the term specs,
    with years 1-4 from the package's money ``schedules`` ({term_key: schedule}); a scheduled line's
    annual value is the average of its four years."""
    settings = settings or AnalysisSettings()
    schedules = schedules or {}
    lines: list[ValueLine] = []
    notes: list[str] = []
    used: set[str] = set()
    follows_base: set[str] = set()
    base_key, base_spec, base_raw = _first(values, specs, BASE_KEYS)
    base = None
    if base_spec is not None and base_spec.kind is TermKind.MONEY:
        base = (Decimal(base_raw["amount"]), base_raw["currency"])
        lines.append(ValueLine(base_key, base_spec.label, "base", base[1], cents(base[0]), "annual base"))
        used.add(base_key)

    def share_of_base(key: str, spec: TermSpec, raw: Any, component: str) -> None:
        if spec.kind is TermKind.PERCENT:
            if base is None:
                notes.append(f"{spec.label} ({raw}%) is not valued: this package has no base salary.")
            else:
                amount = cents(base[0] * Decimal(raw) / 100)
                follows_base.add(key)
                lines.append(
                    ValueLine(
                        key,
                        spec.label,
                        component,
                        base[1],
                        amount,
                        f"{raw}% of {_money(base[0], base[1])} base",
                    )
                )
        elif spec.kind is TermKind.MONEY:
            lines.append(
                ValueLine(
                    key, spec.label, component, raw["currency"], cents(Decimal(raw["amount"])), "a year"
                )
            )
        used.add(key)

    for keys, component in ((BONUS_KEYS, "bonus"), (RETIREMENT_KEYS, "retirement")):
        key, spec, raw = _first(values, specs, keys)
        if spec is not None:
            share_of_base(key, spec, raw, component)
    for key in ONE_OFF_KEYS:
        spec = specs.get(key)
        if key in values and spec is not None and spec.kind is TermKind.MONEY:
            amount, years = Decimal(values[key]["amount"]), settings.sign_on_spread_years
            lines.append(
                ValueLine(
                    key,
                    spec.label,
                    "one_off",
                    values[key]["currency"],
                    cents(amount / years),
                    f"{_money(amount, values[key]['currency'])} spread over "
                    f"{format_amount(years)} {plural_word(years, 'year')}",
                )
            )
            used.add(key)
    _equity(values, specs, settings, lines, notes, used, schedules)
    _time_off(values, specs, settings, base, pto_baseline_days, lines, notes, used)
    follows_base.update(key for key in PTO_KEYS if key in used)
    used.add(VESTING_KEY)
    for key, raw in values.items():
        spec = specs.get(key)
        if key not in used and spec is not None and spec.kind is TermKind.MONEY:
            lines.append(
                ValueLine(
                    key,
                    spec.label,
                    "other",
                    raw["currency"],
                    cents(Decimal(raw["amount"])),
                    "counted as a yearly amount",
                )
            )
    lines, years = spread(lines, values, schedules, follows_base, base_key if base else None)
    totals: dict[str, Decimal] = {}
    for line in lines:
        totals[line.currency] = totals.get(line.currency, Decimal(0)) + line.annual
    converted = convert(totals, rates, convert_to) if convert_to else None
    return PackageValue(package_key, totals, lines, notes, converted, years)


def _equity(values, specs, settings, lines, notes, used, schedules) -> None:
    key, spec, raw = _first(values, specs, EQUITY_KEYS)
    if spec is None or spec.kind is not TermKind.MONEY:
        return
    vest_spec = specs.get(VESTING_KEY)
    years = vest_spec.number(values[VESTING_KEY]) if vest_spec and VESTING_KEY in values else None
    if schedules.get(key, {}).get("kind") == "vesting":
        years = years or settings.default_vesting_years  # the schedule says how it vests
    if not years:
        years = settings.default_vesting_years
        notes.append(
            f"{spec.label}: no vesting period in this package; "
            f"assumed {format_amount(years)} {plural_word(years, 'year')}."
        )
    grant = Decimal(raw["amount"])
    lines.append(
        ValueLine(
            key,
            spec.label,
            "equity",
            raw["currency"],
            cents(grant / years),
            f"{_money(grant, raw['currency'])} vesting over {format_amount(years)} {plural_word(years, 'year')}",
        )
    )
    used.add(key)


def _time_off(values, specs, settings, base, baseline, lines, notes, used) -> None:
    key, spec, raw = _first(values, specs, PTO_KEYS)
    if spec is None or spec.kind not in (TermKind.DAYS, TermKind.NUMBER):
        return
    used.add(key)
    baseline = baseline if baseline is not None else settings.pto_baseline_days
    if base is None:
        notes.append(f"{spec.label} is not valued: this package has no base salary.")
        return
    if baseline is None:
        return
    extra = Decimal(raw) - baseline
    if extra <= 0:
        return
    day = base[0] / settings.workdays_per_year
    lines.append(
        ValueLine(
            key,
            spec.label,
            "time_off",
            base[1],
            cents(extra * day),
            f"{format_amount(extra)} {plural_word(extra, 'day')} above the baseline of {format_amount(baseline)} "
            f"at {_money(base[0], base[1])} / {format_amount(settings.workdays_per_year)} "
            f"= {_money(cents(day), base[1])} a day",
        )
    )


def convert(
    totals: Mapping[str, Decimal], rates: Mapping[str, Any] | None, convert_to: str
) -> ConvertedTotal:
    """Converts per-currency totals with the caller's rates (1 unit of a currency = rate ``convert_to``)."""
    target = parse_currency(convert_to, "convert_to")
    checked: dict[str, Decimal] = {}
    for currency, rate in (rates or {}).items():
        value = Decimal(str(rate)) if not isinstance(rate, Decimal) else rate
        if not value.is_finite() or value <= 0:
            raise InvalidValue(f"The rate for {currency} must be a positive number.", f"rates.{currency}")
        checked[parse_currency(currency, "rates")] = value
    checked[target] = Decimal(1)
    missing = sorted(c for c in totals if c not in checked)
    used = {c: checked[c] for c in sorted(totals) if c in checked and c != target}
    if missing:
        return ConvertedTotal(target, None, used, f"Not converted: no rate given for {', '.join(missing)}.")
    amount = cents(sum((totals[c] * checked[c] for c in totals), Decimal(0)))
    given = ", ".join(f"1 {c} = {v} {target}" for c, v in used.items())
    note = f"Converted to {target} with the rates you gave: {given}." if used else f"All amounts in {target}."
    return ConvertedTotal(target, amount, used, note)


def term_specs(negotiation: NegotiationView) -> dict[str, TermSpec]:
    """Every term the negotiation has known, current terms winning over removed ones."""
    return {**negotiation.removed_terms, **negotiation.terms}


def fewest_pto_days(negotiation: NegotiationView) -> Decimal | None:
    specs = term_specs(negotiation)
    days = []
    for package in all_packages(negotiation):
        _key, spec, raw = _first(package.values, specs, PTO_KEYS)
        if spec is not None and spec.number(raw) is not None:
            days.append(spec.number(raw))
    return min(days) if days else None


class PackageValues(PerPackage[PackageValue]):
    """{package key: PackageValue} for every package, each valued when first read (``PerPackage``):
    the negotiation page shows a few packages of a long negotiation's thousand, the analysis page all."""


def package_values(
    negotiation: NegotiationView,
    settings: AnalysisSettings | None = None,
    *,
    rates: Mapping[str, Any] | None = None,
    convert_to: str | None = None,
) -> PackageValues:
    """{package key: PackageValue} for every proposal and alternative (each valued when read)."""
    settings = settings or AnalysisSettings()
    specs = term_specs(negotiation)
    baseline = (
        settings.pto_baseline_days if settings.pto_baseline_days is not None else fewest_pto_days(negotiation)
    )
    if convert_to:
        convert({}, rates, convert_to)  # bad rates are refused now, not when a value is first read
    schedules = {
        key: dict(terms) for key, terms in negotiation.money_schedules.items()
    }  # a step replaces them

    def value(package: Any) -> PackageValue:
        return value_of(
            package.values,
            specs,
            settings,
            package_key=package.key,
            pto_baseline_days=baseline,
            rates=rates,
            convert_to=convert_to,
            schedules=schedules_for(schedules, package.key),
        )

    return PackageValues(all_packages(negotiation), value)
