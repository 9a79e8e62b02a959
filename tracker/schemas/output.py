"""Output schemas: how negotiations, proposals and timeline entries are shown to API clients.

Every field is typed (enums list their values, nullable ones say so) so the OpenAPI document built
from these schemas describes the answers exactly. ``required=True`` documents "always present".
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, pre_dump

from tracker.audit.exporting import to_json
from tracker.domain.vocabulary import (
    AllyStance,
    AlternativeKind,
    Better,
    Channel,
    GoalArea,
    Horizon,
    NegotiationKind,
    OpportunityType,
    ProposalStatus,
    Side,
    Stage,
    TermKind,
    Tone,
)

DECIMAL = {"type": "string", "description": 'A decimal number as a string, e.g. "120000.50".'}
VALUES = {
    "type": "object",
    "additionalProperties": {},
    "description": 'Term key -> value: money as {"amount": "120000", "currency": "EUR"}, '
    "numbers as strings of decimals, true/false, YYYY-MM-DD, an option, text.",
}


class JsonValue(fields.Field):
    """Any stored value, as plain JSON (Decimals as strings, dates ISO 8601)."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        return to_json(value)


def choice(choice_enum: Any, attribute: str | None = None) -> fields.String:
    """A string holding one of an enum's values (documented with them)."""
    return fields.String(required=True, attribute=attribute, metadata={"enum": choice_enum.values()})


class PartyOut(Schema):
    party_id = fields.String(required=True)
    name = fields.String(required=True)
    role = fields.String(required=True)
    side = choice(Side)
    active = fields.Boolean(required=True)


class TermOut(Schema):
    key = fields.String(required=True)
    label = fields.String(required=True)
    kind = fields.Enum(TermKind, by_value=True, required=True)
    better = fields.Enum(Better, by_value=True, required=True)
    currency = fields.String(required=True, allow_none=True)
    unit = fields.String(required=True, allow_none=True)
    options = fields.List(fields.String(), required=True)
    minimum = fields.Decimal(
        data_key="min",
        as_string=True,
        required=True,
        allow_none=True,
        metadata={"description": "The term's own lowest value (null: its kind's default)."},
    )
    maximum = fields.Decimal(
        data_key="max",
        as_string=True,
        required=True,
        allow_none=True,
        metadata={"description": "The term's own highest value (null: its kind's default)."},
    )


class PriorityOut(Schema):
    term_key = fields.String(required=True)
    weight = fields.Integer(required=True)
    target = JsonValue(required=True, allow_none=True)
    walk_away = JsonValue(required=True, allow_none=True)
    ratings = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    party_id = fields.String(
        required=True, allow_none=True, metadata={"description": "Whose priority; null: the owner's own."}
    )


class AspirationOut(Schema):
    horizon = choice(Horizon)
    area = choice(GoalArea)
    text = fields.String(required=True)


class ResearchOut(Schema):
    research_id = fields.String(required=True)
    term_key = fields.String(required=True, allow_none=True)
    source = fields.String(required=True)
    low = JsonValue(required=True, allow_none=True, metadata=DECIMAL)
    typical = JsonValue(required=True, allow_none=True, metadata=DECIMAL)
    high = JsonValue(required=True, allow_none=True, metadata=DECIMAL)
    text = fields.String(required=True)
    link = fields.String(required=True)


class AllyActionOut(Schema):
    action = fields.String(required=True)
    channel = fields.String(required=True, allow_none=True)
    occurred_at = fields.AwareDateTime(required=True, allow_none=True)
    version = fields.Integer(required=True)


class AllyOut(Schema):
    ally_id = fields.String(required=True)
    name = fields.String(required=True)
    relationship = fields.String(required=True)
    stance = choice(AllyStance)
    note = fields.String(required=True)
    actions = fields.List(fields.Nested(AllyActionOut), required=True)


class AlternativeOut(Schema):
    alternative_id = fields.String(required=True)
    label = fields.String(required=True)
    kind = choice(AlternativeKind)
    values = JsonValue(required=True, metadata=VALUES)
    deadline = fields.String(required=True, allow_none=True, metadata={"format": "date"})
    notes = fields.String(required=True)


class ResponseOut(Schema):
    party = fields.String(required=True)
    action = fields.String(required=True, metadata={"enum": ["accepted", "rejected", "withdrawn"]})
    reason = fields.String(required=True)
    version = fields.Integer(required=True)


