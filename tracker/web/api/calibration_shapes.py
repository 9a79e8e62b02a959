"""The calibration part of the analysis answer: the owner's package ratings against their weights,
where the two disagree, and the weights fitted to the ratings (to take with calibrate_weights)."""

from __future__ import annotations

from marshmallow import Schema, fields


def _points(description: str) -> fields.Decimal:
    return fields.Decimal(required=True, allow_none=True, metadata={"description": description})


class RatedPackageOut(Schema):
    rating_id = fields.String(required=True)
    label = fields.String(required=True)
    rating = fields.Integer(required=True, metadata={"description": "The owner's rating by feel, 0-100."})
    score = _points("What the current weights score the package (null: nothing to score).")
    fitted = _points("What the proposed weights score it.")


class DisagreementOut(Schema):
    higher = fields.String(required=True, metadata={"description": "The package rated higher..."})
    lower = fields.String(required=True, metadata={"description": "...than this one, scored the other way."})
    sentence = fields.String(required=True)


class WeightChangeOut(Schema):
    term_key = fields.String(required=True)
    label = fields.String(required=True)
    current = fields.Integer(required=True)
    proposed = fields.Integer(required=True)


class CalibrationOut(Schema):
    status = fields.String(
        required=True, metadata={"enum": ["no_priorities", "needs_ratings", "agrees", "disagrees"]}
    )
    summary = fields.String(required=True)
    packages = fields.List(fields.Nested(RatedPackageOut), required=True)
    disagreements = fields.List(fields.Nested(DisagreementOut), required=True)
    weights = fields.List(fields.Nested(WeightChangeOut), required=True)
    proposed_weights = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        required=True,
        metadata={"description": "Term key -> proposed weight: the body's `weights` for calibrate_weights."},
    )
    order_agreement = _points("Kendall's tau between the ratings and the computed scores (-1 to 1).")
    error_before = _points("Mean distance in points between the ratings and the current scores.")
    error_after = _points("The same with the proposed weights.")
    left_out = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Weighted terms that cannot be scored or fitted."},
    )
