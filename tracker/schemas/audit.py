"""Schemas of the audit reads, shared by the pages and the JSON API: the query parameters of time
travel, timeline filters, comparisons and verification, and the shapes of their answers.

Query schemas ignore unknown parameters (cache busters); the pages drop blank inputs before loading,
the API treats a blank parameter as a value to check.
"""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from tracker.audit.exporting import FORMAT, FORMAT_VERSION
from tracker.audit.timefilter import BASES, EVENT_TYPES, STEP_KINDS, filter_timeline
from tracker.domain.compare import ABSENT, BETTER, CHANGED, DOWN, NEUTRAL, NEW, SAME, UP, WORSE
from tracker.domain.errors import InvalidValue
from tracker.schemas.output import JsonValue

DECIMAL_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"
DIGEST_PATTERN = r"^[0-9a-f]{64}$"
KINDS = [*STEP_KINDS, *sorted(EVENT_TYPES)]
#: What a date query accepts, as JSON Schema formats: a date, or a date and time with its offset; empty
#: (as a web form sends a date left blank) means not given.
DATE_FORMATS = [{"format": "date"}, {"format": "date-time"}, {"maxLength": 0}]
REFS = (
    "A package: a proposal id (prop1), an alternative id (alt1), targets (your targets) or "
    "walk_away (your walk-away points)."
)
DATE_HELP = (
    "A date (YYYY-MM-DD, the whole day in UTC) or a date and time in ISO 8601 with its time zone; inclusive."
)


class Query(Schema):
    class Meta:
        unknown = EXCLUDE


class AsOfQuery(Query):
    as_of_version = fields.Integer(
        load_default=None,
        validate=validate.Range(min=1),
        metadata={"description": "The negotiation as it stood just after this version (1 = just started)."},
    )
    as_of = fields.String(
        load_default=None,
        validate=validate.Length(max=64),
        metadata={
            "description": "The negotiation as the record stood at this moment: ISO 8601 with a time zone "
            "(2026-03-03T17:00:00Z), or a date meaning the end of that day in UTC.",
            "example": "2026-03-03T17:00:00Z",
            "anyOf": [{"format": "date-time"}, {"format": "date"}, {"maxLength": 0}],
        },
    )

    @validates_schema
    def one_moment(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("as_of_version") is not None and data.get("as_of") not in (None, ""):
            raise ValidationError("Ask for a version or a moment, not both.", "as_of")


class TimelineFilterQuery(AsOfQuery):
    order = fields.String(
        load_default="oldest",
        validate=validate.OneOf(["oldest", "newest"]),
        metadata={"description": "oldest or newest first."},
    )
    party = fields.String(
        load_default=None,
        validate=validate.Length(min=1, max=100),
        metadata={
            "description": "Only steps naming this party id (proposals made by or to them, their answers, "
            "joining and leaving, their priorities, interactions they took part in)."
        },
    )
    kind = fields.String(
        load_default=None,
        validate=validate.OneOf(
            KINDS, error="Choose a kind of step: " + ", ".join(STEP_KINDS) + " (or an event type)."
        ),
        metadata={
            "description": "A kind of step (" + ", ".join(STEP_KINDS) + ") or an event type (ProposalMade)."
        },
    )
    actor = fields.String(
        load_default=None,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "Only steps logged by this person (case-insensitive)."},
    )
    since = fields.String(
        load_default=None,
        validate=validate.Length(max=64),
        metadata={"description": "From this date. " + DATE_HELP, "anyOf": DATE_FORMATS},
    )
    until = fields.String(
        load_default=None,
        validate=validate.Length(max=64),
        metadata={"description": "Up to this date. " + DATE_HELP, "anyOf": DATE_FORMATS},
    )
    basis = fields.String(
        load_default="recorded",
        validate=validate.OneOf(BASES),
        metadata={
            "description": "Filter dates on when a step was recorded, or when it happened (a step with no "
            "time of its own happened when it was recorded)."
        },
    )

    @validates_schema
    def date_range(self, data: dict[str, Any], **_: Any) -> None:
        """Each date as the timeline filter reads it, and a range that does not end before it starts."""
        errors: dict[str, list[str]] = {}
        for name in ("since", "until"):
            try:
                filter_timeline([], **{name: data.get(name)})
            except InvalidValue as error:
                errors[name] = [error.message]
        if not errors:
            try:
                filter_timeline([], since=data.get("since"), until=data.get("until"))
            except InvalidValue as error:
                errors[error.field or "since"] = [error.message]
        if errors:
            raise ValidationError(errors)


