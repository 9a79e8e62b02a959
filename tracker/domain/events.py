"""The negotiation's events, in the past tense. Each one records who logged it (``actor``), when it
was recorded (``timestamp``), when the step really happened if given (``occurred_at``), and its place
in the hash chain (``prev_digest``, ``digest``). ``evolve`` applies the event to the state; every
check happens in the command before the event exists, so replay never fails.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from eventsourcing.domain import Aggregate

from tracker.domain.requests import request_key
from tracker.domain.state import (
    Ally,
    Alternative,
    Aspiration,
    Interaction,
    Note,
    PackageRating,
    Party,
    Priority,
    Proposal,
    Research,
    ValueEntry,
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
            aggregate.request_ids[request_key(self.request_id)] = self.originator_version

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


class PackageRated(NegotiationEvent):
    """The owner rated a whole package 0-100 (for calibrating their weights)."""

    rating_id: str
    label: str
    values: dict[str, Any]
    rating: int

    def evolve(self, agg: Negotiation) -> None:
        rating = PackageRating(self.rating_id, self.label, dict(self.values), self.rating)
        agg.package_ratings = [*agg.package_ratings, rating]


class WeightsCalibrated(NegotiationEvent):
    """The owner took new weights for their priorities, fitted to their package ratings."""

    weights: dict[str, int]
    rating_ids: list[str]

    def evolve(self, agg: Negotiation) -> None:
        own = agg.priorities.setdefault("owner", {})
        for key, weight in self.weights.items():
            if key in own:
                own[key] = replace(own[key], weight=weight)


class AuthorityMapped(NegotiationEvent):
    """Who can decide, advise on or block a term (role "none" takes the party off the term's map)."""

    term_key: str
    party_id: str
    role: str

    def evolve(self, agg: Negotiation) -> None:
        roles = {k: dict(v) for k, v in agg.authority.items()}
        if self.role == "none":
            roles.get(self.term_key, {}).pop(self.party_id, None)
        else:
            roles.setdefault(self.term_key, {})[self.party_id] = self.role
        agg.authority = {k: v for k, v in roles.items() if v}


class MoneyScheduleSet(NegotiationEvent):
    """How a money term pays out year by year (vesting, one-off, bonus or raise), for every package
    (``package_key`` "") or for one proposal or alternative; kind "none" takes the schedule off."""

    term_key: str
    package_key: str
    kind: str
    details: dict[str, Any]

    def evolve(self, agg: Negotiation) -> None:
        schedules = {k: dict(v) for k, v in agg.money_schedules.items()}
        if self.kind == "none":
            schedules.get(self.package_key, {}).pop(self.term_key, None)
        else:
            schedules.setdefault(self.package_key, {})[self.term_key] = {"kind": self.kind, **self.details}
        agg.money_schedules = {k: v for k, v in schedules.items() if v}


class ValueEntryAdded(NegotiationEvent):
    """An entry of the owner's value case (an achievement, evidence, a skill, market data)."""

    entry_id: str
    kind: str
    text: str
    link: str
    supports: list[str]

    def evolve(self, agg: Negotiation) -> None:
        entry = ValueEntry(self.entry_id, self.kind, self.text, self.link, list(self.supports))
        agg.value_case = [*agg.value_case, entry]


class ProposalMade(NegotiationEvent):
    """Version 2 added ``cites``: the value-case entries the proposal cites ([] before); version 3
    ``respond_by``: when its maker wants an answer by (None before)."""

    class_version = 3
    proposal_id: str
    from_party: str
    to_parties: list[str]
    values: dict[str, Any]
    rationale: str
    in_reply_to: str | None
    cites: list[str]
    respond_by: datetime | None

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["cites"] = []

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        state["respond_by"] = None

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
        if self.respond_by:
            agg.answer_wanted_by = {**agg.answer_wanted_by, self.proposal_id: self.respond_by}
        if self.cites:
            agg.citations = {**agg.citations, self.proposal_id: list(self.cites)}
        if agg.stage_value == Stage.PREPARING.value:
            from_counterpart = agg.parties[self.from_party].side == "counterpart"
            agg.stage_value = (Stage.OFFER_RECEIVED if from_counterpart else Stage.NEGOTIATING).value
        elif agg.stage_value == Stage.OFFER_RECEIVED.value and len(agg.proposals) > 1:
            agg.stage_value = Stage.NEGOTIATING.value


class ApprovalRequested(NegotiationEvent):
    """Who must approve the proposal before it counts as made (from a team's approval chain)."""

    proposal_id: str
    team_id: str
    approvers: list[dict[str, Any]]  # approver (email), step, why

    def evolve(self, agg: Negotiation) -> None:
        entry = {"team_id": self.team_id, "required": [dict(a) for a in self.approvers], "decisions": {}}
        agg.approvals = {**agg.approvals, self.proposal_id: {**entry, "status": "awaiting approval"}}


class _ApprovalDecided(NegotiationEvent):
    proposal_id: str
    comment: str

    decision = ""

    def evolve(self, agg: Negotiation) -> None:
        approval = dict(agg.approvals[self.proposal_id])
        decided = {"decision": self.decision, "comment": self.comment, "version": self.originator_version}
        approval["decisions"] = {**approval["decisions"], self.actor: decided}
        if self.decision == "declined":
            approval["status"] = "declined"
            agg.proposals[self.proposal_id].status = ProposalStatus.WITHDRAWN.value
        elif all(a["approver"] in approval["decisions"] for a in approval["required"]):
            approval["status"] = "approved"
        agg.approvals = {**agg.approvals, self.proposal_id: approval}


class ProposalApproved(_ApprovalDecided):
    decision = "approved"


class ProposalDeclined(_ApprovalDecided):
    """A required approver declined: the proposal is withdrawn."""

    decision = "declined"


class ProposalAmended(NegotiationEvent):
    """An unanswered proposal's figures changed (``changed``: the terms whose figure differs)."""

    proposal_id: str
    values: dict[str, Any]
    changed: list[str]
    reason: str

    def evolve(self, agg: Negotiation) -> None:
        agg.proposals[self.proposal_id].values = dict(self.values)


class ApprovalsVoided(NegotiationEvent):
    """The approvals given were voided: a figure the chain looks at changed (``terms``). The proposal
    needs approval again only if an ApprovalRequested follows (the chain may no longer ask for any)."""

    proposal_id: str
    terms: list[str]

    def evolve(self, agg: Negotiation) -> None:
        agg.approvals = {k: v for k, v in agg.approvals.items() if k != self.proposal_id}


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
    """Version 2 added the figures a party stated in it (``stated_by``, ``stated``: term key -> value;
    None and {} when none were typed), for the ledger of stated figures; version 3 the day to follow
    it up (``follow_up_on``, ISO date or None)."""

    class_version = 3
    channel: str
    participants: list[str]
    summary: str
    tone: str
    stated_by: str | None
    stated: dict[str, Any]
    follow_up_on: str | None

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["stated_by"], state["stated"] = None, {}

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        state["follow_up_on"] = None

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
        if self.follow_up_on:
            agg.follow_ups = {**agg.follow_ups, str(self.originator_version): self.follow_up_on}


class NoteAdded(NegotiationEvent):
    """Version 2 added the figures a party stated (as on InteractionLogged)."""

    class_version = 2
    text: str
    stated_by: str | None
    stated: dict[str, Any]

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["stated_by"], state["stated"] = None, {}

    def evolve(self, agg: Negotiation) -> None:
        agg.notes.append(Note(self.text, self.originator_version))


class DecisionDateSet(NegotiationEvent):
    """The day by which the owner means to decide (None: no decision date any more)."""

    decide_by: str | None
    reason: str

    def evolve(self, agg: Negotiation) -> None:
        agg.decide_by = self.decide_by


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


class Imported(NegotiationEvent):
    """The record above came in from an export file: who imported it, and whether its origin is proven
    (signed by this installation or by a trusted one) or not (unsigned, an unknown key, a bad signature).
    It is the importer's own step, chained after the file's events."""

    origin: str  # "this_installation", "trusted" or "not_proven"
    signer: str  # the trusted installation's name, or ""
    key_id: str  # the key that signed the file, or ""
    reason: str  # why the origin is not proven, or ""
    file_version: int
    file_head: str

    def evolve(self, agg: Negotiation) -> None:
        earlier = (agg.imported or {}).get("unproven_before", 0)  # a record imported more than once
        agg.imported = {
            "unproven_before": self.originator_version if self.origin == "not_proven" else earlier,
            "by": self.actor,
            "at": self.timestamp,
            "version": self.originator_version,
            "origin": self.origin,
            "signer": self.signer,
            "key_id": self.key_id,
            "reason": self.reason,
        }
