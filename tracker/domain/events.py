"""The negotiation's events, in the past tense. Each one records who logged it (``actor``), when it
was recorded (``timestamp``), when the step really happened if given (``occurred_at``), and its place
in the hash chain (``prev_digest``, ``digest``). ``evolve`` applies the event to the state; every
check happens in the command before the event exists, so replay never fails.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from eventsourcing.domain import Aggregate

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
from tracker.domain.terms import TermSpec
from tracker.domain.vocabulary import ProposalStatus, Stage

if TYPE_CHECKING:  # pragma: no cover
    from tracker.domain.negotiation import Negotiation


class NegotiationEvent(Aggregate.Event):
    actor: str
    occurred_at: datetime | None
    request_id: str | None
    prev_digest: str
    digest: str

    def apply(self, aggregate: Any) -> None:
        self.evolve(aggregate)
        aggregate.head_digest = self.digest
        if self.request_id:
            aggregate.request_ids[self.request_id] = self.originator_version

    def evolve(self, agg: Negotiation) -> None:  # pragma: no cover - overridden
        pass


class Started(NegotiationEvent, Aggregate.Created):
    title: str
    kind: str
    opportunity_type: str
    description: str

    def evolve(self, agg: Negotiation) -> None:
        agg.init_state(self)


class AspirationRecorded(NegotiationEvent):
    horizon: str
    area: str
    text: str

    def evolve(self, agg: Negotiation) -> None:
        agg.aspirations.append(Aspiration(self.horizon, self.area, self.text))


class PartyJoined(NegotiationEvent):
    party_id: str
    name: str
    role: str
    side: str

    def evolve(self, agg: Negotiation) -> None:
        agg.parties[self.party_id] = Party(self.party_id, self.name, self.role, self.side)


class PartyLeft(NegotiationEvent):
    party_id: str
    reason: str

    def evolve(self, agg: Negotiation) -> None:
        agg.parties[self.party_id].active = False


class TermAdded(NegotiationEvent):
    term: dict[str, Any]

    def evolve(self, agg: Negotiation) -> None:
        spec = TermSpec.from_event_data(self.term)
        agg.terms[spec.key] = spec
        agg.removed_terms.pop(spec.key, None)


class TermRevised(NegotiationEvent):
    term: dict[str, Any]

    def evolve(self, agg: Negotiation) -> None:
        spec = TermSpec.from_event_data(self.term)
        agg.terms[spec.key] = spec


class TermRemoved(NegotiationEvent):
    key: str
    reason: str

    def evolve(self, agg: Negotiation) -> None:
        agg.removed_terms[self.key] = agg.terms.pop(self.key)


class PrioritySet(NegotiationEvent):
    term_key: str
    weight: int
    target: Any
    walk_away: Any
    ratings: dict[str, int]
    party_id: str | None

    def evolve(self, agg: Negotiation) -> None:
        owner = self.party_id or "owner"
        agg.priorities.setdefault(owner, {})[self.term_key] = Priority(
            self.term_key, self.weight, self.target, self.walk_away, dict(self.ratings), self.party_id
        )


class ResearchLogged(NegotiationEvent):
    research_id: str
    term_key: str | None
    source: str
    low: Any
    typical: Any
    high: Any
    text: str
    link: str

    def evolve(self, agg: Negotiation) -> None:
        agg.research.append(
            Research(
                self.research_id,
                self.term_key,
                self.source,
                self.low,
                self.typical,
                self.high,
                self.text,
                self.link,
            )
        )


class AllyEnlisted(NegotiationEvent):
    ally_id: str
    name: str
    relationship: str
    stance: str
    note: str

    def evolve(self, agg: Negotiation) -> None:
        agg.allies[self.ally_id] = Ally(self.ally_id, self.name, self.relationship, self.stance, self.note)


class AllyActionLogged(NegotiationEvent):
    """Version 2 added ``channel`` (how the ally acted: call, email...; None when not given).

    How to evolve an event: never change a stored event. Add the field, raise ``class_version`` and
    add a static ``upcast_vN_vN+1(state)`` that gives old stored states the new field. The library
    stores ``class_version`` with new events and upcasts old ones as they are read; digests stay valid
    because they were computed over the state as stored (``class_version`` is not part of a digest).
    """

    class_version = 2
    ally_id: str
    action: str
    channel: str | None

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["channel"] = None

    def evolve(self, agg: Negotiation) -> None:
        agg.allies[self.ally_id].actions.append(
            {
                "action": self.action,
                "channel": self.channel,
                "occurred_at": self.occurred_at,
                "version": self.originator_version,
            }
        )


class AllyStanceChanged(NegotiationEvent):
    ally_id: str
    stance: str
    reason: str

    def evolve(self, agg: Negotiation) -> None:
        agg.allies[self.ally_id].stance = self.stance


class AlternativeLogged(NegotiationEvent):
    alternative_id: str
    label: str
    kind: str
    values: dict[str, Any]
    deadline: str | None
    notes: str

    def evolve(self, agg: Negotiation) -> None:
        agg.alternatives[self.alternative_id] = Alternative(
            self.alternative_id, self.label, self.kind, dict(self.values), self.deadline, self.notes
        )


class ProposalMade(NegotiationEvent):
    proposal_id: str
    from_party: str
    to_parties: list[str]
    values: dict[str, Any]
    rationale: str
    in_reply_to: str | None

    def evolve(self, agg: Negotiation) -> None:
        if self.in_reply_to and agg.proposals[self.in_reply_to].is_open:
            agg.proposals[self.in_reply_to].status = ProposalStatus.SUPERSEDED.value
        agg.proposals[self.proposal_id] = Proposal(
            self.proposal_id,
            self.from_party,
            list(self.to_parties),
            dict(self.values),
            self.rationale,
            self.in_reply_to,
            self.originator_version,
            self.timestamp,
            occurred_at=self.occurred_at,
        )
        if agg.stage_value == Stage.PREPARING.value:
            from_counterpart = agg.parties[self.from_party].side == "counterpart"
            agg.stage_value = (Stage.OFFER_RECEIVED if from_counterpart else Stage.NEGOTIATING).value
        elif agg.stage_value == Stage.OFFER_RECEIVED.value and len(agg.proposals) > 1:
            agg.stage_value = Stage.NEGOTIATING.value


class _ProposalAnswered(NegotiationEvent):
    proposal_id: str
    party: str
    reason: str

    def record(self, agg: Negotiation, action: str) -> Proposal:
        proposal = agg.proposals[self.proposal_id]
        proposal.responses.append(
            {"party": self.party, "action": action, "reason": self.reason, "version": self.originator_version}
        )
        return proposal


class ProposalAccepted(_ProposalAnswered):
    def evolve(self, agg: Negotiation) -> None:
        proposal = self.record(agg, "accepted")
        proposal.accepted_by.append(self.party)
        if not proposal.awaiting:
            proposal.status = ProposalStatus.ACCEPTED.value


class ProposalRejected(_ProposalAnswered):
    def evolve(self, agg: Negotiation) -> None:
        self.record(agg, "rejected").status = ProposalStatus.REJECTED.value


class ProposalWithdrawn(_ProposalAnswered):
    def evolve(self, agg: Negotiation) -> None:
        self.record(agg, "withdrawn").status = ProposalStatus.WITHDRAWN.value


class InteractionLogged(NegotiationEvent):
    channel: str
    participants: list[str]
    summary: str
    tone: str

    def evolve(self, agg: Negotiation) -> None:
        agg.interactions.append(
            Interaction(
                self.channel,
                list(self.participants),
                self.summary,
                self.tone,
                self.occurred_at,
                self.originator_version,
            )
        )


class NoteAdded(NegotiationEvent):
    text: str

    def evolve(self, agg: Negotiation) -> None:
        agg.notes.append(Note(self.text, self.originator_version))


class StageChanged(NegotiationEvent):
    stage: str
    reason: str

    def evolve(self, agg: Negotiation) -> None:
        agg.stage_value = self.stage


class Concluded(NegotiationEvent):
    outcome: str
    final_terms: dict[str, Any]
    proposal_id: str | None
    lessons: str

    def evolve(self, agg: Negotiation) -> None:
        agg.stage_value = self.outcome
        agg.final_terms = dict(self.final_terms)
        agg.agreed_proposal = self.proposal_id
        if self.lessons:
            agg.lessons.append(self.lessons)


class LessonsRecorded(NegotiationEvent):
    lessons: str

    def evolve(self, agg: Negotiation) -> None:
        agg.lessons.append(self.lessons)


class Reopened(NegotiationEvent):
    reason: str

    def evolve(self, agg: Negotiation) -> None:
        agg.stage_value = Stage.NEGOTIATING.value if agg.proposals else Stage.PREPARING.value
        agg.final_terms = {}
        agg.agreed_proposal = None
        agg.reopened_count += 1