class TimelineJsonQuery(TimelineFilterQuery):
    format = fields.String(
        load_default="json",
        validate=validate.OneOf(["json", "csv"]),
        metadata={"description": "json (default) or csv (the same as timeline.csv)."},
    )
    after_version = fields.Integer(
        load_default=None,
        validate=validate.Range(min=0),
        metadata={"description": "Only entries after this version (JSON only): the next page, oldest first."},
    )
    before_version = fields.Integer(
        load_default=None,
        validate=validate.Range(min=1),
        metadata={
            "description": "Only entries before this version (JSON only): the next page, newest first."
        },
    )
    limit = fields.Integer(
        load_default=None,
        validate=validate.Range(min=1, max=1000),
        metadata={
            "description": "At most this many entries, the first ones in the order asked for (JSON only; "
            "default: all). Without filters only the page's events are read, so a page costs "
            "the same however long the history."
        },
    )


class CompareQuery(AsOfQuery):
    base = fields.String(
        required=True,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "What to compare from. " + REFS},
    )
    other = fields.String(
        required=True,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "What to compare with it. " + REFS},
    )


class VerifyQuery(Query):
    head_version = fields.Integer(
        load_default=None,
        validate=validate.Range(min=1),
        metadata={
            "description": "An anchor kept elsewhere (e.g. from an earlier verify or export): the version "
            "the negotiation had then. Detects the deletion of the newest events."
        },
    )
    head_digest = fields.String(
        load_default=None,
        validate=validate.Regexp(DIGEST_PATTERN),
        metadata={"description": "The digest of the event at head_version, as seen then."},
    )

    @validates_schema
    def both_or_neither(self, data: dict[str, Any], **_: Any) -> None:
        if (data.get("head_version") is None) != (data.get("head_digest") is None):
            raise ValidationError("Give head_version and head_digest together.", "head_version")


# -- answers ---------------------------------------------------------------------------------------
def _decimal_text(value: Any) -> str | None:
    return None if value is None else f"{value:f}"


class PackageRefOut(Schema):
    ref = fields.String(required=True)
    label = fields.String(required=True)


class TermComparisonOut(Schema):
    key = fields.String(required=True)
    label = fields.String(required=True)
    weight = fields.Integer(required=True, allow_none=True, metadata={"description": "Your weight for it."})
    base = JsonValue(required=True, allow_none=True, metadata={"description": "The base package's value."})
    other = JsonValue(required=True, allow_none=True)
    base_text = fields.String(required=True)
    other_text = fields.String(required=True)
    difference = fields.Function(
        lambda row: _decimal_text(row.difference),
        required=True,
        metadata={
            "type": ["string", "null"],
            "pattern": DECIMAL_PATTERN,
            "description": "other - base for numbers, money, percentages, days and dates (in days).",
        },
    )
    difference_text = fields.String(required=True)
    direction = fields.String(
        required=True,
        metadata={
            "enum": [UP, DOWN, SAME, CHANGED, NEW, ABSENT],
            "description": "How the value moved from base to other (new: only other has it; absent: only base).",
        },
    )
    verdict = fields.String(
        required=True,
        metadata={
            "enum": [BETTER, WORSE, NEUTRAL],
            "description": "Is other better or worse than base for you?",
        },
    )


class PackageComparisonOut(Schema):
    negotiation_id = fields.UUID(required=True)
    version = fields.Integer(required=True, metadata={"description": "The version compared at."})
    latest_version = fields.Integer(required=True)
    base = fields.Nested(PackageRefOut, required=True)
    other = fields.Nested(PackageRefOut, required=True)
    better = fields.Integer(required=True, metadata={"description": "Terms where other is better for you."})
    worse = fields.Integer(required=True)
    neutral = fields.Integer(required=True)
    rows = fields.List(fields.Nested(TermComparisonOut), required=True)


