"""Input schemas: one per command of the application service, the public field names of the API."""

from __future__ import annotations

from datetime import UTC
from decimal import Decimal

from marshmallow import fields, validate

from tracker.domain.limits import CURRENCY_TEXT, KEY_TEXT, LINK_TEXT, LONG_TEXT, SHORT_TEXT
from tracker.domain.money_schedule import MIN_REVIEW_MONTHS
from tracker.domain.vocabulary import (
    AllyStance,
    AlternativeKind,
    AuthorityRole,
    Better,
    Channel,
    GoalArea,
    Horizon,
    NegotiationKind,
    OpportunityType,
    Outcome,
    ScheduleKind,
    Side,
    Stage,
    TermKind,
    Tone,
    ValueKind,
)
from tracker.schemas.common import StepSchema, one_of, text_field

DECIMAL_TEXT = r"^\s*-?[0-9][0-9,_]*(\.[0-9]+)?\s*$"
BOUND_PATTERN = r"^\s*(-?[0-9][0-9,_]*(\.[0-9]+)?|[0-9]{4}-[0-9]{2}-[0-9]{2})\s*$"

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


PARTY_IDS = fields.List(
    fields.String(validate=validate.Length(min=1, max=20)), validate=validate.Length(max=50)
)


class Bound(fields.String):
    """A term's own ``min``, ``max`` or ``step``: a decimal (a money term's in its currency), or for a
    date term's bounds a date; blank is not given. The domain reads it for the term's kind."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            value = str(value)
        text = super()._deserialize(value, attr, data, **kwargs)
        return text.strip() or None


class OptionalRegexp(validate.Regexp):
    """A pattern for a field that may be left blank (None passes)."""

    def __call__(self, value):
        return value if value is None else super().__call__(value)


def bound(name: str, which: str) -> fields.String:
    """A numeric or date term's own ``min`` or ``max``."""
    return Bound(
        data_key=name,
        load_default=None,
        allow_none=True,
        validate=OptionalRegexp(
            BOUND_PATTERN, error="Give a number like 120000.50, or a date as YYYY-MM-DD."
        ),
        metadata={
            "description": f"The {which} value the term allows: a decimal for money (in the term's "
            "currency), number, percent and days terms, a date (YYYY-MM-DD) for date terms. Not given: "
            "money, number, days and percent are at least 0, a percentage at most 100, days at most 366.",
            "pattern": BOUND_PATTERN,
        },
    )


def step_field() -> fields.String:
    """The step the win-win analysis takes between a ranged term's values."""
    return Bound(
        load_default=None,
        allow_none=True,
        validate=OptionalRegexp(DECIMAL_TEXT, error="Give the step as a number, e.g. 1000 or 0.5."),
        metadata={
            "description": "The step between the values the win-win analysis tries for this term, "
            "between its lowest and highest value (a money term's in its currency; a date term's in "
            "days). Not given: a round step giving at most 50 values. Values recorded in steps and "
            "proposals need not fall on it.",
            "pattern": DECIMAL_TEXT,
        },
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
    step = step_field()


class TermRevisionSchema(StepSchema):
    key = fields.String(required=True)
    label = text_field(SHORT_TEXT)
    better = one_of(Better, load_default=None)
    unit = fields.String(load_default=None, validate=validate.Length(max=SHORT_TEXT))
    options = fields.Raw(load_default=None, validate=SizedLength(max=LONG_TEXT))
    minimum = bound("min", "lowest")
    maximum = bound("max", "highest")
    step = step_field()


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


class AuthoritySchema(StepSchema):
    term_key = fields.String(required=True, validate=validate.Length(min=1, max=KEY_TEXT))
    party_id = fields.String(required=True, validate=validate.Length(min=1, max=20))
    role = one_of(AuthorityRole, required=True)


def months(description: str, low: int = 0) -> fields.Integer:
    return fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=low, max=48),
        metadata={"description": description},
    )


def percent(description: str) -> Figure:
    return Figure(
        load_default=None, allow_none=True, metadata={"description": description}
    )  # 0-100: the domain


