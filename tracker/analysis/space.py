"""The space of possible packages: for every term that can be scored, the values a deal could give it.

Numeric terms (money, number, percent, days, dates) range from their lowest to their highest value
in the term's own step when it names one, else in even steps (at most ``MAX_STEPS`` values, a round
step: 1, 2, 2.5 or 5 times a power of ten; whole numbers for days and dates). A bound the term does
not set is taken from what is recorded (targets and walk-away points of every party, research
figures, proposals on the table, alternatives) and a note says so. Choice terms range over their
options, yes/no terms over yes and no. Text terms are outside the space. A term nothing is recorded
for has no range and is left out, with a note.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from typing import Any

from tracker.analysis.packages import on_the_table, proposal_packages
from tracker.domain.money import format_amount
from tracker.domain.terms import TermSpec
from tracker.domain.view import NegotiationView
from tracker.domain.vocabulary import TermKind

MAX_STEPS = 50
MAX_OWN_STEPS = 200  # a term's own step is followed up to this many values
NICE = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))
WHOLE = (TermKind.DAYS, TermKind.DATE, TermKind.NUMBER)


@dataclass(frozen=True)
class TermRange:
    """The values one term can take in a package, as proposals store them."""

    key: str
    label: str
    values: tuple[Any, ...]
    note: str = ""  # how the range was chosen, when the term does not set it


@dataclass(frozen=True)
class Space:
    terms: tuple[TermRange, ...]
    notes: tuple[str, ...]

    @property
    def size(self) -> int:
        return math.prod(len(t.values) for t in self.terms) if self.terms else 0


def package_space(negotiation: NegotiationView) -> Space:
    """The space of the negotiation's terms as they stand (at the version read)."""
    ranges, notes = [], []
    for spec in negotiation.terms.values():
        if spec.kind is TermKind.TEXT:
            continue
        found = term_range(negotiation, spec)
        if found is None:
            notes.append(f"{spec.label}: no bounds and nothing recorded to range over, so it is left out.")
            continue
        ranges.append(found)
        if found.note:
            notes.append(found.note)
    return Space(tuple(ranges), tuple(notes))


def term_range(negotiation: NegotiationView, spec: TermSpec) -> TermRange | None:
    if spec.kind is TermKind.BOOLEAN:
        return TermRange(spec.key, spec.label, (True, False))
    if spec.kind is TermKind.CHOICE:
        return TermRange(spec.key, spec.label, tuple(spec.options)) if spec.options else None
    figures = recorded_figures(negotiation, spec)
    low, high = spec.minimum, spec.maximum
    derived = []
    if low is None:
        low = min(figures, default=None)
        derived.append("lowest")
    if high is None:
        high = max(figures, default=None)
        derived.append("highest")
    floor, ceiling = spec.bounds
    if low is None or high is None:
        return None
    low = max(low, floor) if floor is not None else low
    high = min(high, ceiling) if ceiling is not None else high
    if high < low:
        low, high = high, low
    note = ""
    if spec.step is not None:
        numbers, widened = own_steps(low, high, spec.step)
        if widened:
            note = (
                f"{spec.label}: its step would give more than {MAX_OWN_STEPS} values; "
                f"taking {widened} steps at a time instead."
            )
    else:
        numbers = stepped(low, high, whole=spec.kind in WHOLE)
    values = tuple(as_value(spec, n) for n in numbers)
    if derived and len(values) > 1 and not note:
        which = " and ".join(derived)
        note = (
            f"{spec.label}: no {which} value set on the term; ranging over {spec.display(values[0])} to "
            f"{spec.display(values[-1])} from the recorded figures, in steps of {step_words(spec, numbers)}."
        )
    return TermRange(spec.key, spec.label, values, note)


