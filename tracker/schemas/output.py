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
    minimum = fields.Function(
        lambda spec: spec.bound_text(spec.minimum),
        data_key="min",
        required=True,
        allow_none=True,
        metadata={
            "type": "string",
            "description": "The term's own lowest value: a decimal string, or a date for a date term "
            "(null: its kind's default).",
        },
    )
    maximum = fields.Function(
        lambda spec: spec.bound_text(spec.maximum),
        data_key="max",
        required=True,
        allow_none=True,
        metadata={
            "type": "string",
            "description": "The term's own highest value: a decimal string, or a date for a date term "
            "(null: its kind's default).",
        },
    )
    step = fields.Function(
        lambda spec: None if spec.step is None else format(spec.step, "f"),
        required=True,
        allow_none=True,
        metadata={
            "type": "string",
            "description": "The step the win-win analysis takes between the term's values (in days for "
            "a date term; null: a round step giving at most 50 values).",
        },
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


class AuthorityOut(Schema):
    term_key = fields.String(required=True)
    party_id = fields.String(required=True)
    role = fields.String(required=True, metadata={"enum": ["decides", "advises", "blocks", "none"]})


class MoneyScheduleOut(Schema):
    term_key = fields.String(required=True)
    package_key = fields.String(
        required=True,
        metadata={"description": "Blank: every package; else proposal:<id> or alternative:<id>."},
    )
    kind = fields.String(required=True, metadata={"enum": ["vesting", "one_off", "bonus", "raise", "none"]})
    details = fields.Dict(
        keys=fields.String(),
        values=fields.Raw(),
        required=True,
        metadata={
            "description": "The kind's figures: vesting and cliff_months; clawback_months; guaranteed_years "
            "and payout_percent; raise_percent, raise_after_months and review_months."
        },
    )


class ValueEntryOut(Schema):
    entry_id = fields.String(required=True)
    kind = fields.String(
        required=True, metadata={"enum": ["achievement", "evidence", "skill", "market_data"]}
    )
    text = fields.String(required=True)
    link = fields.String(required=True)
    supports = fields.List(fields.String(), required=True, metadata={"description": "Term keys it supports."})


class PackageRatingOut(Schema):
    rating_id = fields.String(required=True)
    label = fields.String(required=True)
    values = JsonValue(required=True, metadata=VALUES)
    rating = fields.Integer(required=True)


class CalibratedWeightsOut(Schema):
    weights = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        required=True,
        metadata={"description": "The weights taken."},
    )
    rating_ids = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "The rated packages on record when they were taken."},
    )


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


class ImportMarkOut(Schema):
    """Where an imported record came from: who imported it, when, and whether its origin is proven."""

    by = fields.String(required=True, metadata={"description": "Who imported it."})
    at = fields.AwareDateTime(required=True)
    version = fields.Integer(required=True, metadata={"description": "The version of the import's own step."})
    origin = fields.String(
        required=True,
        metadata={
            "enum": ["this_installation", "trusted", "not_proven"],
            "description": "Signed by this installation, by a trusted one, or not proven (then the steps "
            "before the import are as the file says, not as recorded by anyone this tracker knows).",
        },
    )
    signer = fields.String(required=True, metadata={"description": "The trusted installation's name."})
    key_id = fields.String(required=True)
    reason = fields.String(required=True, metadata={"description": "Why the origin is not proven."})
    unproven_before = fields.Integer(
        required=True,
        metadata={
            "description": "The steps before this version came from a file whose origin is not proven "
            "(0: none did). A record imported twice keeps the earlier import's doubt."
        },
    )


class ApproverOut(Schema):
    approver = fields.String(required=True, metadata={"description": "The approver's email."})
    step = fields.Integer(
        required=True, metadata={"description": "1 first; approvers of one step decide in parallel."}
    )
    why = fields.String(
        required=True, metadata={"description": "The chain's conditions that asked for them."}
    )


