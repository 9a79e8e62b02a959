"""Reading a request: its JSON body, the version the client last saw, its idempotency key."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from flask import request

from tracker.web.api.errors import ApiError

IF_MATCH = re.compile(r'^(?:W/)?"(\d{1,15})"$|^(\d{1,15})$')
KEY = re.compile(r"^[\x21-\x7e]{1,100}$")  # visible ASCII, no spaces
VERSION_HINT = (
    'Send the version you last saw: an If-Match header (If-Match: "3", the ETag of the '
    'negotiation) or an "expected_version" field in the body.'
)


def json_object() -> dict[str, Any]:
    """The body as a JSON object, or 400 saying what is wrong with it."""
    mimetype = request.mimetype or ""
    if mimetype != "application/json" and not (
        mimetype.startswith("application/") and mimetype.endswith("+json")
    ):
        raise ApiError(400, "Send the body as JSON with the header Content-Type: application/json.")
    raw = request.get_data(cache=True)
    try:
        data = json.loads(raw, parse_constant=_refuse_constant)
    except RecursionError:
        raise ApiError(400, "The JSON body is nested too deeply.") from None
    except ValueError as error:  # includes JSONDecodeError and UnicodeDecodeError
        raise ApiError(400, f"The body is not valid JSON ({_short(error)}).") from None
    if not isinstance(data, dict):
        raise ApiError(400, "The body must be a JSON object ({...}).")
    try:  # "\ud800" is valid JSON but not text that can be stored
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(
            400, "The body contains a \\u escape that is not a character (a lone surrogate)."
        ) from None
    return data


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _short(error: ValueError) -> str:
    return str(error).split("\n", 1)[0][:120]


def header_version() -> int | None:
    header = request.headers.get("If-Match")
    if header is None:
        return None
    match = IF_MATCH.match(header.strip())
    if match is None:
        raise ApiError(
            400, f'If-Match names one version of the negotiation, e.g. If-Match: "3" (got {header[:40]!r}).'
        )
    return int(match.group(1) or match.group(2))


def expected_version(body_version: int | None) -> int:
    """The version this write is based on: If-Match or expected_version (both: they must agree)."""
    from_header = header_version()
    if from_header is not None and body_version is not None and from_header != body_version:
        raise ApiError(
            400, f"If-Match ({from_header}) and expected_version ({body_version}) disagree; send one of them."
        )
    version = from_header if from_header is not None else body_version
    if version is None:
        raise ApiError(428, "Every write needs the version of the negotiation you last saw. " + VERSION_HINT)
    return version


def request_fingerprint() -> str:
    """SHA-256 of the request's method, route and canonical JSON body (its request_id aside): what an
    idempotency key is bound to, so the same key with another body or route is told apart."""
    body = {k: v for k, v in json_object().items() if k != "request_id"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{request.method}\n{request.path}\n{canonical}".encode()).hexdigest()


def idempotency_key(body_key: str | None) -> str | None:
    """The request's idempotency key: the Idempotency-Key header or request_id (both: they must agree)."""
    header = request.headers.get("Idempotency-Key")
    if header is None:
        return body_key or None
    header = header.strip()
    if not KEY.match(header):
        raise ApiError(400, "Idempotency-Key is 1-100 visible ASCII characters without spaces (e.g. a UUID).")
    if body_key and body_key != header:
        raise ApiError(400, "Idempotency-Key and request_id disagree; send one of them.")
    return header
