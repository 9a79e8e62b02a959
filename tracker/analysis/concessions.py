"""Concessions: how far each party has moved on each term from its own first position, in the term's
units and as a share of the gap between the two sides' first positions, round by round.

* Only proposals on the table count: a withdrawn proposal is no position to concede from or to.
* Only terms with a number (money, number, percent, days, yes/no as 0/1, dates as day numbers) count.
* The gap on a term is between a party's first position and the first position taken on it by the
  other side (owner vs counterpart). Moving towards the other side is a concession (positive), moving
  away is hardening (negative). With no other side's position the direction comes from the term's
  ``better`` (the owner conceding means moving to worse for the owner; the counterpart, to better), and
  there is no share.
* Overall, each party's concession is the average of its latest shares across terms, weighted by the
  owner's priority weights (terms without a weight count 0); if the owner set no weights on those
  terms, every term counts equally. The party with the larger weighted share has conceded more.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cached_property
from typing import Any

from tracker.analysis.package_value import term_specs
from tracker.analysis.packages import on_the_table, proposal_packages
from tracker.analysis.scoring import rounded
from tracker.analysis.worked_out import equal_with
from tracker.domain.money import format_amount
from tracker.domain.terms import TermSpec
from tracker.domain.view import NegotiationView
from tracker.domain.vocabulary import Better, TermKind

OTHER_SIDE = {"owner": "counterpart", "counterpart": "owner"}
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class ConcessionStep:
    package_key: str
    label: str
    at: datetime | None
    value: str  # displayed
    moved: Decimal | None  # units moved towards the other side since the first position
    share: Decimal | None  # that, as % of the gap
    since_previous: Decimal | None  # units moved in this round


@dataclass(frozen=True)
class TermConcession:
    """One party's concessions on one term; its rounds (``steps``) are listed when first read: the
    negotiation page shows only the shares, the analysis page every round."""

    term_key: str
    label: str
    unit: str  # "EUR", "days", "points", ...
    party_id: str
    first: str
    latest: str
    other_first: str | None  # the other side's first position, displayed
    gap: Decimal | None  # units between the two first positions
    moved: Decimal | None
    share: Decimal | None
    _rounds: Callable[[], list[ConcessionStep]] = field(default=list, repr=False, compare=False)

    @cached_property
    def steps(self) -> list[ConcessionStep]:
        return self._rounds()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TermConcession):
            return NotImplemented
        return equal_with(self, other, "steps")

    @property
    def moved_display(self) -> str:
        if self.moved is None:
            return "-"
        unit = self.unit[:-1] if abs(self.moved) == 1 and self.unit in ("days", "points") else self.unit
        return f"{format_amount(self.moved)} {unit}".strip()


@dataclass(frozen=True)
class PartyConcession:
    party_id: str
    name: str
    side: str
    share: Decimal | None  # weighted average share of the gap conceded, %
    terms: list[TermConcession] = field(default_factory=list)


@dataclass(frozen=True)
class Concessions:
    parties: list[PartyConcession]
    conceded_more: str | None  # party_id
    summary: str
    weighted_by: str  # "owner weights" | "equal weights"


def unit_of(spec: TermSpec) -> str:
    return {
        TermKind.MONEY: spec.currency or "",
        TermKind.PERCENT: "points",
        TermKind.DAYS: "days",
        TermKind.DATE: "days",
        TermKind.BOOLEAN: "",
    }.get(spec.kind, spec.unit or "")


def _clean(value: Decimal) -> Decimal:
    return value if value != 0 else Decimal(0)  # no "-0"


def _direction(spec: TermSpec, side: str, gap: Decimal | None) -> int | None:
    if gap:
        return 1 if gap > 0 else -1
    if spec.better is Better.NONE or side not in OTHER_SIDE:
        return None
    owner_worse = -1 if spec.better is Better.HIGHER else 1
    return owner_worse if side == "owner" else -owner_worse


def _term(
    negotiation: NegotiationView, spec: TermSpec, party_id: str, side: str, mine: list, theirs: list
) -> TermConcession:
    first_pkg, first = mine[0]
    other_first = theirs[0][1] if theirs else None
    gap = other_first - first if other_first is not None else None
    sign = _direction(spec, side, gap)

    def step(package: Any, number: Decimal, previous: Decimal) -> ConcessionStep:
        moved = _clean((number - first) * sign) if sign else None
        share = _clean(rounded(moved / abs(gap) * HUNDRED)) if moved is not None and gap else None
        since = _clean((number - previous) * sign) if sign else None
        value = spec.display(package.values[spec.key])
        return ConcessionStep(package.key, package.label, package.at, value, moved, share, since)

    def rounds() -> list[ConcessionStep]:
        return [
            step(package, number, mine[i - 1][1] if i else first) for i, (package, number) in enumerate(mine)
        ]

    last = step(*mine[-1], mine[-2][1] if len(mine) > 1 else first)
    other_value = theirs[0][0].values[spec.key] if theirs else None
    return TermConcession(
        spec.key,
        spec.label,
        unit_of(spec),
        party_id,
        spec.display(first_pkg.values[spec.key]),
        last.value,
        spec.display(other_value) if theirs else None,
        abs(gap) if gap is not None else None,
        last.moved,
        last.share,
        rounds,
    )


def concessions(negotiation: NegotiationView) -> Concessions:
    specs = term_specs(negotiation)
    packages = on_the_table(proposal_packages(negotiation))
    weights = {k: p.weight for k, p in negotiation.priorities.get("owner", {}).items()}
    by_party: dict[str, list[TermConcession]] = {}
    for key, spec in specs.items():
        if spec.kind in (TermKind.CHOICE, TermKind.TEXT):
            continue
        positions: dict[str, list] = {}
        for package in packages:
            if key in package.values:
                positions.setdefault(package.party_id, []).append((package, spec.number(package.values[key])))
        for party_id, mine in positions.items():
            side = negotiation.parties[party_id].side
            theirs = sorted(
                (
                    item
                    for pid, items in positions.items()
                    if negotiation.parties[pid].side == OTHER_SIDE.get(side)
                    for item in items
                ),
                key=lambda item: item[0].order,
            )
            by_party.setdefault(party_id, []).append(_term(negotiation, spec, party_id, side, mine, theirs))
    use_weights = any(
        weights.get(t.term_key, 0) > 0 and t.share is not None for terms in by_party.values() for t in terms
    )
    parties = []
    for party_id, terms in by_party.items():
        shared = [
            (Decimal(weights.get(t.term_key, 0)) if use_weights else Decimal(1), t.share)
            for t in terms
            if t.share is not None
        ]
        total = sum((w for w, _ in shared), Decimal(0))
        share = rounded(sum((w * s for w, s in shared), Decimal(0)) / total) if total else None
        party = negotiation.parties[party_id]
        parties.append(PartyConcession(party_id, party.display, party.side, share, terms))
    return _summarise(parties, "owner weights" if use_weights else "equal weights")


def _summarise(parties: list[PartyConcession], weighted_by: str) -> Concessions:
    ranked = sorted((p for p in parties if p.share is not None), key=lambda p: p.share, reverse=True)
    if len(ranked) < 2:
        return Concessions(
            parties, None, "Not enough proposals from both sides yet to compare concessions.", weighted_by
        )
    top, rest = ranked[0], ranked[1:]
    others = "; ".join(f"{p.name} {rounded(p.share, '1')}%" for p in rest)
    if top.share == rest[0].share:
        return Concessions(
            parties,
            None,
            f"Both sides have conceded about equally: {rounded(top.share, '1')}% of the gap ({weighted_by}).",
            weighted_by,
        )
    return Concessions(
        parties,
        top.party_id,
        f"{top.name} has conceded more: {rounded(top.share, '1')}% of the gap on average "
        f"({weighted_by}), against {others}.",
        weighted_by,
    )
