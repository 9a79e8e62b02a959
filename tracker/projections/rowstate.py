"""What a negotiation's summary row needs, folded from only the events that change it.

A summary row (rows.negotiation_row) reads the title, kind, owner, stage, creation time, version,
proposal count and active parties of a negotiation, and the sentence of its last step
(describe.describe), which names parties, terms and allies. Most events change none of that: notes,
interactions, research, priorities, answers to proposals... (``PASSIVE`` below). ``RowState`` is a
stand-in for the Negotiation aggregate that applies the other events with the domain's own
``evolve`` (so the stage follows exactly the domain's rules) and only counts the passive ones, which
therefore need no decoding unless one of them is the last step, whose sentence is shown.

A proposal (``PROPOSE``) counts for the row and moves the stage only while the stage is preparing
or offer received (ProposalMade.evolve); in any other stage it is only counted, undecoded, unless it
is the last step. A counted proposal is kept as a placeholder under its version (``Proposals``), so
the count and "are there proposals" stay exact; an answer to it (``in_reply_to``) finds a closed
stand-in, since what a proposal's status becomes is never read.

What a RowState does not follow (notes, proposal statuses, priorities...) is never read by a row or
a sentence; tests/projections/test_equivalence.py checks rows against the full aggregates.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from types import SimpleNamespace
from typing import Any
from uuid import UUID

from eventsourcing.utils import resolve_topic

from tracker.domain import events as ev
from tracker.domain.negotiation import Negotiation
from tracker.domain.state import Ally, Party, Proposal
from tracker.domain.terms import TermSpec
from tracker.domain.vocabulary import Stage

#: Events that change nothing a summary row or a step's sentence reads (see the module docstring).
PASSIVE: tuple[type, ...] = (
    ev.AspirationRecorded,
    ev.PrioritySet,
    ev.ResearchLogged,
    ev.AllyActionLogged,
    ev.AllyStanceChanged,
    ev.AlternativeLogged,
    ev.ProposalAccepted,
    ev.ProposalRejected,
    ev.ProposalWithdrawn,
    ev.InteractionLogged,
    ev.NoteAdded,
    ev.LessonsRecorded,
    ev.DecisionDateSet,
    ev.ApprovalRequested,
    ev.ProposalApproved,
    ev.ProposalDeclined,
    ev.ProposalAmended,
    ev.ApprovalsVoided,
)

SKIP, PASS, APPLY, PROPOSE = "skip", "pass", "apply", "propose"

#: The stages in which a proposal moves the stage on (ProposalMade.evolve).
PROPOSAL_MOVES = frozenset((Stage.PREPARING.value, Stage.OFFER_RECEIVED.value))
CLOSED_PROPOSAL = SimpleNamespace(is_open=False)


@cache
def kind_of(topic: str) -> str:
    """What a tracker notification of ``topic`` is to the summaries: not a negotiation event (SKIP), a
    passive one (PASS: counted, decoded only if last), a proposal (PROPOSE: decoded only if it can move
    the stage, see ``RowState.counts_proposals``), or one to decode and apply (APPLY)."""
    try:
        cls = resolve_topic(topic)
    except Exception:  # unknown to this code: decode it and let the mapper say what it is
        return APPLY
    if not (isinstance(cls, type) and issubclass(cls, ev.NegotiationEvent)):
        return SKIP
    if cls is ev.ProposalMade:
        return PROPOSE
    return PASS if issubclass(cls, PASSIVE) else APPLY


class Proposals(dict[str | int, Proposal | None]):
    """A RowState's proposals: the decoded ones by id, the counted ones as placeholders by version."""

    def __missing__(self, key: str | int) -> SimpleNamespace:
        return CLOSED_PROPOSAL  # a counted proposal, answered: its status is never read


class RowState:
    """A negotiation as far as its summary row goes. Built from a Started event, or from a full
    aggregate (``of``); then ``apply`` each non-passive event; a passive one only sets ``version``."""

    # What the aggregate's init_state sets and a row or a step's sentence reads (StepNames: the
    # sentence's part of the negotiation's read-only shape, tracker.domain.view).
    title: str
    kind_value: str
    opportunity_type_value: str
    owner: str
    stage_value: str
    parties: dict[str, Party]
    terms: dict[str, TermSpec]
    removed_terms: dict[str, TermSpec]
    allies: dict[str, Ally]
    proposals: Proposals

    # The aggregate's own queries, which read only what a RowState keeps.
    init_state = Negotiation.init_state
    active_parties = Negotiation.active_parties
    party_name = Negotiation.party_name
    term_spec = Negotiation.term_spec

    def __init__(self) -> None:
        self.id: UUID | None = None  # set by the Started event
        self.version = 0
        self.created_on: datetime | None = None
        self.previous: dict[str, Any] | None = None  # the times and owner of the row last built

    @classmethod
    def of(cls, aggregate: Negotiation, previous: dict[str, Any] | None) -> RowState:
        state = cls()
        state.__dict__.update(
            (name, value) for name, value in vars(aggregate).items() if not name.startswith("_")
        )
        state.id, state.version, state.created_on = aggregate.id, aggregate.version, aggregate.created_on
        state.proposals = Proposals(aggregate.proposals)
        state.previous = previous
        return state

    def apply(self, event: ev.NegotiationEvent) -> None:
        event.evolve(self)
        if isinstance(event, ev.Started):
            self.id, self.created_on, self.proposals = event.originator_id, event.timestamp, Proposals()
        self.version = event.originator_version

    @property
    def counts_proposals(self) -> bool:
        """Whether a ProposalMade now changes only the proposal count (the stage stays)."""
        return self.stage_value not in PROPOSAL_MOVES

    def count_proposal(self, version: int) -> None:
        """A ProposalMade left undecoded (``counts_proposals``): what its ``evolve`` does to a row."""
        self.proposals[version] = None
        self.version = version

    proposal_name = Negotiation.proposal_name

    def proposal_number(self, proposal_id: str | None) -> int | None:
        """The number of a proposal this state decoded, counting the undecoded ones made before it by
        their versions. One it never decoded has no number here: ``UnknownProposal``, so the caller
        names it from the full aggregate instead of writing a sentence the aggregate would not."""
        proposal = dict.get(self.proposals, proposal_id) if proposal_id else None
        if proposal is None:
            raise UnknownProposal(proposal_id)
        made = [key if value is None else value.made_version for key, value in self.proposals.items()]
        return 1 + sum(1 for version in made if version < proposal.made_version)


#: What the Negotiation class holds until an event first sets it on the instance (its money schedules,
#: authority, package ratings, value case, citations, an import's mark...): empty and never changed in place, so a
#: RowState holds the same, and an event that reads one before replacing it (MoneyScheduleSet,
#: AuthorityMapped, PackageRated, ValueEntryAdded, Imported, a ProposalMade citing the value case...) evolves a
#: RowState as it does the aggregate.
_DEFAULTS: dict[str, Any] = {}
for _cls in reversed(Negotiation.__mro__):  # the tracker's own classes (provenance's ``imported``...)
    if _cls.__module__.startswith("tracker."):
        _DEFAULTS.update(
            (name, value)
            for name, value in vars(_cls).items()
            if not (name.startswith("_") or callable(value))
            and not isinstance(value, (classmethod, staticmethod, property))
        )
for _name, _value in _DEFAULTS.items():
    if not hasattr(RowState, _name):
        setattr(RowState, _name, _value)


class UnknownProposal(LookupError):
    """A step's sentence names a proposal that a RowState counted without decoding."""
