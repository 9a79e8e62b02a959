"""Schemas of the team dashboard in the JSON API: its query (the page's filters) and its answer (the
counts, time in stage, and the series the page's charts draw). Days are decimal numbers of days."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from tracker.domain.vocabulary import NegotiationKind, OpportunityType, Stage
from tracker.schemas.common import one_of
from tracker.schemas.output import NegotiationSummaryOut
from tracker.web.api.shapes import QuerySchema

COUNTS = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
SERIES = fields.Dict(
    keys=fields.String(),
    values=fields.List(fields.Integer()),
    required=True,
    metadata={"description": "Name -> one count per month of ``months``, oldest first."},
)


class TeamDashboardQuery(QuerySchema):
    stage = one_of(Stage, load_default=None)
    kind = one_of(NegotiationKind, load_default=None)
    opportunity_type = one_of(OpportunityType, load_default=None)
    owner = fields.String(load_default=None, validate=validate.Length(max=320))
    q = fields.String(
        load_default=None,
        validate=validate.Length(max=100),
        metadata={"description": "Words the title contains (case-insensitive)."},
    )
    open = fields.Boolean(
        load_default=None, metadata={"description": "Only open (true) or only closed (false) negotiations."}
    )
    stale_after = fields.Integer(
        load_default=None,
        validate=validate.Range(min=1, max=3650),
        metadata={"description": "Days without a step after which an open negotiation is stale."},
    )


class StageTimeOut(Schema):
    stage = one_of(Stage, required=True)
    current = fields.Boolean(
        required=True,
        metadata={"description": "True: stays still going, counted up to now; false: stays that ended."},
    )
    median_days = fields.Float(required=True)
    p90_days = fields.Float(required=True, metadata={"description": "90th percentile (nearest rank)."})
    stays = fields.Integer(required=True, metadata={"description": "How many stays the figures are from."})
    negotiations = fields.Integer(
        required=True, metadata={"description": "How many negotiations the stays belong to."}
    )


class KindTimeOut(Schema):
    kind = one_of(NegotiationKind, required=True)
    median_days = fields.Float(
        required=True, metadata={"description": "Median days from start to agreement."}
    )
    negotiations = fields.Integer(required=True)


class ApprovalsWaitingOut(Schema):
    approver = fields.String(required=True)
    count = fields.Integer(required=True)


class TeamDashboardOut(Schema):
    team_id = fields.UUID(required=True)
    team_name = fields.String(required=True)
    total = fields.Integer(required=True)
    by_stage = COUNTS
    by_kind = COUNTS
    by_opportunity_type = COUNTS
    by_owner = COUNTS
    outcomes = COUNTS
    agreed = fields.Integer(required=True)
    internal_role_total = fields.Integer(required=True)
    internal_role_agreed = fields.Integer(required=True)
    median_days_to_agreement = fields.Float(required=True, allow_none=True)
    stale_after_days = fields.Integer(required=True)
    stale_count = fields.Integer(required=True)
    stale = fields.List(
        fields.Nested(NegotiationSummaryOut),
        required=True,
        metadata={"description": "The longest-silent open negotiations first (at most 10)."},
    )
    time_in_stage = fields.List(fields.Nested(StageTimeOut), required=True)
    months = fields.List(
        fields.Date(),
        required=True,
        metadata={"description": "The first day of each of the last 12 months (UTC), oldest first."},
    )
    stages_by_month = SERIES
    agreement_by_kind = fields.List(fields.Nested(KindTimeOut), required=True)
    outcomes_by_month = SERIES
    approvals_waiting = fields.List(
        fields.Nested(ApprovalsWaitingOut),
        required=True,
        metadata={"description": "Approvals waiting, by approver (empty until approvals are recorded)."},
    )
