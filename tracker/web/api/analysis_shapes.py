"""Schemas of the analysis answers (``Report.as_dict()``), used to document them in OpenAPI.

The answers are built by ``tracker.analysis.report.Report.as_dict``; these schemas say exactly what
it holds (unknown keys are not allowed, so the API tests catch any drift). Decimals are strings,
times ISO 8601; a "package key" is ``proposal:<proposal_id>`` or ``alternative:<alternative_id>``.
"""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from tracker.domain.vocabulary import Side
from tracker.web.api.calibration_shapes import CalibrationOut
from tracker.web.api.drift_shapes import DriftOut
from tracker.web.api.frontier_shapes import FrontierOut, ImprovementOut
from tracker.web.api.ledger_shapes import LedgerOut

KEY = {"description": "A package key: proposal:<proposal_id> or alternative:<alternative_id>."}
VALUES = {
    "type": "object",
    "additionalProperties": {},
    "description": 'Term key -> value: money as {"amount": "120000", "currency": "EUR"}, '
    "numbers as strings of decimals, true/false, YYYY-MM-DD, an option, text.",
}


def decimal(nullable: bool = False, **metadata: str) -> fields.Decimal:
    return fields.Decimal(required=True, allow_none=nullable, metadata=metadata)


def text(nullable: bool = False, **metadata: object) -> fields.String:
    return fields.String(required=True, allow_none=nullable, metadata=metadata)


def listing(schema: type[Schema] | fields.Field) -> fields.List:
    inner = schema if isinstance(schema, fields.Field) else fields.Nested(schema)
    return fields.List(inner, required=True)


def mapping(values: fields.Field, **metadata: str) -> fields.Dict:
    return fields.Dict(keys=fields.String(), values=values, required=True, metadata=metadata)


class PackageOut(Schema):
    key = text(**KEY)
    kind = text(enum=["proposal", "alternative"])
    ref = text(description="The proposal_id or alternative_id.")
    label = text()
    values = fields.Raw(required=True, metadata=VALUES)  # already JSON-ready (Report.as_dict)
    party_id = text(True, description="Who made a proposal (null for an alternative).")
    side = text(True, enum=Side.values())
    status = text(True, description="A proposal's status (null for an alternative).")
    status_label = text(
        True,
        description="The status as a person reads it, e.g. 'accepted by 1 of 2' (null for an alternative).",
    )
    at = fields.AwareDateTime(required=True, allow_none=True, metadata={"description": "When it was made."})
    order = fields.Integer(
        required=True, metadata={"description": "1, 2, 3... for proposals; 0 for alternatives."}
    )


class ValueLineOut(Schema):
    term_key = text()
    label = text()
    component = text(enum=["base", "bonus", "one_off", "equity", "retirement", "time_off", "other"])
    currency = text()
    annual = decimal(description="The yearly value of this term, rounded to cents.")
    how = text(description='The working, e.g. "10% of 120,000 EUR base".')
    years = listing(
        fields.Decimal(metadata={"description": "Years 1-4 of this term, each rounded to cents."})
    )
    assumption = text(
        description='The assumption behind the years, e.g. "Equity 100,000 EUR vesting 5/15/40/40 after a '
        '12-month cliff"; a line with a money schedule is worth the average of its years in annual.'
    )


class ConvertedTotalOut(Schema):
    currency = text()
    amount = decimal(True, description="Null when a rate is missing for one of the currencies.")
    rates = mapping(
        fields.Decimal(), description="Currency -> the rate you gave (1 unit = rate of currency)."
    )
    note = text(description="Which rates were used: always the user's own.")


class PackageValueOut(Schema):
    package_key = text(**KEY)
    totals = mapping(fields.Decimal(), description="Currency -> annual value; currencies are never added up.")
    lines = listing(ValueLineOut)
    notes = listing(fields.String())
    converted = fields.Nested(ConvertedTotalOut, required=True, allow_none=True)
    years = mapping(
        fields.List(fields.Decimal()),
        description="Currency -> the totals of years 1-4 (never added across currencies).",
    )


class TermScoreOut(Schema):
    term_key = text()
    label = text()
    value = text(description="The value as displayed.")
    weight = fields.Integer(required=True)
    score = decimal(True, description="0-100, null when the term could not be scored.")
    below_walk_away = fields.Boolean(required=True)
    reason = text()
    display = text(description='The score rounded to a whole number, "-" when not scored.')


class PackageScoreOut(Schema):
    package_key = text(**KEY)
    perspective = text(description='"owner" or a party_id.')
    score = decimal(True, description="0-100 weighted over the terms scored; null when none could be.")
    coverage = decimal(description="Share (0-100) of the perspective's total weight that was scored.")
    terms = listing(TermScoreOut)
    below_walk_away = listing(fields.String())
    beats_batna = fields.Boolean(
        required=True,
        allow_none=True,
        metadata={
            "description": "The owner's proposals: better than the best alternative? Null when not comparable."
        },
    )
    display = text()


class BatnaOut(Schema):
    package_key = text(**KEY)
    alternative_id = text()
    label = text()
    score = decimal()
    display = text()


class ParetoRowOut(Schema):
    package_key = text(**KEY)
    label = text()
    scores = mapping(fields.Decimal(allow_none=True), description="Perspective -> score.")
    dominated_by = listing(fields.String())
    dominated = fields.Boolean(required=True)
    improvable = fields.Boolean(
        required=True, metadata={"description": "A package of the whole space is better for everyone."}
    )
    improvement = fields.Nested(ImprovementOut, required=True, allow_none=True)


class ParetoOut(Schema):
    perspectives = listing(fields.String())
    labels = mapping(fields.String())
    rows = listing(ParetoRowOut)
    note = text()


