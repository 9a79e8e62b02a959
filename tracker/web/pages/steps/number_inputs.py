"""A step form's numeric inputs, read as the person wrote them (in their locale, with Babel) and
handed on in the plain form the schemas and the domain take.

Which inputs are numeric comes from the form: a term's value (money, number, percent, days), each
value of a term-values group, and the ``decimal`` fields (research figures, a term's bounds), whose
currency may come from another input of the same form (the term a figure is about).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from babel import Locale
from werkzeug.datastructures import MultiDict

from tracker.domain.terms import TermSpec
from tracker.domain.view import NegotiationView
from tracker.domain.vocabulary import TermKind
from tracker.web.numbers import NumberProblem, plain, read_number
from tracker.web.pages.steps.formdata import error_key
from tracker.web.pages.steps.formspec import StepForm

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_numbers(
    form: StepForm, posted: MultiDict, locale: Locale | None
) -> tuple[MultiDict, dict[str, list[str]]]:
    """The posted values with every numeric input in its plain form, and the problems by error name
    (``values.base_salary.amount``). An input that cannot be read stays as it was written."""
    values = posted.copy()
    errors: dict[str, list[str]] = {}
    for name, currency, percent in numeric_inputs(form, posted):
        raw = posted.get(name, "")
        if not raw.strip() or ISO_DATE.match(raw.strip()):
            continue  # a date (a date term's bound) is not a number: the domain reads it
        try:
            values[name] = plain(read_number(raw, locale, currency=currency, percent=percent))
        except NumberProblem as problem:
            errors.setdefault(error_key(name), []).append(problem.message)
    return values, errors


def numeric_inputs(form: StepForm, posted: MultiDict) -> Iterator[tuple[str, str | None, bool]]:
    """(input name, currency or None, percent allowed) for each numeric input of the form."""
    for field in form.fields:
        if field.kind == "term_value" and field.spec is not None:
            yield from _value_inputs(field.name, field.spec)
        elif field.kind == "term_values":
            for spec in field.specs:
                yield from _value_inputs(f"{field.name}-{spec.key}", spec)
        elif field.kind == "decimal":
            yield field.name, field.currency(posted) if field.currency else None, False


def _value_inputs(name: str, spec: TermSpec) -> Iterator[tuple[str, str | None, bool]]:
    if spec.kind is TermKind.MONEY:
        yield f"{name}-amount", spec.currency, False
    elif spec.is_numeric:
        yield name, None, spec.kind is TermKind.PERCENT


def zero_notices(negotiation: NegotiationView, fields: dict[str, Any]) -> list[str]:
    """A zero where more is better (a 0 EUR base salary) is allowed, but worth a second look:
    one sentence per such value, for a notice that stops nothing."""
    notices = []
    terms = negotiation.terms
    given: list[tuple[str, Any]] = []
    for name in ("values", "final_terms"):
        given += list((fields.get(name) or {}).items()) if isinstance(fields.get(name), dict) else []
    if fields.get("term_key") in terms:
        given += [(fields["term_key"], fields.get(name)) for name in ("target", "walk_away")]
    for key, value in given:
        spec = terms.get(key)
        if spec is None or value in (None, "", {}) or spec.better.value != "higher" or not spec.is_numeric:
            continue
        try:
            number = spec.number(spec.validate(value, "value"))
        except Exception:
            continue
        if number == 0:
            notices.append(
                f"{spec.label} was recorded as {spec.display(spec.validate(value, 'value'))}. "
                "If that is not what you meant, record the step again with the right figure."
            )
    return notices
