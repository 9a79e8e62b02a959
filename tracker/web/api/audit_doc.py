"""The audit routes in the OpenAPI document: their query parameters, answers and errors."""

from __future__ import annotations

from typing import Any

from apispec import APISpec

from tracker.schemas import audit as schemas

SCHEMAS = (
    schemas.TermComparisonOut,
    schemas.PackageRefOut,
    schemas.PackageComparisonOut,
    schemas.HeadOut,
    schemas.VerifyOut,
    schemas.ExportEventOut,
    schemas.SignatureOut,
    schemas.ExportOut,
    schemas.ImportResultOut,
)
CSV = {
    "description": "The timeline as CSV: a header row (version, type, actor, recorded_at, occurred_at, "
    "sentence), then one row per step. Text a spreadsheet would run as a formula starts "
    "with an apostrophe.",
    "headers": {"ETag": "ETag"},
    "content": {"text/csv": {"schema": {"type": "string"}}},
}
UNAVAILABLE = {
    "description": "The store cannot be read (e.g. the configured cipher key is not the one the "
    "store was made with); the message says what to do.",
    "content": {"application/json": {"schema": "ErrorOut"}},
}
READ_ERRORS = {"403": "Forbidden", "404": "NotFound", "422": "Unprocessable", "503": "Unavailable"}


def document(spec: APISpec, prefix: str, ok: Any) -> None:
    """Adds the audit schemas, responses and routes (``ok`` builds a 200 answer with an ETag)."""
    for schema in SCHEMAS:
        spec.components.schema(schema.__name__, schema=schema)
    spec.components.response("Unavailable", UNAVAILABLE)
    base = prefix + "/negotiations/{negotiation_id}"

    def params(query: Any) -> list[Any]:
        return ["NegotiationId", {"in": "query", "schema": query}]

    timeline_ok = ok("TimelineOut")
    timeline_ok["content"]["text/csv"] = CSV["content"]["text/csv"]
    spec.path(
        path=base + "/timeline",
        operations={
            "get": {
                "operationId": "get_timeline",
                "tags": ["audit"],
                "parameters": params(schemas.TimelineJsonQuery),
                "summary": "Every event as a readable sentence (version, actor, recorded and happened times), "
                "filtered by party, kind of step, actor and date range; as of a version or moment",
                "responses": {"200": timeline_ok, **READ_ERRORS},
            }
        },
    )
    spec.path(
        path=base + "/timeline.csv",
        operations={
            "get": {
                "operationId": "get_timeline_csv",
                "tags": ["audit"],
                "parameters": params(schemas.TimelineFilterQuery),
                "summary": "The timeline as CSV, with the same filters",
                "responses": {"200": CSV, **READ_ERRORS},
            }
        },
    )
    spec.path(
        path=base + "/compare",
        operations={
            "get": {
                "operationId": "compare_packages",
                "tags": ["audit"],
                "parameters": params(schemas.CompareQuery),
                "summary": "Two packages term by term (proposals, alternatives, your targets or walk-away points): "
                "values, difference, direction and whether other is better or worse for you",
                "responses": {"200": ok("PackageComparisonOut"), **READ_ERRORS},
            }
        },
    )
    spec.path(
        path=base + "/verify",
        operations={
            "get": {
                "operationId": "verify_negotiation",
                "tags": ["audit"],
                "parameters": params(schemas.VerifyQuery),
                "summary": "Check the stored events' hash chain: intact, or the first version that was edited, "
                "deleted, reordered or inserted in the database (an unreadable event is reported too)",
                "responses": {
                    "200": ok("VerifyOut", etag=False),
                    "403": "Forbidden",
                    "404": "NotFound",
                    "422": "Unprocessable",
                },
            }
        },
    )
    spec.path(
        path=base + "/export",
        operations={
            "get": {
                "operationId": "export_negotiation",
                "tags": ["audit"],
                "parameters": ["NegotiationId"],
                "summary": "The full event stream with its digests (format negotiation-tracker/events, version 1), "
                "as POST /imports takes it",
                "responses": {
                    "200": ok("ExportOut"),
                    "403": "Forbidden",
                    "404": "NotFound",
                    "503": "Unavailable",
                },
            }
        },
    )
    created = ok("ImportResultOut", location=True)
    created["description"] = "Imported: every event stored, identical to the file."
    spec.path(
        path=prefix + "/imports",
        operations={
            "post": {
                "operationId": "import_negotiation",
                "tags": ["audit"],
                "summary": "Import an exported negotiation: the hash chain is verified first; an altered, "
                "incomplete or unknown file is refused and nothing is stored",
                "requestBody": {"required": True, "content": {"application/json": {"schema": "ExportOut"}}},
                "responses": {
                    "201": created,
                    "400": "BadRequest",
                    "403": _refused("Only a signed-in user may import."),
                    "409": _refused("This store already holds that negotiation; nothing was stored."),
                    "422": {
                        "description": "The file is not a valid export or was altered (the message "
                        "says how); nothing was stored.",
                        "content": {"application/json": {"schema": "InvalidOut"}},
                    },
                },
            }
        },
    )


def _refused(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": "ErrorOut"}}}