class ConcessionStepOut(Schema):
    package_key = text(**KEY)
    label = text()
    at = fields.AwareDateTime(required=True, allow_none=True)
    value = text()
    moved = decimal(True, description="Units moved towards the other side since the first position.")
    share = decimal(True, description="That, as a % of the gap.")
    since_previous = decimal(True, description="Units moved in this round.")


class TermConcessionOut(Schema):
    term_key = text()
    label = text()
    unit = text()
    party_id = text()
    first = text()
    latest = text()
    other_first = text(True)
    gap = decimal(True)
    moved = decimal(True)
    share = decimal(True)
    steps = listing(ConcessionStepOut)
    moved_display = text()


class PartyConcessionOut(Schema):
    party_id = text()
    name = text()
    side = text(enum=Side.values())
    share = decimal(True, description="Weighted average share of the gap conceded, %.")
    terms = listing(TermConcessionOut)


class ConcessionsOut(Schema):
    parties = listing(PartyConcessionOut)
    conceded_more = text(True, description="The party_id that conceded more, if any.")
    summary = text()
    weighted_by = text(enum=["owner weights", "equal weights"])


class ChecklistItemOut(Schema):
    key = text()
    title = text()
    status = text(enum=["done", "missing", "check"])
    reason = text()
    done = fields.Boolean(required=True)


class HintOut(Schema):
    key = text(
        enum=[
            "benefits_timing",
            "follow_up",
            "below_walk_away",
            "alternative_expires",
            "answer_wanted",
            "decision_near",
            "decision_overdue",
        ]
    )
    title = text()
    reason = text()


class ReadinessOut(Schema):
    items = listing(ChecklistItemOut)
    hints = listing(HintOut)
    done_count = fields.Integer(required=True)


class ComparisonColumnOut(Schema):
    package_key = text(**KEY)
    kind = text(enum=["proposal", "alternative"])
    label = text()
    score = decimal(True)
    coverage = decimal()
    totals = mapping(fields.Decimal())
    is_batna = fields.Boolean(required=True)
    beats_batna = fields.Boolean(required=True, allow_none=True)


class ComparisonCellOut(Schema):
    value = text(description='Displayed; "-" when the option does not name the term.')
    score = decimal(True)
    below_walk_away = fields.Boolean(required=True)
    best = fields.Boolean(required=True)


class ComparisonRowOut(Schema):
    term_key = text()
    label = text()
    weight = fields.Integer(required=True, allow_none=True)
    target = text()
    walk_away = text()
    cells = listing(ComparisonCellOut)


class ComparisonOut(Schema):
    columns = listing(ComparisonColumnOut)
    rows = listing(ComparisonRowOut)


class ChartsOut(Schema):
    dance = text(True, description="Inline SVG; null when there is nothing to draw.")
    terms = mapping(fields.String(), description="Term key -> inline SVG of its positions over time.")


class AnalysisOut(Schema):
    negotiation_id = fields.UUID(required=True)
    version = fields.Integer(required=True, metadata={"description": "The version analysed."})
    latest_version = fields.Integer(required=True, metadata={"description": "The negotiation's version now."})
    packages = listing(PackageOut)
    values = mapping(fields.Nested(PackageValueOut), description="Package key -> annual value per currency.")
    scores = mapping(fields.Nested(PackageScoreOut), description="Package key -> the owner's score.")
    batna = fields.Nested(BatnaOut, required=True, allow_none=True)
    perspectives = mapping(
        fields.Dict(keys=fields.String(), values=fields.Nested(PackageScoreOut)),
        description='Perspective ("owner" or a party_id) -> package key -> score.',
    )
    perspective_labels = mapping(fields.String())
    pareto = fields.Nested(ParetoOut, required=True)
    concessions = fields.Nested(ConcessionsOut, required=True)
    readiness = fields.Nested(ReadinessOut, required=True)
    comparison = fields.Nested(ComparisonOut, required=True)
    frontier = fields.Nested(FrontierOut, required=True)
    calibration = fields.Nested(CalibrationOut, required=True)
    drift = fields.Nested(DriftOut, required=True)
    ledger = fields.Nested(LedgerOut, required=True)
    charts = fields.Nested(ChartsOut, metadata={"description": "Only with include_charts=true."})


class ReadinessAnswerOut(ReadinessOut):
    negotiation_id = fields.UUID(required=True)
    version = fields.Integer(required=True, metadata={"description": "The version judged."})
    latest_version = fields.Integer(required=True)
    total = fields.Integer(required=True, metadata={"description": "How many checklist items there are."})


class ReadinessQuery(Schema):
    """Query parameters of the readiness route (unknown ones are ignored)."""

    class Meta:
        unknown = EXCLUDE

    as_of_version = fields.Integer(
        load_default=None,
        validate=validate.Range(min=1),
        metadata={"description": "The negotiation as it stood at this version."},
    )
    as_of = fields.String(
        load_default=None,
        validate=validate.Length(max=64),
        metadata={
            "description": "...or at this moment (ISO 8601 with a time zone, or a date meaning its end, UTC)."
        },
    )


class AnalysisQuery(ReadinessQuery):
    """Query parameters of the analysis route."""

    include_charts = fields.Boolean(
        load_default=False, metadata={"description": "Also return the charts as inline SVG (slower)."}
    )
    rates = fields.String(
        load_default=None,
        validate=validate.Length(max=400),
        metadata={
            "description": "Your own exchange rates, e.g. USD:0.92,GBP:1.17 (1 USD = 0.92 of convert_to)."
        },
    )
    convert_to = fields.String(
        load_default=None,
        validate=validate.Length(max=8),
        metadata={"description": "Convert the totals to this currency with your rates, e.g. EUR."},
    )