class MoneyScheduleSchema(StepSchema):
    term_key = fields.String(required=True, validate=validate.Length(min=1, max=KEY_TEXT))
    package_key = fields.String(
        load_default="",
        validate=validate.Length(max=60),
        metadata={
            "description": "Blank: the term's schedule in every package; proposal:<proposal_id> or "
            "alternative:<alternative_id>: for that package only (it wins over the default)."
        },
    )
    kind = one_of(ScheduleKind, required=True)
    vesting = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=60),
        metadata={"description": "vesting: the percent vesting each year, e.g. 25/25/25/25 (together 100)."},
    )
    cliff_months = months("vesting: nothing vests before this many months; what accrued vests then.")
    clawback_months = months("one_off: repaid in full if you leave within this many months.")
    guaranteed_years = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(min=0, max=4),
        metadata={"description": "bonus: the first years the bonus is guaranteed (0: a target bonus)."},
    )
    payout_percent = percent("bonus: the stated chance (percent) a target bonus pays out in full.")
    raise_percent = percent("raise: the raise at each review, in percent, compounding.")
    raise_after_months = months("raise: months after the start until the first raise.", 1)
    review_months = months("raise: months between reviews, at least 6 (default 12).", MIN_REVIEW_MONTHS)


class ValueEntrySchema(StepSchema):
    kind = one_of(ValueKind, required=True)
    text = text_field(required=True)
    link = fields.String(load_default="", validate=validate.Length(max=LINK_TEXT))
    supports = fields.List(
        fields.String(validate=validate.Length(min=1, max=KEY_TEXT)),
        load_default=list,
        validate=validate.Length(max=50),
        metadata={"description": "The keys of the terms (asks) this entry supports."},
    )


class PackageRatingSchema(StepSchema):
    label = text_field(SHORT_TEXT)
    values = fields.Dict(
        keys=fields.String(validate=validate.Length(min=1, max=40)),
        values=fields.Raw(),
        required=True,
        metadata={"description": "A whole package: term key -> value, for every term you weigh."},
    )
    rating = fields.Integer(
        required=True,
        validate=validate.Range(min=0, max=100),
        metadata={"description": "How good the package is for you, by feel: 0 (worthless) to 100 (ideal)."},
    )


class WeightCalibrationSchema(StepSchema):
    weights = fields.Dict(
        keys=fields.String(validate=validate.Length(min=1, max=40)),
        values=fields.Integer(validate=validate.Range(min=0, max=100)),
        required=True,
        metadata={
            "description": "Term key -> your new weight (0-100), e.g. the fitted weights the analysis "
            "proposes (calibration.proposed_weights); only the weights of your own priorities change."
        },
    )


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
    cites = fields.List(
        fields.String(validate=validate.Length(min=1, max=20)),
        load_default=None,
        validate=validate.Length(max=50),
        metadata={"description": "The value-case entries (entry ids) the proposal cites."},
    )
    respond_by = fields.AwareDateTime(
        default_timezone=UTC,
        load_default=None,
        allow_none=True,
        metadata={
            "description": "When the maker wants an answer by (ISO 8601), after the proposal was made."
        },
    )


class AmendmentSchema(StepSchema):
    values = fields.Dict(
        keys=fields.String(validate=validate.Length(min=1, max=40)),
        values=fields.Raw(),
        required=True,
        validate=validate.Length(min=1, error="Give a value for at least one term."),
        metadata={"description": "The proposal's figures as they are to be (every term it covers)."},
    )
    reason = text_field()


class ApprovalDecisionSchema(StepSchema):
    comment = text_field(required=True)


class AnswerSchema(StepSchema):
    party = fields.String(required=True)
    reason = text_field()


def stated_by_field() -> fields.String:
    return fields.String(
        load_default=None,
        validate=validate.Length(max=20),
        metadata={"description": "The party who stated the figures in `stated` (required with them)."},
    )


def stated_field() -> fields.Dict:
    return fields.Dict(
        keys=fields.String(validate=validate.Length(min=1, max=40)),
        values=fields.Raw(),
        load_default=None,
        metadata={
            "description": 'Figures that party stated ("they said"): term key -> value, as in a proposal. '
            "Kept in the ledger of stated figures, where going back on one is flagged."
        },
    )


class InteractionSchema(StepSchema):
    channel = one_of(Channel, required=True)
    summary = text_field(required=True)
    participants = PARTY_IDS
    tone = one_of(Tone, load_default="neutral")
    stated_by = stated_by_field()
    stated = stated_field()
    follow_up_on = fields.Date(
        load_default=None,
        allow_none=True,
        metadata={"description": "The day to follow this interaction up (it stays due until a later one)."},
    )


class NoteSchema(StepSchema):
    text = text_field(required=True)
    stated_by = stated_by_field()
    stated = stated_field()


class DecisionDateSchema(StepSchema):
    decide_by = fields.Date(
        load_default=None,
        allow_none=True,
        metadata={"description": "The day by which the owner means to decide; null or left out clears it."},
    )
    reason = text_field()


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
