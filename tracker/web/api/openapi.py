"""The OpenAPI 3.1 document of the JSON API, built with apispec from the same marshmallow schemas
that validate requests and shape answers, and from the same step catalog that makes the routes."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Blueprint, jsonify
from marshmallow import fields, validate

from tracker.schemas import output as out
from tracker.schemas import step_schema
from tracker.web.api import (
    analysis,
    audit_doc,
    calendar_feed,
    due,
    notifications,
    shapes,
    team_settings,
    teams,
    webhooks,
)
from tracker.web.api.auth_doc import document_auth, require_auth
from tracker.web.api.catalog import STEPS, Step, answer_schema
from tracker.web.api.descriptions import TAGS, describe_operations, step_description
from tracker.web.api.enums import name_enums
from tracker.web.api.examples import Examples, run_story
from tracker.web.api.inputs import IF_MATCH, KEY
from tracker.web.api.links import add_links
from tracker.web.api.negotiations import CREATE_SCHEMA
from tracker.web.api.steps import body_schema

PREFIX = "/api/v1"
DECIMAL_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"
OPENAPI_VERSION = "3.1.0"
ERRORS = {
    "BadRequest": (
        shapes.ErrorOut,
        "The body is not a JSON object sent as application/json, or a header "
        "(If-Match, Idempotency-Key) is malformed or disagrees with the body.",
    ),
    "Forbidden": (shapes.ErrorOut, "You may read this negotiation but not change it."),
    "NotFound": (shapes.ErrorOut, "No such negotiation (or proposal, term, party, ally named in the path)."),
    "Conflict": (
        shapes.ConflictOut,
        "The negotiation changed since the version you sent, or its rules refuse "
        "this step now (e.g. it is closed); nothing was stored. The body gives "
        "the current version.",
    ),
    "Unprocessable": (shapes.InvalidOut, "Invalid values; errors names each field (nested ones with dots)."),
    "PreconditionRequired": (
        shapes.ErrorOut,
        "The write did not say which version it is based on: send If-Match or expected_version.",
    ),
}
ETAG = {
    "description": 'The negotiation\'s version, e.g. "3": send it back as If-Match.',
    "required": True,
    "schema": {"type": "string", "pattern": '^"[0-9]+"$'},
}
REPLAYED = {
    "description": "Present (true) when this answers a repeated Idempotency-Key: nothing new was stored.",
    "required": False,
    "schema": {"type": "string", "enum": ["true"]},
}


def exact_json_schema(self: Any, field: fields.Field, ret: dict[str, Any], **_: Any) -> dict[str, Any]:
    """Corrections to apispec's reading of a field: a mapping's length counts its properties; a
    Decimal is written as a string of digits; null is among the choices of a nullable enum."""
    changes: dict[str, Any] = {}
    if isinstance(field, fields.Dict):
        for bound in ("min", "max"):
            if f"{bound}Length" in ret:
                changes[f"{bound}Properties"] = ret.pop(f"{bound}Length")
        names = _key_constraints(field.key_field)
        if names:
            changes["propertyNames"] = names
    if isinstance(field, fields.Decimal):
        changes["type"] = ["string", "null"] if field.allow_none else "string"
        changes["pattern"] = DECIMAL_PATTERN
        changes.setdefault("description", 'A decimal number as a string, e.g. "120000.50".')
    types = changes.get("type", ret.get("type"))
    if "enum" in ret and isinstance(types, list) and "null" in types and None not in ret["enum"]:
        changes["enum"] = [*ret["enum"], None]
    return changes


#: Text the domain takes: no control characters but tab and line breaks (tracker.domain.terms).
TEXT_PATTERN = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f]*$"
LINK_PATTERN = r'^\s*(https?://[^\s<>"]+)?\s*$'  # tracker.domain.terms.LINK_RE, trimmed


def state_text_rules(schemas: dict[str, Any], names: set[str]) -> None:
    """Writes the rules the domain applies to free text into the request bodies ``names``: no
    control characters, and a link is an http(s) URL."""
    for name in names:
        for field, prop in schemas[name].get("properties", {}).items():
            types = prop.get("type")
            is_text = types == "string" or (isinstance(types, list) and "string" in types)
            if is_text and not {"pattern", "format", "enum", "$ref", "anyOf"} & set(prop):
                prop["pattern"] = LINK_PATTERN if field == "link" else TEXT_PATTERN


def _key_constraints(key_field: fields.Field | None) -> dict[str, Any]:
    """What a mapping's keys must be, from the key field's validators (lengths, patterns)."""
    found: dict[str, Any] = {}
    for validator in getattr(key_field, "validators", []) or []:
        if isinstance(validator, validate.Length):
            if validator.min is not None:
                found["minLength"] = validator.min
            if validator.max is not None:
                found["maxLength"] = validator.max
        if isinstance(validator, validate.Regexp):
            found["pattern"] = validator.regex.pattern
    return found


def register(bp: Blueprint) -> None:
    @bp.get("/openapi.json")
    def openapi_document():
        return jsonify(build_document())


@lru_cache(maxsize=1)
def build_document() -> dict[str, Any]:
    plugin = MarshmallowPlugin()
    spec = APISpec(
        title="Negotiation tracker API",
        version="1",
        openapi_version=OPENAPI_VERSION,
        plugins=[plugin],
        info={
            "description": DESCRIPTION,
            "license": {"name": "MIT", "identifier": "MIT"},
            "contact": {"name": "The negotiation tracker's maintainers (see the project's README)"},
        },
        servers=[{"url": PREFIX, "description": "This server: every path below is under /api/v1."}],
        tags=TAGS,
    )
    plugin.converter.add_attribute_function(exact_json_schema)
    _components(spec)
    document_auth(spec)
    _read_paths(spec)
    analysis.document(spec, "", _ok)
    audit_doc.document(spec, "", _ok)
    due.document(spec, "", _ok)
    notifications.document(spec, _ok)
    calendar_feed.document(spec, _ok)
    teams.document(spec, _ok)
    team_settings.document(spec, _ok)
    webhooks.document(spec, _ok)
    stories = run_story(body_schema)
    for step in STEPS:
        spec.path(
            path="/negotiations/{negotiation_id}" + _template(step.path),
            operations={"post": _step_operation(step, stories)},
        )
    document = name_enums(require_auth(spec.to_dict()))
    describe_operations(document, stories)
    request_bodies = {"NegotiationCreate", *(_body_name(step) for step in STEPS)}
    state_text_rules(document["components"]["schemas"], request_bodies)
    return add_links(document)


def _components(spec: APISpec) -> None:
    for schema in (
        out.PartyOut,
        out.TermOut,
        out.PriorityOut,
        out.AspirationOut,
        out.ResearchOut,
        out.AllyActionOut,
        out.AllyOut,
        out.AlternativeOut,
        out.ResponseOut,
        out.ProposalOut,
        out.InteractionOut,
        out.NoteOut,
        out.ConclusionOut,
        out.NegotiationSummaryOut,
        out.ApproverOut,
        out.ApprovalDecisionOut,
        out.ApprovalOut,
        out.NegotiationOut,
        out.TimelineEntryOut,
        shapes.ErrorOut,
        shapes.InvalidOut,
        shapes.ConflictOut,
        shapes.NegotiationListOut,
        shapes.TimelineOut,
    ):
        spec.components.schema(schema.__name__, schema=schema)
    spec.components.schema("NegotiationCreate", schema=CREATE_SCHEMA)
    for step in STEPS:
        if _body_name(step) not in spec.components.schemas:
            spec.components.schema(_body_name(step), schema=step_schema(step.command, step.path_fields))
        spec.components.schema(_result_name(step), schema=answer_schema(step))
    spec.components.header("ETag", ETAG)
    spec.components.header("IdempotentReplayed", REPLAYED)
    for name, (schema, description) in ERRORS.items():
        response = {"description": description, "content": {"application/json": {"schema": schema.__name__}}}
        if name == "Conflict":
            response["headers"] = {"ETag": "ETag"}
        spec.components.response(name, response)
    spec.components.parameter(
        "NegotiationId", "path", {"name": "negotiation_id", "schema": {"type": "string", "format": "uuid"}}
    )
    spec.components.parameter(
        "IfMatch",
        "header",
        {
            "name": "If-Match",
            "required": True,
            "description": 'The version of the negotiation you last saw (its ETag), e.g. "3": every write '
            "needs it (without it 428; the deprecated expected_version in the body is still read in its "
            "place); a stale one gets 409 and nothing is stored.",
            "schema": {"type": "string", "pattern": IF_MATCH.pattern},
        },
    )
    spec.components.parameter(
        "IdempotencyKey",
        "header",
        {
            "name": "Idempotency-Key",
            "required": False,
            "description": "A key of your own for this write (e.g. a UUID); sent again, the first success is "
            "returned again and nothing is stored twice; sent with another body or route, 422. Same as "
            "request_id in the body.",
            "schema": {"type": "string", "pattern": KEY.pattern},
        },
    )


def _read_paths(spec: APISpec) -> None:
    negotiation = "NegotiationId"
    spec.path(
        path="/negotiations",
        operations={
            "get": {
                "operationId": "list_negotiations",
                "summary": "List negotiations, most recently changed first",
                "tags": ["negotiations"],
                "parameters": [{"in": "query", "schema": shapes.ListQuery}],
                "responses": {"200": _ok("NegotiationListOut", etag=False), "422": "Unprocessable"},
            },
            "post": {
                "operationId": "start_negotiation",
                "summary": "Start a negotiation",
                "tags": ["negotiations"],
                "parameters": ["IdempotencyKey"],
                "requestBody": _body("NegotiationCreate"),
                "responses": {
                    "201": _ok("NegotiationOut", location=True, replayed=True),
                    "400": "BadRequest",
                    "422": "Unprocessable",
                },
            },
        },
    )
    spec.path(
        path="/negotiations/{negotiation_id}",
        operations={
            "get": {
                "operationId": "get_negotiation",
                "summary": "One negotiation: its state now, at a version, or as of a version or moment",
                "tags": ["negotiations"],
                "parameters": [negotiation, {"in": "query", "schema": shapes.VersionQuery}],
                "responses": {
                    "200": _ok("NegotiationOut"),
                    "403": "Forbidden",
                    "404": "NotFound",
                    "422": "Unprocessable",
                    "503": "Unavailable",
                },
            }
        },
    )
    spec.path(
        path="/negotiations/{negotiation_id}/proposals/{proposal_id}",
        operations={
            "get": {
                "operationId": "get_proposal",
                "summary": "One proposal with its answers",
                "tags": ["proposals"],
                "parameters": [negotiation, _path_param("proposal_id")],
                "responses": {"200": _ok("ProposalOut"), "403": "Forbidden", "404": "NotFound"},
            }
        },
    )


def _step_operation(step: Step, stories: Examples) -> dict[str, Any]:
    return {
        "operationId": step.command,
        "summary": step.summary,
        "description": step_description(step),
        "tags": [step.tag],
        "parameters": [
            "NegotiationId",
            *[_path_param(name) for name in step.path_fields],
            "IfMatch",
            "IdempotencyKey",
        ],
        "requestBody": _body(_body_name(step), stories.requests[step.command]),
        "responses": {
            str(step.status): _ok(_result_name(step), replayed=True, example=stories.answers[step.command]),
            "400": "BadRequest",
            "403": "Forbidden",
            "404": "NotFound",
            "409": "Conflict",
            "422": "Unprocessable",
            "428": "PreconditionRequired",
        },
    }


def _ok(
    schema: str,
    location: bool = False,
    etag: bool = True,
    replayed: bool = False,
    example: dict[str, Any] | None = None,
) -> dict[str, Any]:
    headers: dict[str, Any] = {"ETag": "ETag"} if etag else {}
    if location:
        headers["Location"] = {
            "description": "The new negotiation's URL.",
            "required": True,
            "schema": {"type": "string"},
        }
    if replayed:
        headers["Idempotent-Replayed"] = "IdempotentReplayed"
    content: dict[str, Any] = {"schema": schema}
    if example is not None:
        content["example"] = example
    return {"description": "Done.", "headers": headers, "content": {"application/json": content}}


def _body(schema: str, example: dict[str, Any] | None = None) -> dict[str, Any]:
    content: dict[str, Any] = {"schema": schema}
    if example is not None:
        content["example"] = example
    return {"required": True, "content": {"application/json": content}}


def _path_param(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}}


def _template(rule: str) -> str:
    return rule.replace("<", "{").replace(">", "}")


def _body_name(step: Step) -> str:
    return type(step_schema(step.command)).__name__.removesuffix("Schema")


def _result_name(step: Step) -> str:
    return answer_schema(step).__name__


DESCRIPTION = """An event-sourced tracker of multi-party career negotiations.

