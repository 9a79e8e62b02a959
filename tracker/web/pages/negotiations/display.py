"""Template filters: times, labels of enum values and term values, as a person reads them."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from babel.numbers import format_percent

from tracker.domain import wording
from tracker.domain.terms import MAX_TEXT, TermSpec
from tracker.domain.vocabulary import Choice, NegotiationKind, OpportunityType, Stage, TermKind
from tracker.web import localtime
from tracker.web.field_names import field_name
from tracker.web.numbers import show_money, show_number
from tracker.web.pages.blueprint import bp
from tracker.web.pages.steps.formdata import error_key
from tracker.web.preferences import current_locale, current_time_zone_name

bp.add_app_template_filter(error_key, "error_key")
bp.add_app_template_global(MAX_TEXT, "term_text_limit")  # a text term's value: the domain's limit
bp.add_app_template_filter(field_name, "field_name")
bp.add_app_template_global(current_time_zone_name, "time_zone_name")  # beside every time input

LABELS: dict[str, type[Choice]] = {"stage": Stage, "kind": NegotiationKind, "opportunity": OpportunityType}


@bp.app_template_filter("when")
def when(moment: datetime | None) -> str:
    """ "4 Dec 2026, 14:05 CET": in the person's time zone and locale (tracker.web.localtime)."""
    return localtime.show(moment)


@bp.app_template_filter("day")
def day(moment: datetime | None) -> str:
    """ "4 Dec": the moment's day in the person's time zone."""
    return localtime.show_day(moment)


@bp.app_template_filter("local_input")
def local_input(moment: datetime | None) -> str:
    """A datetime-local input's value: the moment in the person's time zone."""
    return localtime.local_input(moment)


@bp.app_template_filter("plural")
def plural(count: Any, one: str, other: str | None = None, zero: str | None = None) -> str:
    """``{{ n|plural('step') }}``: "1 step", "2 steps" (Babel's plural rules, the person's locale)."""
    return wording.plural(count or 0, one, other, locale=current_locale(), zero=zero)


@bp.app_template_filter("plural_word")
def plural_word(count: Any, one: str, other: str | None = None) -> str:
    """``{{ total|plural_word('step') }}``: the word alone, for "Showing 1 of 2 steps"."""
    return wording.plural_word(count or 0, one, other, locale=current_locale())


@bp.app_template_filter("iso")
def iso(moment: datetime | None) -> str:
    return moment.astimezone(UTC).isoformat() if moment else ""


@bp.app_template_filter("label")
def label(value: str | None, vocabulary: str = "") -> str:
    if not value:
        return ""
    enum = LABELS.get(vocabulary)
    if enum is not None:
        try:
            return enum(value).label
        except ValueError:
            pass
    return value.replace("_", " ")


@bp.app_template_filter("term_value")
def term_value(value: Any, spec: TermSpec | None) -> str:
    """A term's value as the person reads it: numbers and money in their locale (Babel); as the
    domain writes them ("128,000 EUR") when the locale is unknown."""
    if value is None:
        return "–"
    if spec is None:
        return str(value)
    locale = current_locale()
    if locale is None or not spec.is_numeric:
        return spec.display(value)
    if spec.kind is TermKind.MONEY:
        return show_money(value["amount"], value["currency"], locale)
    number = Decimal(value)
    if spec.kind is TermKind.PERCENT:
        return format_percent(number / 100, locale=locale, decimal_quantization=False)
    if spec.kind is TermKind.DAYS:
        return f"{show_number(number, locale)} {'day' if number == 1 else 'days'}"
    return f"{show_number(number, locale)}{' ' + spec.unit if spec.unit else ''}"
