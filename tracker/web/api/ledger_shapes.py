"""The ledger of stated figures in the analysis answer: per term and party every figure stated, and
the contradictions (a party going back on a figure, or two figures in one round)."""

from __future__ import annotations

from marshmallow import Schema, fields


class StatementOut(Schema):
    version = fields.Integer(required=True, metadata={"description": "The step that recorded it."})
    recorded_at = fields.AwareDateTime(required=True)
    party_id = fields.String(required=True)
    term_key = fields.String(required=True)
    value = fields.Raw(required=True, metadata={"description": "As a proposal gives it."})
    source = fields.String(required=True, metadata={"enum": ["proposal", "interaction", "note"]})
    round = fields.Integer(
        required=True, metadata={"description": "Proposals recorded so far (each opens a round)."}
    )


class LedgerRowOut(Schema):
    term_key = fields.String(required=True)
    label = fields.String(required=True)
    party_id = fields.String(required=True)
    party = fields.String(required=True)
    statements = fields.List(fields.Nested(StatementOut), required=True)
    shown = fields.List(
        fields.String(), required=True, metadata={"description": "Each value as people read it."}
    )


class ContradictionOut(Schema):
    term_key = fields.String(required=True)
    party_id = fields.String(required=True)
    earlier = fields.Nested(StatementOut, required=True)
    later = fields.Nested(StatementOut, required=True)
    kind = fields.String(required=True, metadata={"enum": ["went_back", "same_round"]})
    sentence = fields.String(required=True)


class LedgerOut(Schema):
    rows = fields.List(fields.Nested(LedgerRowOut), required=True)
    contradictions = fields.List(fields.Nested(ContradictionOut), required=True)
