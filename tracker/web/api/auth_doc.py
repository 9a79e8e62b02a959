"""How the JSON API authenticates, in its OpenAPI document: a bearer token (``Authorization: Bearer
trk_...``) on every operation; 401 with a ``WWW-Authenticate`` challenge without a valid one (answered
more slowly once a client has sent many bad ones; a valid token is never refused for that)."""

from __future__ import annotations

from typing import Any

from apispec import APISpec

SCHEME = "bearerAuth"


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


def require_auth(document: dict[str, Any]) -> dict[str, Any]:
    """Every operation needs the bearer token and documents the 401 answer."""
    document["security"] = [{SCHEME: []}]
    for item in document.get("paths", {}).values():
        for operation in item.values():
            if isinstance(operation, dict) and "responses" in operation:
                operation["responses"].setdefault("401", {"$ref": "#/components/responses/Unauthorized"})
    return document
