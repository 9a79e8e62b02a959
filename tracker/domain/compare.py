"""Comparing two packages term by term: two proposals, a proposal and the owner's targets (or
walk-away points), a proposal and an alternative.

A comparison has a *base* and an *other* package. For each term it gives both values as text, the
numeric difference (other - base) where the term is a number, money, percentage, days or a date,
which way the value moved from base to other, and whether that is better or worse for the owner:
by the term's ``better`` direction, or by the owner's ratings of the options for choice and yes/no
terms. Typical use: ``compare_refs(negotiation, "prop1", "prop3")`` (how did the offer move?),
``compare_refs(negotiation, "targets", "prop3")`` (is the offer better or worse than my targets?),
``compare_refs(negotiation, "alt1", "prop3")`` (is it better than my alternative?).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tracker.domain.errors import InvalidValue, UnknownProposal
from tracker.domain.money import format_amount
from tracker.domain.state import Priority
from tracker.domain.terms import TermSpec
from tracker.domain.view import NegotiationView
from tracker.domain.vocabulary import TermKind
from tracker.domain.wording import plural_word

UP, DOWN, SAME, CHANGED = "up", "down", "same", "changed"
NEW, ABSENT = "new", "absent"  # only the other package has the term / only the base has it
BETTER, WORSE, NEUTRAL = "better", "worse", "neutral"


@dataclass(frozen=True)
class TermComparison:
    key: str
    label: str
    base: Any  # stored values (None when the package does not cover the term)
    other: Any
    base_text: str
    other_text: str
    difference: Decimal | None  # other - base, for numeric terms (days for dates)
    difference_text: str  # "+6,000 EUR", "-2 days", "" when there is none
    direction: str  # up | down | same | changed | new | absent
    verdict: str  # better | worse | neutral: the other value compared with the base, for the owner
    weight: int | None = None  # the owner's weight for the term, if set


@dataclass(frozen=True)
class Comparison:
    base_label: str
    other_label: str
    rows: tuple[TermComparison, ...]

    def count(self, verdict: str) -> int:
        return sum(1 for row in self.rows if row.verdict == verdict)

    def row(self, key: str) -> TermComparison:
        return next(r for r in self.rows if r.key == key)


def _difference_text(spec: TermSpec, diff: Decimal) -> str:
    sign = "+" if diff > 0 else "-" if diff < 0 else "±"
    size = abs(diff)
    if spec.kind is TermKind.MONEY:
        return f"{sign}{format_amount(size)} {spec.currency}"
    if spec.kind is TermKind.PERCENT:
        return f"{sign}{size.normalize():f} {plural_word(size, 'percentage point')}"
    if spec.kind in (TermKind.DAYS, TermKind.DATE):
        return f"{sign}{size.normalize():f} {plural_word(size, 'day')}"
    if spec.kind is TermKind.BOOLEAN:
        return ""
    return f"{sign}{format_amount(size)}{' ' + spec.unit if spec.unit else ''}"


def _verdict(spec: TermSpec, base: Any, other: Any, ratings: Mapping[str, int]) -> str:
    if base is None or other is None:
        return NEUTRAL
    good = spec.at_least_as_good(other, base)
    if good is not None:
        if not good:
            return WORSE
        return BETTER if spec.number(other) != spec.number(base) else NEUTRAL
    rated_base, rated_other = ratings.get(str(base)), ratings.get(str(other))
    if rated_base is None or rated_other is None or rated_base == rated_other:
        return NEUTRAL
    return BETTER if rated_other > rated_base else WORSE


def compare_term(
    spec: TermSpec, base: Any, other: Any, ratings: Mapping[str, int] | None = None, weight: int | None = None
) -> TermComparison:
    difference, direction = None, SAME
    if base is None and other is None:
        direction = SAME
    elif base is None:
        direction = NEW
    elif other is None:
        direction = ABSENT
    elif spec.kind is not TermKind.BOOLEAN and spec.number(base) is not None:
        difference = spec.number(other) - spec.number(base)
        direction = UP if difference > 0 else DOWN if difference < 0 else SAME
    else:
        direction = SAME if base == other else CHANGED
    return TermComparison(
        spec.key,
        spec.label,
        base,
        other,
        spec.display(base),
        spec.display(other),
        difference,
        _difference_text(spec, difference) if difference is not None else "",
        direction,
        _verdict(spec, base, other, ratings or {}),
        weight,
    )


def compare_packages(
    terms: Mapping[str, TermSpec],
    base: Mapping[str, Any],
    other: Mapping[str, Any],
    base_label: str = "base",
    other_label: str = "other",
    priorities: Mapping[str, Priority] | None = None,
) -> Comparison:
    """Every term either package covers, in the order of ``terms``. ``priorities`` maps a term key
    to the owner's Priority (for ratings and weights). Keys without a spec are skipped."""
    priorities = priorities or {}
    keys = [k for k in terms if k in base or k in other]
    rows = []
    for key in keys:
        priority = priorities.get(key)
        rows.append(
            compare_term(
                terms[key],
                base.get(key),
                other.get(key),
                getattr(priority, "ratings", None),
                getattr(priority, "weight", None),
            )
        )
    return Comparison(base_label, other_label, tuple(rows))


# -- on a negotiation ----------------------------------------------------------------------------
def _all_terms(negotiation: NegotiationView) -> dict[str, TermSpec]:
    return {
        **negotiation.terms,
        **{k: v for k, v in negotiation.removed_terms.items() if k not in negotiation.terms},
    }


def package(negotiation: NegotiationView, ref: str) -> tuple[str, dict[str, Any]]:
    """(label, values) for a reference: a proposal id, an alternative id, "targets" or "walk_away"
    (the owner's). Raises a DomainError naming ``ref`` when there is no such package."""
    if ref in ("targets", "walk_away"):
        priorities = negotiation.owner_priorities()
        attr = "target" if ref == "targets" else "walk_away"
        values = {k: getattr(p, attr) for k, p in priorities.items() if getattr(p, attr) is not None}
        if not values:
            raise InvalidValue(
                f"No {'targets' if ref == 'targets' else 'walk-away points'} are set yet.", "ref"
            )
        return ("Your targets" if ref == "targets" else "Your walk-away points"), values
    proposal = negotiation.proposals.get(ref)
    if proposal is not None:
        number = negotiation.proposal_number(ref)
        return f"Proposal #{number} from {negotiation.party_name(proposal.from_party)}", dict(proposal.values)
    alternative = negotiation.alternatives.get(ref)
    if alternative is not None:
        return f"Alternative: {alternative.label}", dict(alternative.values)
    raise UnknownProposal(f"There is no proposal or alternative '{ref}' in this negotiation.", "ref")


def compare_refs(negotiation: NegotiationView, base_ref: str, other_ref: str) -> Comparison:
    """Compares two packages of a negotiation named by reference (see ``package``)."""
    base_label, base = package(negotiation, base_ref)
    other_label, other = package(negotiation, other_ref)
    return compare_packages(
        _all_terms(negotiation), base, other, base_label, other_label, negotiation.owner_priorities()
    )
