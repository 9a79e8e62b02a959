"""Input schemas: one per command of the application service, the public field names of the API."""

from __future__ import annotations

from marshmallow import fields, validate

from tracker.domain.limits import CURRENCY_TEXT, KEY_TEXT, LINK_TEXT, LONG_TEXT, SHORT_TEXT
from tracker.domain.vocabulary import (
    AllyStance,
    AlternativeKind,
    Better,
    Channel,
    GoalArea,
    Horizon,
    NegotiationKind,
    OpportunityType,
    Outcome,
    Side,
    Stage,
    TermKind,
    Tone,
)
from tracker.schemas.common import StepSchema, one_of, text_field

VALUE = fields.Raw(
    metadata={
        "description": 'A term value: money as {"amount": "120000", "currency": '
        '"EUR"}; numbers as strings of decimals; true/false; '
        "YYYY-MM-DD; an option; text."
    }
)
VALUES = fields.Dict(
    keys=fields.String(validate=validate.Length(min=1, max=40)),
    values=fields.Raw(),
    metadata={"description": "Term key -> value (see a term's kind)."},
)


class Figure(fields.Decimal):
    """A decimal figure as a person types it: "122,000" is 122000 (thousands separators allowed)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            value = value.strip().replace(",", "").replace("_", "")
        return super()._deserialize(value, attr, data, **kwargs)


class SizedLength(validate.Length):
    """A length limit for a field that takes several shapes (text or a list): what has no length is
    left to the domain, which says what is wrong with it."""

    def __call__(self, value):
        return super().__call__(value) if isinstance(value, (str, list, tuple, dict)) else value


class OptionalDecimal(fields.Decimal):
    """A decimal that may be left blank: a form sends an empty input as "", which means not given."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str) and not value.strip():
            return None
        return super()._deserialize(value, attr, data, **kwargs)


def bound(name: str, which: str) -> fields.Decimal:
    """A numeric term's own ``min`` or ``max`` (a money term's in its currency); blank is not given."""
    return OptionalDecimal(
        data_key=name,
        load_default=None,
        as_string=True,
        allow_nan=False,
        metadata={
            "description": f"The {which} value the term allows (numeric terms; a "
            "money term's in its currency). Not given: money, number, "
            "days and percent are at least 0, a percentage at most "
            "100, days at most 366."
        },
    )


PARTY_IDS = fields.List(
    fields.String(validate=validate.Length(min=1, max=20)), validate=validate.Length(max=50)
)


class NegotiationCreateSchema(StepSchema):
    title = text_field(SHORT_TEXT, required=True)
    kind = one_of(NegotiationKind, required=True)
    opportunity_type = one_of(OpportunityType, load_default="standard")
    description = text_field()


class AspirationSchema(StepSchema):
    horizon = one_of(Horizon, required=True)
    area = one_of(GoalArea, load_default="career")
    text = text_field(LONG_TEXT, required=True)


class PartySchema(StepSchema):
    name = text_field(SHORT_TEXT, required=True)
    role = text_field(SHORT_TEXT)
    side = one_of(Side, required=True)


class PartyLeaveSchema(StepSchema):
    party_id = fields.String(required=True)
    reason = text_field()


class TermSchema(StepSchema):
    key = fields.String(
        load_default=None,
        validate=validate.Length(max=KEY_TEXT),
        metadata={
            "description": "Short name: lower-case letters, digits and underscores. Optional: when missing or "
            "blank it is derived from the label (lower case, ASCII, underscores), made unique "
            "within the negotiation with a suffix (base_salary_2)."
        },
    )
    label = text_field(SHORT_TEXT, required=True)
    kind = one_of(TermKind, required=True)
    better = one_of(Better, load_default="none")
    currency = fields.String(load_default=None, validate=validate.Length(max=CURRENCY_TEXT))
    unit = fields.String(load_default=None, validate=validate.Length(max=SHORT_TEXT))
    options = fields.Raw(
        load_default=None,
        validate=SizedLength(max=LONG_TEXT),
        metadata={"description": "Choices: a list, or text separated by commas."},
    )
    minimum = bound("min", "lowest")
    maximum = bound("max", "highest")


