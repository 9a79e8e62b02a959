"""Webhooks through the JSON API: the caller's own and a team's (its owners manage them; a member gets
403, anyone outside the team 404), each one's delivery log, "send a test event", turning one off and
on. The secret is in the answer that creates the webhook, and never again. The same registry as the
pages (tracker.notify.webhook_registry)."""

from __future__ import annotations

from typing import Any

from apispec import APISpec
from flask import Blueprint, jsonify
from marshmallow import Schema, fields, validate

from tracker.domain.errors import DomainError
from tracker.notify.webhook_registry import KNOWN_KINDS, TEAM, USER
from tracker.notify.webhooks.urls import MAX_LENGTH
from tracker.schemas import domain_errors
from tracker.web.api.errors import invalid
from tracker.web.api.inputs import json_object
from tracker.web.identity import current_user
from tracker.web.webhook_registry import registry

EXAMPLE_ID = "5b7f2d1c-8e4a-4c3b-9f60-1a2b3c4d5e6f"
EXAMPLE_TEAM = "9d3c1f0e-7a4b-4c1e-9b65-2f0d8a6e4c21"
EXAMPLE_WEBHOOK = {
    "id": EXAMPLE_ID,
    "owner_kind": "team",
    "owner": EXAMPLE_TEAM,
    "url": "https://hr.example.org/hooks/tracker",
    "kinds": ["ProposalAccepted", "Concluded"],
    "created_by": "lena@example.org",
    "created_at": "2026-03-03T09:30:00+00:00",
    "enabled": True,
    "disabled_at": None,
    "disabled_reason": None,
}
EXAMPLE_NEW = {
    "url": "https://hr.example.org/hooks/tracker",
    "kinds": ["ProposalAccepted", "Concluded"],
}
EXAMPLE_DELIVERY = {
    "id": 812,
    "kind": "ProposalAccepted",
    "negotiation_id": "3201d589-01cf-4fff-8eab-bd605b7c5ee8",
    "version": 14,
    "status": "sent",
    "attempts": 1,
    "response_code": 200,
    "last_error": None,
    "created_at": "2026-03-03T09:31:00+00:00",
    "sent_at": "2026-03-03T09:31:01+00:00",
    "next_attempt_at": None,
}
#: What the stateful walk (and a try-out) registers: a closed port on this machine, allowed only
#: where webhooks_allow_loopback is on (tests); elsewhere the address is refused (422).
TRY_OUT = {"url": "http://127.0.0.1:9/hook", "kinds": []}


class WebhookIn(Schema):
    url = fields.String(
        required=True,
        validate=validate.Length(max=MAX_LENGTH),
        metadata={"description": "A public https address (no redirects are followed)."},
    )
    kinds = fields.List(
        fields.String(validate=validate.OneOf(KNOWN_KINDS)),
        load_default=list,
        validate=validate.Length(max=len(KNOWN_KINDS)),
        metadata={"description": "The event kinds wanted; empty: every step."},
    )


class WebhookOut(Schema):
    id = fields.String(required=True)
    owner_kind = fields.String(required=True, metadata={"enum": [TEAM, USER]})
    owner = fields.String(required=True, metadata={"description": "The team's id, or your email."})
    url = fields.String(required=True)
    kinds = fields.List(fields.String(), required=True, metadata={"description": "Empty: every step."})
    created_by = fields.String(required=True)
    created_at = fields.AwareDateTime(required=True)
    enabled = fields.Boolean(required=True)
    disabled_at = fields.AwareDateTime(required=True, allow_none=True)
    disabled_reason = fields.String(required=True, allow_none=True)


class WebhookCreatedOut(WebhookOut):
    secret = fields.String(
        required=True, metadata={"description": "Signs every call (Tracker-Signature); shown only now."}
    )


class WebhooksOut(Schema):
    items = fields.List(fields.Nested(WebhookOut), required=True)


