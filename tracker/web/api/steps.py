"""The write routes: one POST per step of the catalog, all handled the same way.

Order of checks: access (403/404), body (400), values (422), version given (428); then the command,
where a stale version is 409 and a refusal 409/422/404 (see errors.py). An idempotency key seen
before returns the first success again (``Idempotent-Replayed: true``) and stores nothing; the same
key with another body or route is 422 (the key is recorded with the request's fingerprint).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import uuid4

from flask import Blueprint, current_app, jsonify
from marshmallow import ValidationError

from tracker.application import NegotiationTracker
from tracker.domain.errors import DomainError
from tracker.domain.events import NegotiationEvent
from tracker.domain.negotiation import Negotiation
from tracker.domain.requests import request_fingerprint as request_fingerprint_of
from tracker.domain.requests import request_key, with_fingerprint
from tracker.schemas import split_common, step_schema
from tracker.schemas.common import StepSchema
from tracker.web.api.catalog import STEPS, Step
from tracker.web.api.errors import ApiError, refusal
from tracker.web.api.inputs import expected_version, idempotency_key, json_object, request_fingerprint
from tracker.web.identity import current_actor, require_access


def register(bp: Blueprint) -> None:
    for step in STEPS:
        bp.add_url_rule(
            f"/negotiations/<negotiation_id>{step.path}",
            endpoint=step.command,
            view_func=_view(step),
            methods=["POST"],
        )


def _view(step: Step):
    def view(negotiation_id: str, **path_values: str):
        return run_step(step, negotiation_id, path_values)

    view.__name__ = step.command
    return view


def run_step(step: Step, negotiation_id: str, path_values: dict[str, str]):
    tracker = current_app.extensions["tracker"]
    require_access(negotiation_id, step.access)
    try:
        fields, common = split_common(body_schema(step).load(json_object()))
        version = expected_version(common.pop("expected_version", None))
        request_id = idempotency_key(common.pop("request_id", None))
    except (ApiError, ValidationError):
        tracker.get(negotiation_id)  # an unknown negotiation is 404 whatever the body says
        raise
    # The client's key is bound to this request; without one, a key of our own still lets the answer
    # find the recorded event.
    request_id = with_fingerprint(request_id, request_fingerprint()) if request_id else f"api-{uuid4().hex}"
    try:
        result = tracker.step(
            negotiation_id,
            step.command,
            actor=current_actor(),
            expected_version=version,
            request_id=request_id,
            **path_values,
            **fields,
            **common,
        )
    except DomainError as error:
        raise refusal(error, tracker.get(negotiation_id).version, step.path_fields) from None
    with tracker.reading(negotiation_id, result.version) as negotiation:  # as the step left it: no read
        if not result.duplicate and negotiation.version != result.version:
            # Another worker recorded a step since: answer with the state this step made, or the
            # client's next If-Match would vouch for a version it never saw.
            negotiation = tracker.get(negotiation_id, version=result.version)
        event = recorded_event(tracker, negotiation, request_id, result.events)
        if result.duplicate:
            refuse_other_request(event.request_id, request_id)
        if type(event) is not step.event_class:
            raise ApiError(
                422,
                f"This idempotency key was already used for another step (version "
                f"{event.originator_version}); use a new key for each new step.",
                {"request_id": ["Already used for another step."]},
            )
        body: dict[str, Any] = {  # plain data: nothing of the negotiation is kept past the block
            "negotiation_id": str(negotiation.id),
            "version": negotiation.version,
            "stage": negotiation.stage_value,
            **step.answer.build(negotiation, event),
        }
    headers = {"ETag": f'"{body["version"]}"'}
    if result.duplicate:
        headers["Idempotent-Replayed"] = "true"
    return jsonify(body), step.status, headers


def refuse_other_request(recorded: str | None, sent: str) -> None:
    """422 when the key was first sent with another method, route or body (ids recorded before keys
    carried a fingerprint cannot tell, and are taken as a retry)."""
    first = request_fingerprint_of(recorded)
    if first is not None and first != request_fingerprint_of(sent):
        key = request_key(sent)
        raise ApiError(
            422,
            f"The Idempotency-Key {key!r} was already used for a different request (another body or "
            "route); nothing was stored. Use a new key for each new request.",
            {"request_id": [f"{key!r} was already used for a different request."]},
        )


def body_schema(step: Step) -> StepSchema:
    """The step's schema without the fields its URL path gives; a blank string is a value here."""
    return step_schema(step.command, step.path_fields, blank_means_missing=False)


def recorded_event(
    tracker: NegotiationTracker,
    negotiation: Negotiation,
    request_id: str,
    stored: Sequence[NegotiationEvent] = (),
) -> NegotiationEvent:
    """The event recorded for this request: one the step just stored, or (the first time it was
    sent) read from the store."""
    version = negotiation.seen_request(request_id)
    for event in stored:
        if event.originator_version == version:
            return event
    return next(iter(tracker.events.get(negotiation.id, gt=version - 1, lte=version)))
