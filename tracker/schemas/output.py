"""Output schemas: how negotiations, proposals and timeline entries are shown to API clients."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

from tracker.exporting import to_json


class JsonValue(fields.Field):
    """Any stored value, as plain JSON (Decimals as strings, dates ISO 8601)."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        return to_json(value)


class PartyOut(Schema):
    party_id = fields.String()
    name = fields.String()
    role = fields.String()
    side = fields.String()
    active = fields.Boolean()


class TermOut(Schema):
    key = fields.String()
    label = fields.String()
    kind = fields.Function(lambda t: t.kind.value)
    better = fields.Function(lambda t: t.better.value)
    currency = fields.String(allow_none=True)
    unit = fields.String(allow_none=True)
    options = fields.List(fields.String())


class PriorityOut(Schema):
    term_key = fields.String()
    weight = fields.Integer()
    target = JsonValue(allow_none=True)
    walk_away = JsonValue(allow_none=True)
    ratings = fields.Dict(keys=fields.String(), values=fields.Integer())
    party_id = fields.String(allow_none=True)


class ProposalOut(Schema):
    proposal_id = fields.String()
    from_party = fields.String()
    to_parties = fields.List(fields.String())
    values = JsonValue()
    rationale = fields.String()
    in_reply_to = fields.String(allow_none=True)
    status = fields.String()
    accepted_by = fields.List(fields.String())
    made_version = fields.Integer()
    made_at = fields.AwareDateTime()


class NegotiationOut(Schema):
    id = fields.UUID()
    version = fields.Integer()
    stage = fields.Function(lambda n: n.stage.value)
    title = fields.String()
    kind = fields.Function(lambda n: n.kind.value)
    opportunity_type = fields.Function(lambda n: n.opportunity_type.value)
    description = fields.String()
    owner = fields.String()
    created_on = fields.AwareDateTime()
    modified_on = fields.AwareDateTime()
    parties = fields.Function(lambda n: PartyOut(many=True).dump(n.parties.values()))
    terms = fields.Function(lambda n: TermOut(many=True).dump(n.terms.values()))
    priorities = fields.Function(lambda n: PriorityOut(many=True).dump(
        [p for per_party in n.priorities.values() for p in per_party.values()]))
    proposals = fields.Function(lambda n: ProposalOut(many=True).dump(n.proposals_in_order()))
    latest_positions = fields.Function(lambda n: to_json(n.latest_positions()))
    final_terms = JsonValue()
    lessons = fields.List(fields.String())


class NegotiationSummaryOut(Schema):
    id = fields.UUID()
    version = fields.Integer()
    stage = fields.Function(lambda n: n.stage.value)
    title = fields.String()
    kind = fields.Function(lambda n: n.kind.value)


class TimelineEntryOut(Schema):
    version = fields.Integer()
    event_type = fields.String()
    actor = fields.String()
    recorded_at = fields.AwareDateTime()
    occurred_at = fields.AwareDateTime(allow_none=True)
    sentence = fields.String()
    data = JsonValue()
    digest = fields.String()
