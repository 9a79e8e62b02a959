"""The "scores then and now" part of the analysis answer: each package scored against the owner's
priorities in force when it was recorded and against today's, with the priority steps in between."""

from __future__ import annotations

from marshmallow import Schema, fields


class PriorityChangeOut(Schema):
    term_key = fields.String(required=True)
    label = fields.String(required=True)
    version = fields.Integer(required=True, metadata={"description": "The version of the priority step."})
    recorded_at = fields.AwareDateTime(required=True)
    words = fields.String(required=True, metadata={"description": 'What changed, e.g. "weight 20 → 40".'})


class ScoreThenAndNowOut(Schema):
    package_key = fields.String(required=True)
    label = fields.String(required=True)
    version = fields.Integer(
        required=True, metadata={"description": "The version that recorded the package."}
    )
    recorded_at = fields.AwareDateTime(required=True, allow_none=True)
    then = fields.Decimal(
        required=True, allow_none=True, metadata={"description": "Against the priorities in force then."}
    )
    now = fields.Decimal(
        required=True, allow_none=True, metadata={"description": "Against today's priorities."}
    )
    score_moved = fields.Boolean(
        required=True, metadata={"description": "Whether the two differ in whole points."}
    )
    changes = fields.List(fields.Nested(PriorityChangeOut), required=True)
    sentence = fields.String(required=True)


class DriftOut(Schema):
    rows = fields.List(fields.Nested(ScoreThenAndNowOut), required=True)
    summary = fields.String(required=True)