class ProposalOut(Schema):
    proposal_id = fields.String(required=True)
    from_party = fields.String(required=True)
    to_parties = fields.List(fields.String(), required=True)
    values = JsonValue(required=True, metadata=VALUES)
    rationale = fields.String(required=True)
    in_reply_to = fields.String(required=True, allow_none=True)
    status = choice(ProposalStatus)
    status_label = fields.String(
        required=True,
        metadata={
            "description": "The status as a person reads it: 'accepted by 1 of 2' while some addressed parties "
            "have accepted an open proposal.",
            "example": "accepted by 1 of 2",
        },
    )
    accepted_by = fields.List(fields.String(), required=True)
    responses = fields.List(fields.Nested(ResponseOut), required=True)
    made_version = fields.Integer(required=True)
    made_at = fields.AwareDateTime(required=True)


class InteractionOut(Schema):
    channel = choice(Channel)
    participants = fields.List(fields.String(), required=True)
    summary = fields.String(required=True)
    tone = choice(Tone)
    occurred_at = fields.AwareDateTime(required=True, allow_none=True)
    version = fields.Integer(required=True)


class NoteOut(Schema):
    text = fields.String(required=True)
    version = fields.Integer(required=True)


class NegotiationSummaryOut(Schema):
    id = fields.UUID(required=True)
    version = fields.Integer(required=True)
    stage = choice(Stage, attribute="stage_value")
    title = fields.String(required=True)
    kind = choice(NegotiationKind, attribute="kind_value")
    opportunity_type = choice(OpportunityType, attribute="opportunity_type_value")
    owner = fields.String(required=True)
    created_on = fields.AwareDateTime(required=True)
    modified_on = fields.AwareDateTime(required=True)


class NegotiationOut(NegotiationSummaryOut):
    description = fields.String(required=True)
    parties = fields.List(fields.Nested(PartyOut), required=True)
    terms = fields.List(fields.Nested(TermOut), required=True)
    removed_terms = fields.List(fields.Nested(TermOut), required=True)
    priorities = fields.List(fields.Nested(PriorityOut), required=True)
    aspirations = fields.List(fields.Nested(AspirationOut), required=True)
    research = fields.List(fields.Nested(ResearchOut), required=True)
    allies = fields.List(fields.Nested(AllyOut), required=True)
    alternatives = fields.List(fields.Nested(AlternativeOut), required=True)
    proposals = fields.List(fields.Nested(ProposalOut), required=True)
    interactions = fields.List(fields.Nested(InteractionOut), required=True)
    notes = fields.List(fields.Nested(NoteOut), required=True)
    latest_positions = JsonValue(
        required=True,
        metadata={
            "type": "object",
            "additionalProperties": VALUES,
            "description": "Each party's latest proposed value for each term: {party_id: {term_key: value}}.",
        },
    )
    final_terms = JsonValue(required=True, metadata=VALUES)
    agreed_proposal = fields.String(required=True, allow_none=True)
    lessons = fields.List(fields.String(), required=True)
    reopened_count = fields.Integer(required=True)

    @pre_dump
    def collections(self, negotiation: Any, **_: Any) -> dict[str, Any]:
        """The state's mappings as lists, every other attribute as it is."""
        names = [field.attribute or name for name, field in self.fields.items()]
        view = {name: getattr(negotiation, name, None) for name in names}
        view.update(
            parties=list(negotiation.parties.values()),
            terms=list(negotiation.terms.values()),
            removed_terms=list(negotiation.removed_terms.values()),
            priorities=[p for per_party in negotiation.priorities.values() for p in per_party.values()],
            allies=list(negotiation.allies.values()),
            alternatives=list(negotiation.alternatives.values()),
            proposals=negotiation.proposals_in_order(),
            latest_positions=negotiation.latest_positions(),
        )
        return view


class ConclusionOut(Schema):
    outcome = choice(Stage, attribute="stage_value")
    final_terms = JsonValue(required=True, metadata=VALUES)
    agreed_proposal = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "The proposal every addressed party accepted."},
    )
    lessons = fields.List(fields.String(), required=True)


class TimelineEntryOut(Schema):
    version = fields.Integer(required=True)
    event_type = fields.String(required=True)
    actor = fields.String(required=True)
    recorded_at = fields.AwareDateTime(required=True)
    occurred_at = fields.AwareDateTime(required=True, allow_none=True)
    sentence = fields.String(required=True)
    data = JsonValue(required=True, metadata={"type": "object", "additionalProperties": {}})
    digest = fields.String(required=True)
