"""What a negotiation's summary row needs, folded from only the events that change it.

A summary row (rows.negotiation_row) reads the title, kind, owner, stage, creation time, version,
proposal count and active parties of a negotiation, and the sentence of its last step
(describe.describe), which names parties, terms and allies. Most events change none of that: notes,
interactions, research, priorities, answers to proposals... (``PASSIVE`` below). ``RowState`` is a
stand-in for the Negotiation aggregate that applies the other events with the domain's own
``evolve`` (so the stage follows exactly the domain's rules) and only counts the passive ones, which
therefore need no decoding unless one of them is the last step, whose sentence is shown.

What a RowState does not follow (notes, proposal statuses, priorities...) is never read by a row or
a sentence; tests/projections/test_equivalence.py checks rows against the full aggregates.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from eventsourcing.utils import resolve_topic

from tracker.domain import events as ev
from tracker.domain.negotiation import Negotiation

#: Events that change nothing a summary row or a step's sentence reads (see the module docstring).
PASSIVE: tuple[type, ...] = (
    ev.AspirationRecorded, ev.PrioritySet, ev.ResearchLogged, ev.AllyActionLogged, ev.AllyStanceChanged,
    ev.AlternativeLogged, ev.ProposalAccepted, ev.ProposalRejected, ev.ProposalWithdrawn, ev.InteractionLogged,
    ev.NoteAdded, ev.LessonsRecorded,
)

SKIP, PASS, APPLY = "skip", "pass", "apply"


@lru_cache(maxsize=None)
def kind_of(topic: str) -> str:
    """What a tracker notification of ``topic`` is to the summaries: not a negotiation event (SKIP), a
    passive one (PASS: counted, decoded only if last), or one to decode and apply (APPLY)."""
    try:
        cls = resolve_topic(topic)
    except Exception:  # unknown to this code: decode it and let the mapper say what it is
        return APPLY
    if not (isinstance(cls, type) and issubclass(cls, ev.NegotiationEvent)):
        return SKIP
    return PASS if issubclass(cls, PASSIVE) else APPLY


class RowState:
    """A negotiation as far as its summary row goes. Built from a Started event, or from a full
    aggregate (``of``); then ``apply`` each non-passive event; a passive one only sets ``version``."""

    # The aggregate's own queries, which read only what a RowState keeps.
    init_state = Negotiation.init_state
    active_parties = Negotiation.active_parties
    party_name = Negotiation.party_name
    term_spec = Negotiation.term_spec

    def __init__(self) -> None:
        self.id: Any = None
        self.version = 0
        self.created_on: Any = None
        self.previous: dict[str, Any] | None = None  # the times and owner of the row last built

    @classmethod
    def of(cls, aggregate: Negotiation, previous: dict[str, Any] | None) -> "RowState":
        state = cls()
        state.__dict__.update((name, value) for name, value in vars(aggregate).items() if not name.startswith("_"))
        state.id, state.version, state.created_on = aggregate.id, aggregate.version, aggregate.created_on
        state.previous = previous
        return state

    def apply(self, event: Any) -> None:
        if isinstance(event, ev.Started):
            self.id, self.created_on = event.originator_id, event.timestamp
        event.evolve(self)
        self.version = event.originator_version