class TermRevisionSchema(StepSchema):
    key = fields.String(required=True)
    label = text_field(SHORT_TEXT)
    better = one_of(Better, load_default=None)
    unit = fields.String(load_default=None, validate=validate.Length(max=SHORT_TEXT))
    options = fields.Raw(load_default=None, validate=SizedLength(max=LONG_TEXT))
    minimum = bound("min", "lowest")
    maximum = bound("max", "highest")


class TermRemovalSchema(StepSchema):
    key = fields.String(required=True)
    reason = text_field()


class PrioritySchema(StepSchema):
    term_key = fields.String(required=True)
    weight = fields.Integer(required=True, validate=validate.Range(min=0, max=100))
    target = fields.Raw(load_default=None)
    walk_away = fields.Raw(load_default=None)
    ratings = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(validate=validate.Range(min=0, max=100)),
        load_default=None,
    )
    party_id = fields.String(
        load_default=None, metadata={"description": "Whose priority; blank: the owner's."}
    )


class ResearchSchema(StepSchema):
    source = text_field(SHORT_TEXT, required=True)
    term_key = fields.String(load_default=None)
    low = Figure(load_default=None, as_string=True, allow_nan=False)
    typical = Figure(load_default=None, as_string=True, allow_nan=False)
    high = Figure(load_default=None, as_string=True, allow_nan=False)
    text = text_field()
    link = fields.String(load_default="", validate=validate.Length(max=LINK_TEXT))


class AllySchema(StepSchema):
    name = text_field(SHORT_TEXT, required=True)
    relationship = text_field(SHORT_TEXT, required=True)
    stance = one_of(AllyStance, load_default="supportive")
    note = text_field()


class AllyActionSchema(StepSchema):
    ally_id = fields.String(required=True)
    action = text_field(LONG_TEXT, required=True)


class AllyStanceChangeSchema(StepSchema):
    ally_id = fields.String(required=True)
    stance = one_of(AllyStance, required=True)
    reason = text_field()


class AlternativeSchema(StepSchema):
    label = text_field(SHORT_TEXT, required=True)
    kind = one_of(AlternativeKind, required=True)
    values = VALUES
    deadline = fields.Date(load_default=None)
    notes = text_field()


class ProposalSchema(StepSchema):
    from_party = fields.String(required=True)
    to_parties = fields.List(
        fields.String(validate=validate.Length(min=1, max=20)),
        required=True,
        validate=validate.Length(min=1, max=50, error="Address the proposal to 1 to {max} parties."),
    )
    values = fields.Dict(
        keys=fields.String(validate=validate.Length(min=1, max=40)),
        values=fields.Raw(),
        required=True,
        validate=validate.Length(min=1, error="Give a value for at least one term."),
    )
    rationale = text_field()
    in_reply_to = fields.String(
        load_default=None, metadata={"description": "The proposal this one counters."}
    )


class AnswerSchema(StepSchema):
    party = fields.String(required=True)
    reason = text_field()


class InteractionSchema(StepSchema):
    channel = one_of(Channel, required=True)
    summary = text_field(required=True)
    participants = PARTY_IDS
    tone = one_of(Tone, load_default="neutral")


class NoteSchema(StepSchema):
    text = text_field(required=True)


class StageChangeSchema(StepSchema):
    stage = one_of(Stage, required=True)
    reason = text_field()


class ConclusionSchema(StepSchema):
    outcome = one_of(Outcome, required=True)
    lessons = text_field()
    final_terms = VALUES


class LessonsSchema(StepSchema):
    lessons = text_field(required=True)


class ReopenSchema(StepSchema):
    reason = text_field(LONG_TEXT, required=True)