Authentication: send an API token as Authorization: Bearer trk_... (create one on the API tokens page
or with `tracker token create EMAIL`). It acts as its owner: negotiations they may not see answer 404,
writes where they only read answer 403. Without a valid token: 401 with a WWW-Authenticate challenge
(answered more slowly after many bad tokens from one client; a valid token is never refused).

Writes: every step is a POST under /negotiations/{negotiation_id} and must say which version of the
negotiation it is based on: If-Match: "3", the ETag you last saw (the deprecated expected_version in
the body is still read in its place). Without one the answer is 428, with a stale one 409 with the
current version, and nothing is stored. An Idempotency-Key header (or the deprecated request_id) makes
a retry safe: the first success is returned again (Idempotent-Replayed: true); the same key with
another body or route is 422.

Links: the answers say where their ids go next (OpenAPI links): POST /negotiations to every step,
each step that creates a party, term, ally or proposal to the steps that name it, and a negotiation's
state (GET /negotiations/{negotiation_id}) to every step and read, with the ETag as If-Match.

Errors have one shape: {"error", "message"}, plus "errors" {"dotted.field": [messages]} for invalid
values (422) and "current_version" for conflicts (409). 400: malformed JSON, not a JSON object, not
application/json, malformed headers. 404: unknown negotiation, or an unknown proposal / term / party /
ally named in the path. 409: stale version, or a step the negotiation's rules refuse now (closed,
proposal not open, party not addressed, stage change not allowed). 422: invalid values, including
unknown terms or parties named in the body. Money is {"amount": "120000", "currency": "EUR"}, amounts
and numbers are strings of decimals (the API reads no locale: "88000.50", never "88.000,50"). A
numeric term may name its lowest and highest value (min, max); a value outside them is a 422 naming
the field. Several invalid values are all named at once in errors."""
