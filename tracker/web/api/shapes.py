"""Schemas of the JSON API's own answers: error bodies, the negotiation list and the timeline.
(Negotiations, proposals and timeline entries themselves are in tracker.schemas.output.)"""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from tracker.domain.vocabulary import NegotiationKind, Stage
from tracker.schemas.audit import AsOfQuery
from tracker.schemas.common import one_of
from tracker.schemas.output import NegotiationSummaryOut, TimelineEntryOut

FIELD_ERRORS = fields.Dict(
    keys=fields.String(),
    values=fields.List(fields.String()),
    metadata={
        "description": "Field name (nested fields joined with dots, e.g. values.base_salary.currency; "
        "_schema for the request as a whole) -> messages."
    },
)


class ErrorOut(Schema):
    error = fields.String(required=True, metadata={"description": "The HTTP reason phrase."})
    message = fields.String(required=True, metadata={"description": "What went wrong, for a person."})


class InvalidOut(ErrorOut):
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        required=True,
        metadata=FIELD_ERRORS.metadata,
    )


class ConflictOut(ErrorOut):
    current_version = fields.Integer(
        required=True,
        metadata={
            "description": "The negotiation's version now: review the latest steps and submit again with it."
        },
    )
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        metadata={"description": "For a refused step: the field the refusal is about."},
    )


class NegotiationListOut(Schema):
    negotiations = fields.List(fields.Nested(NegotiationSummaryOut), required=True)
    total = fields.Integer(required=True, metadata={"description": "How many match the filters."})
    limit = fields.Integer(required=True)
    offset = fields.Integer(required=True)


class TimelineOut(Schema):
    negotiation_id = fields.UUID(required=True)
    version = fields.Integer(
        required=True, metadata={"description": "The version the timeline is shown as of."}
    )
    latest_version = fields.Integer(required=True)
    total = fields.Integer(required=True, metadata={"description": "Entries up to version, before filters."})
    entries = fields.List(fields.Nested(TimelineEntryOut), required=True)
    more = fields.Boolean(
        required=True,
        metadata={
            "description": "More entries lie beyond these in the order asked for (with limit): ask again with "
            "after_version (oldest first) or before_version (newest first) set to the last "
            "entry's version."
        },
    )


class QuerySchema(Schema):
    """Query parameters: unknown ones are ignored (cache busters), a blank one is a value to check."""

    class Meta:
        unknown = EXCLUDE


class ListQuery(QuerySchema):
    stage = one_of(Stage, load_default=None)
    kind = one_of(NegotiationKind, load_default=None)
    q = fields.String(
        load_default=None,
        validate=validate.Length(max=200),
        metadata={"description": "Words the title contains (case-insensitive)."},
    )
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=500))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000_000))  # SQL's bigint


class VersionQuery(AsOfQuery):
    version = fields.Integer(
        load_default=None,
        validate=validate.Range(min=1),
        metadata={
            "description": "The negotiation as it stood at this version "
            "(404 when it has no such version yet)."
        },
    )

    @validates_schema
    def one_way(self, data: dict, **_: object) -> None:
        if data.get("version") is not None and (data.get("as_of_version") is not None or data.get("as_of")):
            raise ValidationError("Ask for version, as_of_version or as_of, not two of them.", "version")
