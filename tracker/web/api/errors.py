"""Every error of the JSON API has one shape, and every failure has a documented status.

Shape: ``{"error": reason phrase, "message": a sentence a person can act on}``, plus
``"errors": {"dotted.field": ["message", ...]}`` for invalid values and ``"current_version": n`` for
conflicts and refusals. Nested fields are named with dots, as the domain names them
(``values.base_salary.currency``, ``to_parties.0``); ``_schema`` names the request as a whole.

Mapping:
- 400: the body is not JSON, not a JSON object, not sent as application/json; a malformed ``If-Match``
  or ``Idempotency-Key``; ``If-Match`` and ``expected_version`` disagree.
- 403: the user may read the negotiation but not write to it.
- 404: no such negotiation, or the proposal, term, party or ally named in the URL path is unknown.
- 409: a stale version (someone else recorded a step since), and steps the negotiation's rules refuse
  in its current state (closed negotiation, proposal no longer open, party not addressed, stage
  transition not allowed, a value error about the thing named in the URL path). Nothing is stored.
- 422: invalid values: the schemas' errors and the domain's value errors (a bad value, an unknown
  term / party / ally / proposal named in the body, a target worse than the walk-away point).
- 428: a write without the version the client last saw.
- 503: the store cannot be read (e.g. a wrong cipher key); or it is down, too slow or cannot be written
  (``StoreUnavailable``, answered by tracker.web.errors with ``Retry-After`` and a ``reason``).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify
from marshmallow import ValidationError

from tracker.audit.errors import StoreUnreadable
from tracker.domain import errors as de
from tracker.web.identity import Forbidden

#: Domain errors about a value the client sent (422, or 404 when the value is in the URL path).
VALUE_ERRORS = (
    de.InvalidValue,
    de.UnknownParty,
    de.UnknownTerm,
    de.UnknownProposal,
    de.UnknownAlly,
    de.TargetWorseThanWalkAway,
)
UNKNOWN_ERRORS = (de.UnknownParty, de.UnknownTerm, de.UnknownProposal, de.UnknownAlly)
REASONS = {
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    422: "Unprocessable Entity",
    428: "Precondition Required",
    503: "Service Unavailable",
}


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        message: str,
        errors: dict[str, list[str]] | None = None,
        current_version: int | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.message, self.errors, self.current_version = (
            status,
            message,
            errors,
            current_version,
        )

    def response(self):
        body: dict[str, Any] = {"error": REASONS.get(self.status, "Error"), "message": self.message}
        if self.errors is not None:
            body["errors"] = self.errors
        headers = {}
        if self.current_version is not None:
            body["current_version"] = self.current_version
            headers["ETag"] = f'"{self.current_version}"'
        return jsonify(body), self.status, headers


def flatten(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages as {"dotted.name": [messages]}."""
    out: dict[str, list[str]] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            name = prefix if key == "_schema" and prefix else (f"{prefix}.{key}" if prefix else str(key))
            for field, texts in flatten(value, name).items():
                out.setdefault(field, []).extend(texts)
    elif isinstance(messages, (list, tuple)):
        for item in messages:
            for field, texts in flatten(item, prefix).items():
                out.setdefault(field, []).extend(texts)
    else:
        out.setdefault(prefix or "_schema", []).append(str(messages))
    return out


def invalid(
    errors: dict[str, list[str]], message: str = "Some values are not valid; see errors."
) -> ApiError:
    return ApiError(422, message, errors)


def refusal(
    error: de.DomainError, current_version: int | None, path_fields: tuple[str, ...] = ()
) -> ApiError:
    """A step the domain refused, as the status the module docstring describes. Several refusals
    at once (``Refusals``) answer with the status of the gravest (404, then 409, then 422) and
    every one of them in ``errors``."""
    if isinstance(error, de.Refusals):
        answers = [refusal(each, current_version, path_fields) for each in error.errors]
        worst = max(answers, key=lambda a: {404: 3, 409: 2}.get(a.status, 1))
        if worst.status == 404:
            return worst
        errors: dict[str, list[str]] = {}
        for each in error.errors:
            errors.setdefault(each.field or "_schema", []).append(each.message)
        return ApiError(worst.status, worst.message, errors, worst.current_version)
    field = error.field or "_schema"
    root = field.split(".", 1)[0]
    if isinstance(error, de.NotAnApprover):
        return ApiError(403, error.message)
    if root in path_fields and isinstance(error, UNKNOWN_ERRORS):
        return ApiError(404, error.message)
    if isinstance(error, VALUE_ERRORS) and root not in path_fields:
        return invalid({field: [error.message]}, error.message)
    return ApiError(409, error.message, {field: [error.message]}, current_version)


def register(bp: Blueprint) -> None:
    @bp.errorhandler(ApiError)
    def api_error(error: ApiError):
        return error.response()

    @bp.errorhandler(ValidationError)
    def validation_error(error: ValidationError):
        return invalid(flatten(error.messages)).response()

    @bp.errorhandler(de.ConflictError)
    def conflict(error: de.ConflictError):
        return ApiError(409, str(error), current_version=error.actual).response()

    @bp.errorhandler(de.DomainError)
    def domain_error(error: de.DomainError):
        return refusal(error, None).response()

    @bp.errorhandler(de.NotFound)
    def not_found(error: de.NotFound):
        return ApiError(404, str(error) or "Not found.").response()

    @bp.errorhandler(Forbidden)
    def forbidden(error: Forbidden):
        return ApiError(403, str(error) or "You may read this negotiation but not change it.").response()

    @bp.errorhandler(StoreUnreadable)
    def unreadable(error: StoreUnreadable):
        return ApiError(503, error.message).response()