class WebhookDeliveryOut(Schema):
    id = fields.Integer(required=True, metadata={"description": "The call's `id` and Tracker-Delivery."})
    kind = fields.String(required=True, metadata={"description": "The step's event, or ping."})
    negotiation_id = fields.String(required=True)
    version = fields.Integer(required=True)
    status = fields.String(required=True, metadata={"enum": ["queued", "sending", "sent", "failed"]})
    attempts = fields.Integer(required=True)
    response_code = fields.Integer(required=True, allow_none=True)
    last_error = fields.String(required=True, allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    sent_at = fields.AwareDateTime(required=True, allow_none=True)
    next_attempt_at = fields.AwareDateTime(required=True, allow_none=True)


class WebhookDeliveriesOut(Schema):
    items = fields.List(fields.Nested(WebhookDeliveryOut), required=True)


def webhook_out(hook: Any) -> dict[str, Any]:
    return {**hook.__dict__, "kinds": list(hook.kinds), "enabled": hook.enabled}


def delivery_out(d: Any) -> dict[str, Any]:
    n = d.notice
    return {
        **{k: getattr(d, k) for k in ("id", "status", "attempts", "response_code", "last_error")},
        **{k: getattr(d, k) for k in ("created_at", "sent_at", "next_attempt_at")},
        "kind": n.kind,
        "negotiation_id": n.negotiation_id,
        "version": n.version,
    }


def _create(owner_kind: str, owner: str):
    data = WebhookIn().load(json_object())
    try:
        hook = registry().create(owner_kind, owner, data["url"], data["kinds"], actor=current_user())
    except DomainError as error:
        errors = domain_errors(error)
        raise invalid(errors, next(iter(errors.values()))[0]) from None
    return jsonify(WebhookCreatedOut().dump({**webhook_out(hook), "secret": hook.secret})), 201


def register(bp: Blueprint) -> None:
    @bp.get("/webhooks")
    def list_webhooks():
        found = registry().owned(USER, current_user(), current_user())
        return jsonify(WebhooksOut().dump({"items": [webhook_out(h) for h in found]}))

    @bp.post("/webhooks")
    def create_webhook():
        return _create(USER, current_user())

    @bp.get("/teams/<team_id>/webhooks")
    def list_team_webhooks(team_id: str):
        found = registry().owned(TEAM, team_id, current_user())
        return jsonify(WebhooksOut().dump({"items": [webhook_out(h) for h in found]}))

    @bp.post("/teams/<team_id>/webhooks")
    def create_team_webhook(team_id: str):
        registry().check_owner(TEAM, team_id, current_user())  # 404 / 403 before the body is read
        return _create(TEAM, team_id)

    @bp.get("/webhooks/<webhook_id>/deliveries")
    def list_webhook_deliveries(webhook_id: str):
        hooks = registry()
        found = hooks.deliveries(hooks.get(webhook_id, current_user()))
        return jsonify(WebhookDeliveriesOut().dump({"items": [delivery_out(d) for d in found]}))

    @bp.post("/webhooks/<webhook_id>/test")
    def test_webhook(webhook_id: str):
        hooks = registry()
        sent = hooks.send_test(hooks.get(webhook_id, current_user()), current_user())
        return jsonify(WebhookDeliveryOut().dump(delivery_out(sent)))

    @bp.post("/webhooks/<webhook_id>/disable")
    def disable_webhook(webhook_id: str):
        hooks = registry()
        hook = hooks.disable(hooks.get(webhook_id, current_user()), current_user())
        return jsonify(WebhookOut().dump(webhook_out(hook)))

    @bp.post("/webhooks/<webhook_id>/enable")
    def enable_webhook(webhook_id: str):
        hooks = registry()
        hook = hooks.enable(hooks.get(webhook_id, current_user()))
        return jsonify(WebhookOut().dump(webhook_out(hook)))


def document(spec: APISpec, ok: Any) -> None:
    for schema in (WebhookIn, WebhookOut, WebhookCreatedOut, WebhooksOut, WebhookDeliveryOut):
        spec.components.schema(schema.__name__, schema=schema)
    spec.components.schema(WebhookDeliveriesOut.__name__, schema=WebhookDeliveriesOut)
    team = {"in": "path", "name": "team_id", "required": True, "schema": {"type": "string", "format": "uuid"}}
    hook = {"in": "path", "name": "webhook_id", "required": True, "schema": {"type": "string"}}
    refused = {"403": "Forbidden", "404": "NotFound"}

    def answer(name: str, example: dict[str, Any], links: dict[str, Any] | None = None) -> dict[str, Any]:
        found = ok(name, etag=False)
        found["content"]["application/json"]["example"] = example
        return {**found, "links": links} if links else found

    def body(example: dict[str, Any]) -> dict[str, Any]:
        schema = {"$ref": "#/components/schemas/WebhookIn"}
        return {"required": True, "content": {"application/json": {"schema": schema, "example": example}}}

    def on(id_from: str) -> dict[str, Any]:
        """Links from an answer naming a webhook to what can be done with it."""
        return {
            target: {"operationId": target, "parameters": {"path.webhook_id": id_from}}
            for target in ("list_webhook_deliveries", "test_webhook", "disable_webhook", "enable_webhook")
        }

    create_link = {
        "operationId": "create_webhook",
        "requestBody": TRY_OUT,
        "x-schemathesis": {"merge_body": False},
    }
    listed = {"items": [EXAMPLE_WEBHOOK]}
    created = {**EXAMPLE_WEBHOOK, "secret": "whsec_3q2-8Yp0b6tZ1nKx5Wm9rV4cLd7sHf2JgQaE1uTzXyo"}
    one = on("$response.body#/id")
    first = on("$response.body#/items/0/id")
    mine = {"list_webhooks": {"operationId": "list_webhooks"}, "create_webhook": create_link}
    team_create = {
        "operationId": "create_team_webhook",
        "parameters": {"path.team_id": "$request.path.team_id"},
        "requestBody": TRY_OUT,
        "x-schemathesis": {"merge_body": False},
    }
    spec.path(
        path="/webhooks",
        operations={
            "get": {
                "operationId": "list_webhooks",
                "summary": "Your own webhooks",
                "tags": ["webhooks"],
                "responses": {"200": answer("WebhooksOut", listed, {**first, "create_webhook": create_link})},
            },
            "post": {
                "operationId": "create_webhook",
                "summary": "Register a webhook of your own: told of the steps you can see (the secret is shown once)",
                "tags": ["webhooks"],
                "requestBody": body(EXAMPLE_NEW),
                "responses": {
                    "201": answer("WebhookCreatedOut", {**created, "owner_kind": "user"}, {**one, **mine}),
                    "400": "BadRequest",
                    "422": "Unprocessable",
                },
            },
        },
    )
    spec.path(
        path="/teams/{team_id}/webhooks",
        operations={
            "get": {
                "operationId": "list_team_webhooks",
                "summary": "The team's webhooks (team owners)",
                "tags": ["webhooks"],
                "parameters": [team],
                "responses": {
                    "200": answer("WebhooksOut", listed, {**first, "create_team_webhook": team_create}),
                    **refused,
                },
            },
            "post": {
                "operationId": "create_team_webhook",
                "summary": "Register a webhook for the team: told of the steps shared with the team (team owners)",
                "tags": ["webhooks"],
                "parameters": [team],
                "requestBody": body(EXAMPLE_NEW),
                "responses": {
                    "201": answer("WebhookCreatedOut", created, one),
                    "400": "BadRequest",
                    **refused,
                    "422": "Unprocessable",
                },
            },
        },
    )
    delivery_links = {"list_webhooks": {"operationId": "list_webhooks"}}
    spec.path(
        path="/webhooks/{webhook_id}/deliveries",
        operations={
            "get": {
                "operationId": "list_webhook_deliveries",
                "summary": "A webhook's delivery log: its last 50 calls, newest first, with the answers' codes",
                "tags": ["webhooks"],
                "parameters": [hook],
                "responses": {
                    "200": answer("WebhookDeliveriesOut", {"items": [EXAMPLE_DELIVERY]}, delivery_links),
                    **refused,
                },
            }
        },
    )
    ping = {**EXAMPLE_DELIVERY, "kind": "ping", "negotiation_id": "", "version": 0}
    for action, summary, shape, example, links in (
        (
            "test",
            "Send a test event (a signed ping) now; the answer is how the call went",
            "WebhookDeliveryOut",
            ping,
            delivery_links,
        ),
        ("disable", "Turn a webhook off", "WebhookOut", {**EXAMPLE_WEBHOOK, "enabled": False}, one),
        ("enable", "Turn a webhook on again", "WebhookOut", EXAMPLE_WEBHOOK, one),
    ):
        spec.path(
            path=f"/webhooks/{{webhook_id}}/{action}",
            operations={
                "post": {
                    "operationId": f"{action}_webhook",
                    "summary": summary,
                    "tags": ["webhooks"],
                    "parameters": [hook],
                    "responses": {"200": answer(shape, example, links), **refused},
                }
            },
        )