class HeadOut(Schema):
    version = fields.Integer(required=True)
    digest = fields.String(required=True, metadata={"pattern": DIGEST_PATTERN})


class VerifyOut(Schema):
    negotiation_id = fields.UUID(required=True)
    intact = fields.Boolean(required=True)
    events_checked = fields.Integer(required=True)
    first_bad_version = fields.Integer(required=True, allow_none=True)
    problem = fields.String(required=True, metadata={"description": "Empty when intact."})
    message = fields.String(required=True, metadata={"description": "The verdict as a sentence."})
    head = fields.Nested(
        HeadOut,
        required=True,
        allow_none=True,
        metadata={"description": "The newest stored event: keep it elsewhere as an anchor for later checks."},
    )


class ExportEventOut(Schema):
    version = fields.Integer(required=True)
    type = fields.String(required=True, metadata={"enum": sorted(EVENT_TYPES)})
    topic = fields.String(required=True)
    class_version = fields.Integer(required=True)
    actor = fields.String(required=True)
    recorded_at = fields.String(required=True, metadata={"format": "date-time"})
    occurred_at = fields.String(required=True, allow_none=True, metadata={"format": "date-time"})
    prev_digest = fields.String(required=True, metadata={"pattern": DIGEST_PATTERN})
    digest = fields.String(required=True, metadata={"pattern": DIGEST_PATTERN})
    state = fields.Dict(required=True, metadata={"description": "A readable copy of the stored state."})
    stored_state = fields.Dict(
        required=True,
        metadata={
            "description": "The state exactly as stored (authoritative; digests are computed over it)."
        },
    )


class SignatureOut(Schema):
    """The exporting installation's signature over the format, id, version and head digest."""

    algorithm = fields.String(required=True, metadata={"enum": ["Ed25519"]})
    key_id = fields.String(required=True, metadata={"description": "Its key (see `tracker keys`)."})
    public_key = fields.String(required=True, metadata={"description": "The public key, base64."})
    value = fields.String(required=True, metadata={"description": "The signature, base64."})


class ExportOut(Schema):
    """The export document (format ``negotiation-tracker/events``); see ``tracker.audit.exporting``."""

    format = fields.String(required=True, metadata={"enum": [FORMAT]})
    format_version = fields.Integer(required=True, metadata={"enum": [FORMAT_VERSION]})
    exported_at = fields.String(required=True, metadata={"format": "date-time"})
    negotiation_id = fields.UUID(required=True)
    title = fields.String(required=True)
    version = fields.Integer(required=True, metadata={"description": "How many events: the newest version."})
    head_digest = fields.String(required=True, metadata={"pattern": DIGEST_PATTERN})
    events = fields.List(fields.Nested(ExportEventOut), required=True)
    signature = fields.Nested(
        SignatureOut,
        metadata={"description": "Absent from a file exported unsigned (by an older tracker)."},
    )


class ImportResultOut(Schema):
    negotiation_id = fields.UUID(required=True)
    title = fields.String(required=True)
    events = fields.Integer(
        required=True,
        metadata={"description": "How many events were stored: the file's, and the import's own step."},
    )
    head_digest = fields.String(required=True, metadata={"pattern": DIGEST_PATTERN})
    origin = fields.String(
        required=True,
        attribute="origin.kind",
        metadata={
            "enum": ["this_installation", "trusted", "not_proven"],
            "description": "Who signed the file: this installation, a trusted one, or nobody this "
            "installation knows (then the record is marked 'origin not proven' wherever it shows).",
        },
    )
    signer = fields.String(
        required=True, attribute="origin.signer", metadata={"description": "The trusted installation's name."}
    )
    key_id = fields.String(required=True, attribute="origin.key_id")
    reason = fields.String(
        required=True, attribute="origin.reason", metadata={"description": "Why the origin is not proven."}
    )
