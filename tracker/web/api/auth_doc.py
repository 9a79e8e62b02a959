"""How the JSON API authenticates, in its OpenAPI document: a bearer token (``Authorization: Bearer
trk_...``) on every operation; 401 with a ``WWW-Authenticate`` challenge without a valid one, 429
with ``Retry-After`` when a client sent too many bad tokens."""

from __future__ import annotations

from typing import Any

from apispec import APISpec
from marshmallow import fields

from tracker.web.api.shapes import ErrorOut

SCHEME = "bearerAuth"


class ThrottledOut(ErrorOut):
    retry_after = fields.Integer(
        required=True, metadata={"description": "Seconds to wait before trying again."}
    )


def document_auth(spec: APISpec) -> None:
    spec.components.security_scheme(
        SCHEME,
        {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "trk_...",
            "description": "An API token: create one on the API tokens page (/auth/tokens) or with "
            "`tracker token create EMAIL`. It acts as its owner and sees exactly what they may.",
        },
    )
    spec.components.schema("ThrottledOut", schema=ThrottledOut)
    spec.components.response(
        "Unauthorized",
        {
            "description": "No API token, or one that is not valid (unknown, mistyped or revoked).",
            "headers": {
                "WWW-Authenticate": {
                    "description": 'The challenge: Bearer realm="tracker"',
                    "required": True,
                    "schema": {"type": "string", "pattern": "^Bearer "},
                }
            },
            "content": {"application/json": {"schema": "ErrorOut"}},
        },
    )
    spec.components.response(
        "TooManyRequests",
        {
            "description": "Too many bad tokens from this client recently: wait before trying again.",
            "headers": {
                "Retry-After": {
                    "description": "Seconds to wait.",
                    "required": True,
                    "schema": {"type": "string", "pattern": "^[0-9]+$"},
                }
            },
            "content": {"application/json": {"schema": "ThrottledOut"}},
        },
    )


def require_auth(document: dict[str, Any]) -> dict[str, Any]:
    """Every operation needs the bearer token and documents the 401 and 429 answers."""
    document["security"] = [{SCHEME: []}]
    for item in document.get("paths", {}).values():
        for operation in item.values():
            if isinstance(operation, dict) and "responses" in operation:
                operation["responses"].setdefault("401", {"$ref": "#/components/responses/Unauthorized"})
                operation["responses"].setdefault("429", {"$ref": "#/components/responses/TooManyRequests"})
    return document
