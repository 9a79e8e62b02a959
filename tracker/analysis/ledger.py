"""The ledger of stated figures: every figure a party stated for a term (in a proposal, or typed in
the "they said" field of an interaction or a note), per term and party, and the contradictions in it:
a party going back on a figure it stated (a counterpart offering less than it said, or your side
asking more than it said, where the term has a better direction), or stating two different figures
for the same term in the same round (a round starts with each proposal).

Built from the events (the caller reads them), so a figure said in a call counts from the step that
recorded it; the aggregate keeps no copy.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cached_property
from typing import Any

from tracker.analysis.worked_out import equal_with
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
    """One party's figures for one term; each as people read it (``shown``) is written when first
    read: the negotiation page counts the rows, the analysis page shows every figure."""

    term_key: str
    label: str
    party_id: str
    party: str
    statements: list[Statement]
    _display: Callable[[Any], str] = field(default=str, repr=False, compare=False)

    @cached_property
    def shown(self) -> list[str]:
        """Each statement's value as people read it."""
        return [self._display(s.value) for s in self.statements]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LedgerRow):
            return NotImplemented
        return equal_with(self, other, "shown")


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


def ledger(negotiation: NegotiationView, statements: Statements | None, rows: bool = True) -> Ledger:
    """The ledger; without ``rows``, only its contradictions (what the timeline flags need)."""
    if statements is None or not statements.items:
        return Ledger()
    specs = {**negotiation.removed_terms, **negotiation.terms}
    grouped: dict[tuple[str, str], list[Statement]] = {}
    for s in statements.items:
        if s.term_key in specs:
            grouped.setdefault((s.term_key, s.party_id), []).append(s)
    listed, contradictions = [], []
    for (key, party_id), said in grouped.items():
        spec = specs[key]
        if rows:
            listed.append(
                LedgerRow(key, spec.label, party_id, negotiation.party_name(party_id), said, spec.display)
            )
        side = negotiation.parties[party_id].side if party_id in negotiation.parties else None
        contradictions += _contradictions(spec, negotiation.party_name(party_id), side, said)
    listed.sort(key=lambda r: (r.label, r.party))
    contradictions.sort(key=lambda c: c.later.version)
    return Ledger(listed, contradictions)


def _contradictions(spec: TermSpec, who: str, side: str | None, said: list[Statement]) -> list[Contradiction]:
    """For each statement, the first earlier one it contradicts (if any): one that is not the same
    value and is either in the same round or one the later went back on. Found in a few steps per
    statement however long the history (a long negotiation states hundreds of figures per term):
    the first earlier figure it went back on is where the running best (or worst) of the figures so
    far first passes it; the same-round ones are the few statements of its round."""
    found = []
    back = _WentBack(spec, side)
    in_round: dict[int, list[int]] = {}
    for i, later in enumerate(said):
        first = back.see(later.value)
        for j in in_round.get(later.round, ()):
            if first is not None and j > first:
                break
            if not spec.same(said[j].value, later.value):
                first = j
                break
        in_round.setdefault(later.round, []).append(i)
        if first is None:
            continue
        earlier = said[first]
        if earlier.round == later.round:
            kind, how = "same_round", f"stated two figures for {spec.label} in the same round"
        else:
            kind, how = "went_back", f"went back on {spec.label}"
        sentence = (
            f"{who} {how}: {spec.display(earlier.value)} ({_where(earlier)}), then "
            f"{spec.display(later.value)} ({_where(later)})."
        )
        found.append(Contradiction(spec.key, earlier.party_id, earlier, later, kind, sentence))
    return found


class _WentBack:
    """The statements so far, to find the first one a new figure goes back on: worse for you than
    it, when the other side says it; better for you (a higher ask) than it, when your side says it.
    Terms without a direction, or figures without a number, never go back. Kept as the running
    extreme of the figures' goodness (best so far for the other side, worst so far for yours), which
    only moves at a figure that qualifies: the first to qualify is found by bisection."""

    def __init__(self, spec: TermSpec, side: str | None) -> None:
        self.spec = spec
        self.owner = side == Side.OWNER.value
        self.on = spec.better is not Better.NONE and side in (Side.OWNER.value, Side.COUNTERPART.value)
        self.extremes: list[Decimal] = []  # ascending: minus the worst so far (yours), the best (theirs)
        self.none = Decimal("-Infinity")

    def _key(self, value: Any) -> Decimal | None:
        """How good a figure is for you, as a number (higher is better), or None."""
        try:
            number = self.spec.number(value)
        except (ArithmeticError, KeyError, TypeError, ValueError):
            return None
        if number is None:
            return None
        return number if self.spec.better is Better.HIGHER else -number

    def see(self, value: Any) -> int | None:
        """The index of the first figure so far that ``value`` goes back on (None: none), then
        ``value`` counted among the figures (its goodness worked out once for both)."""
        if not self.on:
            return None
        good = self._key(value)
        mark = self.none if good is None else (-good if self.owner else good)
        first = None
        if good is not None and self.extremes:
            # yours: the first earlier figure worse for you than this one; theirs: the first better
            at = bisect_right(self.extremes, mark)
            first = at if at < len(self.extremes) else None
        self.extremes.append(max(mark, self.extremes[-1]) if self.extremes else mark)
        return first


def _where(s: Statement) -> str:
    return f"{'an' if s.source == 'interaction' else 'a'} {s.source}, version {s.version}"
