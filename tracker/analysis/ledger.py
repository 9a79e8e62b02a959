"""The ledger of stated figures: every figure a party stated for a term (in a proposal, or typed in
the "they said" field of an interaction or a note), per term and party, and the contradictions in it:
a party going back on a figure it stated (a counterpart offering less than it said, or your side
asking more than it said, where the term has a better direction), or stating two different figures
for the same term in the same round (a round starts with each proposal).

Built from the events (the caller reads them), so a figure said in a call counts from the step that
recorded it; the aggregate keeps no copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tracker.domain import events as ev
from tracker.domain.terms import TermSpec
from tracker.domain.view import NegotiationView
from tracker.domain.vocabulary import Better, Side


@dataclass(frozen=True)
class Statement:
    version: int
    recorded_at: datetime
    party_id: str
    term_key: str
    value: Any
    source: str  # "proposal", "interaction" or "note"
    round: int  # proposals recorded so far (a proposal opens its own round)


@dataclass(frozen=True)
class Statements:
    """The statements read so far, and where reading stopped (to go on from there)."""

    items: tuple[Statement, ...] = ()
    proposals: int = 0
    version: int = 0


@dataclass(frozen=True)
class Contradiction:
    term_key: str
    party_id: str
    earlier: Statement
    later: Statement
    kind: str  # "went_back" or "same_round"
    sentence: str


@dataclass(frozen=True)
class LedgerRow:
    term_key: str
    label: str
    party_id: str
    party: str
    statements: list[Statement]
    shown: list[str]  # each statement's value as people read it


@dataclass(frozen=True)
class Ledger:
    rows: list[LedgerRow] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)

    def flags(self) -> dict[int, list[Contradiction]]:
        """Version -> the contradictions its step is a side of (for the timeline)."""
        found: dict[int, list[Contradiction]] = {}
        for c in self.contradictions:
            for version in (c.earlier.version, c.later.version):
                found.setdefault(version, []).append(c)
        return found


def read_statements(events: Iterable[ev.NegotiationEvent], before: Statements | None = None) -> Statements:
    """The statements in ``events`` (oldest first), after those read ``before``."""
    items = list(before.items) if before else []
    proposals = before.proposals if before else 0
    last = before.version if before else 0
    for event in events:
        last = event.originator_version
        at = event.timestamp
        if isinstance(event, ev.ProposalMade):
            proposals += 1
            items += [
                Statement(last, at, event.from_party, k, v, "proposal", proposals)
                for k, v in event.values.items()
            ]
        elif isinstance(event, (ev.InteractionLogged, ev.NoteAdded)) and event.stated:
            source = "interaction" if isinstance(event, ev.InteractionLogged) else "note"
            items += [
                Statement(last, at, event.stated_by, k, v, source, proposals) for k, v in event.stated.items()
            ]
    return Statements(tuple(items), proposals, last)


def ledger(negotiation: NegotiationView, statements: Statements | None) -> Ledger:
    if statements is None or not statements.items:
        return Ledger()
    specs = {**negotiation.removed_terms, **negotiation.terms}
    grouped: dict[tuple[str, str], list[Statement]] = {}
    for s in statements.items:
        if s.term_key in specs:
            grouped.setdefault((s.term_key, s.party_id), []).append(s)
    rows, contradictions = [], []
    for (key, party_id), said in grouped.items():
        spec = specs[key]
        rows.append(
            LedgerRow(
                key,
                spec.label,
                party_id,
                negotiation.party_name(party_id),
                said,
                [spec.display(s.value) for s in said],
            )
        )
        side = negotiation.parties[party_id].side if party_id in negotiation.parties else None
        contradictions += _contradictions(spec, negotiation.party_name(party_id), side, said)
    rows.sort(key=lambda r: (r.label, r.party))
    contradictions.sort(key=lambda c: c.later.version)
    return Ledger(rows, contradictions)


def _contradictions(spec: TermSpec, who: str, side: str | None, said: list[Statement]) -> list[Contradiction]:
    found = []
    for i, later in enumerate(said):
        for earlier in said[:i]:
            if spec.same(earlier.value, later.value):
                continue
            if earlier.round == later.round:
                kind = "same_round"
                how = f"stated two figures for {spec.label} in the same round"
            elif _went_back(spec, side, earlier.value, later.value):
                kind = "went_back"
                how = f"went back on {spec.label}"
            else:
                continue
            sentence = (
                f"{who} {how}: {spec.display(earlier.value)} ({_where(earlier)}), then "
                f"{spec.display(later.value)} ({_where(later)})."
            )
            found.append(Contradiction(spec.key, earlier.party_id, earlier, later, kind, sentence))
            break  # one flag per later statement: the first earlier figure it contradicts
    return found


def _went_back(spec: TermSpec, side: str | None, earlier: Any, later: Any) -> bool:
    """Whether ``later`` retreats from ``earlier``: worse for you when the other side says it,
    better for you (a higher ask) when your side says it. Terms without a direction never do."""
    if spec.better is Better.NONE or side not in (Side.OWNER.value, Side.COUNTERPART.value):
        return False
    better_for_you = spec.at_least_as_good(later, earlier)
    if better_for_you is None:
        return False
    return better_for_you if side == Side.OWNER.value else not better_for_you


def _where(s: Statement) -> str:
    return f"{'an' if s.source == 'interaction' else 'a'} {s.source}, version {s.version}"