class ApprovalDecisionOut(Schema):
    decision = fields.String(required=True, metadata={"enum": ["approved", "declined"]})
    comment = fields.String(required=True)
    version = fields.Integer(required=True, metadata={"description": "The version that recorded it."})


class ApprovalOut(Schema):
    """A proposal's approval under a team's chain."""

    status = fields.String(required=True, metadata={"enum": ["awaiting approval", "approved", "declined"]})
    team_id = fields.String(
        required=True, metadata={"description": "The team (or teams, comma-separated) whose chain asked."}
    )
    required = fields.List(fields.Nested(ApproverOut), required=True)
    decisions = fields.Dict(
        keys=fields.String(),
        values=fields.Nested(ApprovalDecisionOut),
        required=True,
        metadata={"description": "Approver -> their decision."},
    )
    waiting_on = fields.List(
        fields.String(), required=True, metadata={"description": "Whose decision is awaited now."}
    )


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
    package_ratings = fields.List(
        fields.Nested(PackageRatingOut),
        required=True,
        metadata={"description": "The whole packages the owner rated by feel (for calibrating weights)."},
    )
    value_case = fields.List(
        fields.Nested(ValueEntryOut),
        required=True,
        metadata={"description": "The owner's value case: entries and the asks they support."},
    )
    authority = fields.Method(
        "authority_rows",
        required=True,
        metadata={
            "type": "array",
            "items": {"$ref": "#/components/schemas/AuthorityOut"},
            "description": "The authority map: who decides, advises on or blocks each term.",
        },
    )
    money_schedules = fields.Method(
        "money_schedule_rows",
        required=True,
        metadata={
            "type": "array",
            "items": {"$ref": "#/components/schemas/MoneyScheduleOut"},
            "description": "How money terms pay out year by year, for every package or one.",
        },
    )
    citations = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        required=True,
        metadata={"description": "Proposal id -> the value-case entries it cites."},
    )
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
    decide_by = fields.String(
        required=True,
        allow_none=True,
        metadata={"format": "date", "description": "The day by which the owner means to decide."},
    )
    answer_wanted_by = fields.Dict(
        keys=fields.String(),
        values=fields.AwareDateTime(),
        required=True,
        metadata={"description": "Proposal id -> when its maker wants an answer by (respond_by)."},
    )
    follow_ups = fields.Dict(
        keys=fields.String(),
        values=fields.String(metadata={"format": "date"}),
        required=True,
        metadata={"description": "An interaction's version -> the day to follow it up."},
    )
    approvals = fields.Method(
        "approval_rows",
        required=True,
        metadata={
            "type": "object",
            "additionalProperties": {"$ref": "#/components/schemas/ApprovalOut"},
            "description": "Proposal id -> its approval under a team's approval chain (proposals that need one).",
        },
    )
    imported = fields.Nested(
        ImportMarkOut,
        required=True,
        allow_none=True,
        metadata={"description": "Set when the record was imported from a file: its origin."},
    )

    def money_schedule_rows(self, view: dict[str, Any]) -> list[dict[str, Any]]:
        return [
            {
                "term_key": term,
                "package_key": package,
                "kind": schedule["kind"],
                "details": {k: v for k, v in schedule.items() if k != "kind"},
            }
            for package, terms in (view.get("money_schedules") or {}).items()
            for term, schedule in terms.items()
        ]

    def approval_rows(self, view: dict[str, Any]) -> dict[str, Any]:
        return {
            pid: ApprovalOut().dump({**approval, "waiting_on": view["waiting_on"](pid)})
            for pid, approval in (view.get("approvals") or {}).items()
        }

    def authority_rows(self, view: dict[str, Any]) -> list[dict[str, str]]:
        return [
            {"term_key": term, "party_id": party, "role": role}
            for term, roles in (view.get("authority") or {}).items()
            for party, role in roles.items()
        ]

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
            waiting_on=negotiation.waiting_on,
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
