"""Building blocks shared by every input schema (forms and JSON API use the same ones)."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, pre_load, validate

from tracker.domain.errors import DomainError, each_refusal
from tracker.domain.limits import LONG_TEXT
from tracker.domain.vocabulary import Choice

MAX_TEXT = LONG_TEXT


def one_of(enum: type[Choice], **kwargs: Any) -> fields.String:
    """A string field restricted to an enum's values, documented with them."""
    return fields.String(
        validate=validate.OneOf(enum.values(), error="Choose one of: {choices}."),
        metadata={"enum": enum.values()},
        **kwargs,
    )


def text_field(max_len: int = MAX_TEXT, required: bool = False, **kwargs: Any) -> fields.String:
    if required:
        return fields.String(
            required=True,
            validate=validate.Length(min=1, max=max_len),
            error_messages={"required": "This field is required."},
            **kwargs,
        )
    return fields.String(load_default="", validate=validate.Length(max=max_len), **kwargs)


class BaseSchema(Schema):
    """Unknown fields are refused (a typo in a field name should not be silently dropped);
    blank strings from forms count as 'not given' for optional fields."""

    class Meta:
        unknown = RAISE

    #: Forms send blank inputs for fields left empty; the JSON API sets this False on its instances
    #: (there a field not given is left out or null, and "" is a value to validate).
    blank_means_missing = True

    @pre_load
    def drop_blank_optionals(self, data: Any, **_: Any) -> Any:
        if not isinstance(data, dict):
            raise ValidationError("Expected a JSON object.", "_schema")
        if not self.blank_means_missing:
            return data
        # A blank optional input means "not given"; a blank required one means "missing".
        return {
            k: v for k, v in data.items() if not (isinstance(v, str) and not v.strip() and k in self.fields)
        }


class StepSchema(BaseSchema):
    """Fields every step takes besides its own: when it really happened, and concurrency controls."""

    occurred_at = fields.AwareDateTime(
        default_timezone=UTC,
        load_default=None,
        metadata={"description": "When the step really happened (ISO 8601)."},
    )
    expected_version = fields.Integer(
        load_default=None,
        validate=validate.Range(min=1),
        metadata={
            "description": "Deprecated: send the If-Match header instead. The version the client last "
            "saw; a stale one gets 409; with If-Match as well, the two must agree.",
            "deprecated": True,
        },
    )
    request_id = fields.String(
        load_default=None,
        validate=[
            validate.Length(max=100),
            validate.Regexp(
                r"^[\x21-\x7e]*$", error="Visible ASCII characters without spaces (e.g. a UUID)."
            ),
        ],
        metadata={
            "description": "Deprecated: send the Idempotency-Key header instead. A repeated request "
            "stores nothing; with the header as well, the two must agree.",
            "deprecated": True,
        },
    )


class LenientSchema(BaseSchema):
    class Meta:
        unknown = EXCLUDE


def domain_errors(error: DomainError) -> dict[str, list[str]]:
    """A domain refusal (or each of several) in the same shape as marshmallow's messages:
    {field: [message]}."""
    out: dict[str, list[str]] = {}
    for each in each_refusal(error):
        out.setdefault(each.field or "_schema", []).append(each.message)
    return out
