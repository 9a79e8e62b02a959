"""The win-win part of the analysis answer: the frontier of the whole space of packages, the
bargaining points, the ZOPA, and for each proposal the better deal for everyone, if one exists."""

from __future__ import annotations

from marshmallow import Schema, fields

SCORES = {"description": 'Perspective ("owner" or a party_id) -> score 0-100.'}


def _scores() -> fields.Dict:
    return fields.Dict(keys=fields.String(), values=fields.Decimal(), required=True, metadata=SCORES)


class DealOut(Schema):
    values = fields.Raw(
        required=True,
        metadata={
            "type": "object",
            "additionalProperties": {},
            "description": "Term key -> value, as a proposal gives it (money as amount and currency).",
        },
    )
    shown = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        required=True,
        metadata={"description": "Term key -> the value as people read it."},
    )
    scores = _scores()


class ChangeOut(Schema):
    term_key = fields.String(required=True)
    label = fields.String(required=True)
    before = fields.String(required=True)
    after = fields.String(required=True)


class ImprovementOut(Schema):
    package_key = fields.String(required=True)
    label = fields.String(required=True)
    improvable = fields.Boolean(
        required=True, metadata={"description": "A package of the space is better for everyone."}
    )
    scores = _scores()
    better = fields.Nested(DealOut, required=True, allow_none=True)
    changes = fields.List(fields.Nested(ChangeOut), required=True)
    sentence = fields.String(required=True, metadata={"description": "The changes and the scores, in words."})


class SuggestionOut(Schema):
    deal = fields.Nested(DealOut, required=True)
    reason = fields.String(required=True, metadata={"description": "Why this package, in one line."})


class TradeHintOut(Schema):
    term_key = fields.String(required=True)
    label = fields.String(required=True)
    yours = fields.Integer(
        required=True, metadata={"description": "The term's share of your total weight, %."}
    )
    theirs = fields.Integer(required=True, metadata={"description": "Its share of the other side's, %."})
    other = fields.String(required=True)
    sentence = fields.String(required=True)


class VerdictOut(Schema):
    package_key = fields.String(required=True)
    label = fields.String(required=True)
    improvable = fields.Boolean(required=True, metadata={"description": "With the priorities as entered."})
    holds = fields.Boolean(required=True, metadata={"description": "The same under every weighting tried."})
    depends_on = fields.List(
        fields.String(),
        required=True,
        metadata={
            "description": 'The weightings that change the verdict, e.g. "Dana Kim\'s weight on Title (20% lower)".'
        },
    )
    sentence = fields.String(required=True)


class SensitivityOut(Schema):
    tried = fields.Integer(
        required=True,
        metadata={
            "description": "Other weightings tried: each of the other sides' weights 20% lower and higher."
        },
    )
    verdicts = fields.List(fields.Nested(VerdictOut), required=True)
    summary = fields.String(required=True)


class FrontierOut(Schema):
    perspectives = fields.List(fields.String(), required=True)
    labels = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    left_out = fields.List(
        fields.String(), required=True, metadata={"description": "Parties whose priorities are not entered."}
    )
    space_size = fields.Integer(required=True, metadata={"description": "How many packages the space holds."})
    notes = fields.List(
        fields.String(), required=True, metadata={"description": "How each range was chosen."}
    )
    disagreement = _scores()
    frontier_size = fields.Integer(required=True)
    points = fields.List(
        fields.Nested(DealOut),
        required=True,
        metadata={"description": "At most 50, spread over the frontier."},
    )
    nash = fields.Nested(DealOut, required=True, allow_none=True)
    kalai = fields.Nested(DealOut, required=True, allow_none=True)
    welfare = fields.Nested(DealOut, required=True, allow_none=True)
    zopa = fields.Boolean(
        required=True,
        metadata={"description": "Some package gives every party at least its best alternative."},
    )
    summary = fields.String(required=True)
    improvements = fields.List(fields.Nested(ImprovementOut), required=True)
    suggestions = fields.List(
        fields.Nested(SuggestionOut),
        required=True,
        metadata={"description": "Up to three frontier packages to propose next, from the owner's side."},
    )
    trade_hints = fields.List(
        fields.Nested(TradeHintOut),
        required=True,
        metadata={"description": "Terms the sides weigh most differently, most different first."},
    )
    sensitivity = fields.Nested(
        SensitivityOut,
        required=True,
        allow_none=True,
        metadata={
            "description": "Whether each verdict holds when the other sides' weights move (null: nothing to check)."
        },
    )
