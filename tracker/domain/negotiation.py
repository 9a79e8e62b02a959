"""The Negotiation aggregate: its state, the chained recording of events, and queries on it.

Commands live in mixins: ``preparation`` (goals, parties, terms, priorities, research, allies,
alternatives), ``calibration`` (rating whole packages, taking fitted weights), ``value_case`` (the
value case and the authority map), ``money_schedule`` (how a money term pays out year by year),
``bargaining`` (proposals and answers, interactions, notes, stage and outcome) and ``provenance``
(the mark an import leaves).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Any
from uuid import UUID, uuid4, uuid5

from eventsourcing.domain import Aggregate
from eventsourcing.utils import get_topic

from tracker.domain import events as ev
from tracker.domain.approvals import ApprovalCommands
from tracker.domain.bargaining import BargainingCommands
from tracker.domain.calibration import CalibrationCommands
from tracker.domain.chain import GENESIS, event_digest
from tracker.domain.copying import copy_negotiation
from tracker.domain.deadlines import DeadlineCommands
from tracker.domain.errors import InvalidValue, NegotiationClosed
from tracker.domain.limits import SHORT_TEXT
from tracker.domain.money_schedule import MoneyScheduleCommands
from tracker.domain.preparation import PreparationCommands
from tracker.domain.provenance import ProvenanceCommands
from tracker.domain.requests import request_key
from tracker.domain.snapshot import PackedSnapshot
from tracker.domain.state import (
    Ally,
    Alternative,
    Aspiration,
    Interaction,
    Note,
    Party,
    Priority,
    Proposal,
    Research,
)
from tracker.domain.terms import TermSpec, optional_text, parse_moment, require_text
from tracker.domain.value_case import ValueCaseCommands
from tracker.domain.vocabulary import NegotiationKind, OpportunityType, Stage

FUTURE_SKEW = timedelta(minutes=10)
REQUEST_NAMESPACE = UUID("5b0c4a8e-2f55-4a0e-9d0c-7f1c3c1e8a41")


def new_negotiation_id(actor: str, request_id: str | None) -> UUID:
    """A start submitted twice (same actor, same request key) names the same negotiation."""
    return uuid5(REQUEST_NAMESPACE, f"{actor}\n{request_key(request_id)}") if request_id else uuid4()


def check_actor(actor: object) -> str:
    return require_text(actor, "actor", 200)


def check_occurred_at(occurred_at: object) -> datetime | None:
    """When the step really happened: timezone-aware, not in the future."""
    occurred_at = parse_moment(occurred_at, "occurred_at")
    if occurred_at is not None and occurred_at > datetime.now(UTC) + FUTURE_SKEW:
        raise InvalidValue("A step cannot have happened in the future.", "occurred_at")
    return occurred_at


class Negotiation(
    PreparationCommands,
    CalibrationCommands,
    ValueCaseCommands,
    MoneyScheduleCommands,
    DeadlineCommands,
    ApprovalCommands,
    BargainingCommands,
    ProvenanceCommands,
    Aggregate,
):
    """One negotiation. Nothing is updated in place: every change is an event."""

    Snapshot = PackedSnapshot  # collections stored as tables: quick to load after thousands of steps
    #: No ratings until the first one (set on the instance then, each rating replacing the list), so
    #: that a snapshot taken before ratings existed and a replay of the same events hold the same state.
    package_ratings = ()  # not annotated: an annotation would make it a dataclass field, set by __init__
    value_case = ()  # the owner's value case (ValueEntry), set on the instance by the first entry
    citations = MappingProxyType({})  # proposal id -> the value-case entries it cites
    authority = MappingProxyType({})  # term key -> party id -> "decides", "advises" or "blocks"
    money_schedules = MappingProxyType({})  # package key ("" for every package) -> term key -> schedule
    decide_by = None  # the day the owner means to decide by (ISO date), if set
    answer_wanted_by = MappingProxyType({})  # proposal id -> when its maker wants an answer by (UTC)
    approvals = MappingProxyType({})  # proposal id -> who must approve it, their decisions, its status
    follow_ups = MappingProxyType({})  # an interaction's version (text) -> the day to follow it up (ISO date)
    __deepcopy__ = copy_negotiation  # shares the never-changed entries of notes, interactions...

    @classmethod
    def start(
        cls,
        *,
        actor: str,
        title: object,
        kind: object,
        opportunity_type: object = "standard",
        description: object = "",
        occurred_at: datetime | None = None,
        request_id: str | None = None,
    ) -> Negotiation:
        fields: dict[str, Any] = dict(
            actor=check_actor(actor),
            occurred_at=check_occurred_at(occurred_at),
            request_id=request_id,
            prev_digest=GENESIS,
            title=require_text(title, "title", SHORT_TEXT),
            kind=NegotiationKind.parse(kind, "kind").value,
            opportunity_type=OpportunityType.parse(opportunity_type or "standard", "opportunity_type").value,
            description=optional_text(description, "description"),
        )
        negotiation_id = new_negotiation_id(fields["actor"], request_id)
        timestamp = ev.Started.create_timestamp()
        state = dict(fields, timestamp=timestamp, originator_topic=get_topic(cls))
        digest = event_digest(get_topic(ev.Started), negotiation_id, 1, state)
        return cls._create(ev.Started, id=negotiation_id, timestamp=timestamp, digest=digest, **fields)

    def init_state(self, started: ev.Started) -> None:
        self.title = started.title
        self.kind_value = started.kind
        self.opportunity_type_value = started.opportunity_type
        self.description = started.description
        self.owner = started.actor
        self.stage_value = Stage.PREPARING.value
        self.head_digest = GENESIS
        self.request_ids: dict[str, int] = {}
        self.aspirations: list[Aspiration] = []
        self.parties: dict[str, Party] = {}
        self.terms: dict[str, TermSpec] = {}
        self.removed_terms: dict[str, TermSpec] = {}
        self.priorities: dict[str, dict[str, Priority]] = {}  # whose ("owner" or a party id) -> term key
        self.research: list[Research] = []
        self.allies: dict[str, Ally] = {}
        self.alternatives: dict[str, Alternative] = {}
        self.proposals: dict[str, Proposal] = {}
        self.interactions: list[Interaction] = []
        self.notes: list[Note] = []
        self.lessons: list[str] = []
        self.final_terms: dict[str, Any] = {}
        self.agreed_proposal: str | None = None
        self.reopened_count = 0

    # -- recording -----------------------------------------------------------------------------
    def record(
        self,
        event_class: type[ev.NegotiationEvent],
        *,
        actor: str,
        occurred_at: datetime | None = None,
        request_id: str | None = None,
        allow_closed: bool = False,
        **fields: Any,
    ) -> None:
        """Checks the common fields, chains the event to its predecessor and applies it."""
        if not allow_closed:
            self.require_open()
        fields.update(
            actor=check_actor(actor),
            occurred_at=check_occurred_at(occurred_at),
            request_id=request_id,
            prev_digest=self.head_digest,
        )
        timestamp = event_class.create_timestamp()
        digest = event_digest(
            get_topic(event_class), self.id, self.version + 1, dict(fields, timestamp=timestamp)
        )
        self.trigger_event(event_class, timestamp=timestamp, digest=digest, **fields)

    def require_open(self) -> None:
        if self.stage.is_closed:
            raise NegotiationClosed(
                f"This negotiation is closed ({self.stage.label}); reopen it to record new steps."
            )

    def seen_request(self, request_id: str | None) -> int | None:
        """The version recorded for a request id already handled (a double submit), else None."""
        return self.request_ids.get(request_key(request_id)) if request_id else None

    # -- queries ---------------------------------------------------------------------------------
    @property
    def stage(self) -> Stage:
        return Stage(self.stage_value)

    @property
    def kind(self) -> NegotiationKind:
        return NegotiationKind(self.kind_value)

    @property
    def opportunity_type(self) -> OpportunityType:
        return OpportunityType(self.opportunity_type_value)

    @property
    def negotiation_id(self) -> UUID:
        return self.id

    def active_parties(self) -> dict[str, Party]:
        return {pid: p for pid, p in self.parties.items() if p.active}

    def weighed_terms(self) -> list[str]:
        """The keys of the terms on the table the owner weighs (weight above 0): the owner's asks."""
        return [k for k, p in self.priorities.get("owner", {}).items() if p.weight > 0 and k in self.terms]

    def party_name(self, party_id: str) -> str:
        party = self.parties.get(party_id)
        return party.display if party else party_id

    def term_spec(self, key: str) -> TermSpec | None:
        return self.terms.get(key) or self.removed_terms.get(key)

    def proposals_in_order(self) -> list[Proposal]:
        return sorted(self.proposals.values(), key=lambda p: p.made_version)

    def proposal_number(self, proposal_id: str | None) -> int | None:
        """A proposal's number as people count them: 1, 2, 3... in the order they were made."""
        for number, proposal in enumerate(self.proposals_in_order(), start=1):
            if proposal.proposal_id == proposal_id:
                return number
        return None

    def proposal_name(self, proposal_id: str | None, *, first: bool = False) -> str:
        """How a person names a proposal: "proposal #2 from Dana Kim" (never the internal id alone);
        ``first``: at the start of a sentence ("Proposal #2 ...")."""
        proposal = self.proposals.get(proposal_id) if proposal_id else None
        number = self.proposal_number(proposal_id)
        if proposal is None or number is None:
            name = f"proposal {proposal_id}"
        else:
            party = self.parties.get(proposal.from_party)
            name = f"proposal #{number} from {party.name if party else proposal.from_party}"
        return "P" + name[1:] if first else name

    def latest_positions(self) -> dict[str, dict[str, Any]]:
        """Each party's latest proposed value for each term: {party_id: {term_key: value}}."""
        positions: dict[str, dict[str, Any]] = {}
        for proposal in self.proposals_in_order():
            if proposal.status == "withdrawn":
                continue
            positions.setdefault(proposal.from_party, {}).update(proposal.values)
        return positions

    def owner_priorities(self) -> dict[str, Priority]:
        return self.priorities.get("owner", {})