def recorded_figures(negotiation: NegotiationView, spec: TermSpec) -> list[Decimal]:
    """Every figure recorded for a numeric term: targets and walk-aways of every party, research,
    proposals still on the table, alternatives."""
    raw: list[Any] = []
    for priorities in negotiation.priorities.values():
        priority = priorities.get(spec.key)
        if priority is not None:
            raw += [priority.target, priority.walk_away]
    for package in on_the_table(proposal_packages(negotiation)):
        raw.append(package.values.get(spec.key))
    for alternative in negotiation.alternatives.values():
        raw.append(alternative.values.get(spec.key))
    numbers = [_number(spec, value) for value in raw if value is not None]
    for research in negotiation.research:
        if research.term_key == spec.key:
            numbers += [_plain(v) for v in (research.low, research.typical, research.high) if v is not None]
    return [n for n in numbers if n is not None]


def stepped(low: Decimal, high: Decimal, *, whole: bool) -> list[Decimal]:
    """``low`` to ``high`` in a round step giving at most MAX_STEPS values (both ends included)."""
    if high == low:
        return [low]
    step = nice_step((high - low) / (MAX_STEPS - 1), whole=whole)
    values = [low]
    value = (low / step).to_integral_value(rounding=ROUND_CEILING) * step
    if value == low:
        value += step
    while value < high:
        values.append(value)
        value += step
    values.append(high)
    return _thin(values)


def own_steps(low: Decimal, high: Decimal, step: Decimal) -> tuple[list[Decimal], int]:
    """``low`` to ``high`` in the term's own step (``high`` included even off the step), and by how
    many steps at a time when one at a time would give more than MAX_OWN_STEPS values (0: one)."""
    count = int((high - low) / step) + 1
    every = 1 if count <= MAX_OWN_STEPS else math.ceil((count - 1) / (MAX_OWN_STEPS - 1))
    values = [low + i * step for i in range(0, count, every)]
    if values[-1] != high:
        values.append(high)
    return values, (every if every > 1 else 0)


def nice_step(least: Decimal, *, whole: bool) -> Decimal:
    """The smallest round step (1, 2, 2.5 or 5 times a power of ten) of at least ``least``; a whole
    number of at least 1 for terms counted in whole units."""
    if whole:
        least = max(least, Decimal(1))
    exponent = math.floor(math.log10(float(least))) if least > 0 else 0
    for power in (exponent, exponent + 1):
        for base in NICE:
            step = base * Decimal(10) ** power
            if step >= least and (not whole or step == step.to_integral_value()):
                return step
    return Decimal(10) ** (exponent + 1)


def _thin(values: list[Decimal]) -> list[Decimal]:
    """Keeps the ends and evenly spread values between, at most MAX_STEPS in all."""
    if len(values) <= MAX_STEPS:
        return values
    every = (len(values) - 1) / (MAX_STEPS - 1)
    return [values[round(i * every)] for i in range(MAX_STEPS - 1)] + [values[-1]]


def as_value(spec: TermSpec, number: Decimal) -> Any:
    """A number as a proposal stores the term's value."""
    if spec.kind is TermKind.MONEY:
        return {"amount": _text(number), "currency": spec.currency}
    if spec.kind is TermKind.DATE:
        return dt.date.fromordinal(int(number)).isoformat()
    return _text(number)


def step_words(spec: TermSpec, numbers: list[Decimal]) -> str:
    step = numbers[1] - numbers[0] if len(numbers) > 1 else Decimal(0)
    if spec.kind is TermKind.MONEY:
        return f"{format_amount(step)} {spec.currency}"
    if spec.kind is TermKind.DATE:
        return f"{format_amount(step)} days"
    return spec.display(_text(step))


def _number(spec: TermSpec, value: Any) -> Decimal | None:
    try:
        return spec.number(value)
    except (ArithmeticError, KeyError, TypeError, ValueError):
        return None


def _plain(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value["amount"] if isinstance(value, dict) else value))
    except (ArithmeticError, KeyError, TypeError, ValueError):
        return None


def _text(number: Decimal) -> str:
    return format(number.normalize(), "f")
