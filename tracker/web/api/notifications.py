"""The caller's notifications through the JSON API: the list behind the bell (newest first, after
the outbox has caught up), marking them read, and what the caller wants to be told (in the app, by
email). The same store and checks as the pages (tracker.web.notifications)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from apispec import APISpec
from flask import Blueprint, current_app, jsonify, request
from marshmallow import EXCLUDE, Schema, fields, validate

from tracker.domain.errors import DomainError, each_refusal
from tracker.notify.preferences import EMAIL, IN_APP, check_preferences
from tracker.web.api.errors import invalid
from tracker.web.api.inputs import json_object
from tracker.web.identity import current_user

MAX_LIMIT = 200
MAX_ID = 2**63 - 1  # the stores' integer
EXAMPLE_NOTIFICATION = {
    "id": 41,
    "kind": "ProposalMade",
    "negotiation_id": "3201d589-01cf-4fff-8eab-bd605b7c5ee8",
    "negotiation_title": "Staff engineer offer",
    "version": 12,
    "actor": "dana.kim@example.org",
    "occurred_at": "2026-03-03T09:30:00+00:00",
    "sentence": "Dana Kim (hiring manager) countered proposal #1 to Alex Morgan: Base salary 128,000 EUR",
    "path": "/negotiations/3201d589-01cf-4fff-8eab-bd605b7c5ee8#v12",
    "needs_me": True,
    "read_at": None,
}
EXAMPLE_PREFERENCES = {"in_app": "all", "email": "needs_me"}


class NotificationOut(Schema):
    id = fields.Integer(required=True)
    kind = fields.String(
        required=True, metadata={"description": "The step's event (or SharedWithYou, AddedToTeam)."}
    )
    negotiation_id = fields.String(required=True, metadata={"description": "'' for a team notification."})
    negotiation_title = fields.String(required=True, metadata={"description": "Or the team's name."})
    version = fields.Integer(required=True, metadata={"description": "The step's version (0: not a step)."})
    actor = fields.String(required=True)
    occurred_at = fields.AwareDateTime(required=True)
    sentence = fields.String(required=True, metadata={"description": "The step in a sentence."})
    path = fields.String(required=True, metadata={"description": "Where the step is shown in the app."})
    needs_me = fields.Boolean(required=True, metadata={"description": "Whether it asks something of you."})
    read_at = fields.AwareDateTime(required=True, allow_none=True)


class PageQuery(Schema):
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=MAX_LIMIT))
    before = fields.Integer(load_default=None, validate=validate.Range(min=1, max=MAX_ID))


class NotificationsOut(Schema):
    items = fields.List(fields.Nested(NotificationOut), required=True)
    unread = fields.Integer(required=True)
    older = fields.Integer(
        required=True,
        allow_none=True,
        metadata={"description": "Pass as ?before= for the next page; null: no more."},
    )


class MarkReadIn(Schema):
    ids = fields.List(
        fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_ID)),
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=500),
        metadata={"description": "The notifications to mark read; absent or null: every one."},
    )


class MarkedOut(Schema):
    marked = fields.Integer(required=True)
    unread = fields.Integer(required=True)


class PreferencesShape(Schema):
    in_app = fields.String(required=True, metadata={"enum": list(IN_APP)})
    email = fields.String(required=True, metadata={"enum": list(EMAIL)})


def _store():
    return current_app.extensions["people"].outbox.store


def register(bp: Blueprint) -> None:
    @bp.get("/notifications")
    def get_notifications():
        query = PageQuery(unknown=EXCLUDE).load(request.args)
        current_app.extensions["people"].outbox.catch_up()
        user = current_user()
        limit, before = query["limit"], query["before"]
        found = _store().in_app(user, limit=limit + 1, before=before)
        items = [{**d.notice.__dict__, "id": d.id, "read_at": d.read_at} for d in found[:limit]]
        older = found[limit - 1].id if len(found) > limit else None
        return jsonify(
            NotificationsOut().dump({"items": items, "unread": _store().unread_count(user), "older": older})
        )

    @bp.post("/notifications/read")
    def mark_notifications_read():
        ids = MarkReadIn().load(json_object())["ids"]
        user = current_user()
        marked = _store().mark_read(user, ids, datetime.now(UTC))
        return jsonify(MarkedOut().dump({"marked": marked, "unread": _store().unread_count(user)}))

    @bp.get("/notifications/preferences")
    def get_notification_preferences():
        chosen = _store().preferences([current_user()])[current_user()]
        return jsonify(PreferencesShape().dump(chosen))

    @bp.put("/notifications/preferences")
    def set_notification_preferences():
        data = json_object()
        errors = {name: ["Unknown field."] for name in data if name not in PreferencesShape().fields}
        try:
            chosen = check_preferences(data.get("in_app"), data.get("email"))
        except DomainError as error:  # every problem at once: the choices' and the unknown fields'
            for each in each_refusal(error):
                errors.setdefault(each.field or "_schema", []).append(each.message)
        if errors:
            raise invalid(errors)
        _store().set_preferences(current_user(), chosen, datetime.now(UTC))
        return jsonify(PreferencesShape().dump(chosen))


def document(spec: APISpec, ok: Any) -> None:
    for schema in (NotificationOut, NotificationsOut, MarkReadIn, MarkedOut, PreferencesShape):
        spec.components.schema(schema.__name__, schema=schema)

    def answer(name: str, example: dict[str, Any], links: dict[str, Any] | None = None) -> dict[str, Any]:
        found = ok(name, etag=False)
        found["content"]["application/json"]["example"] = example
        return {**found, "links": links} if links else found

    def body(name: str, example: dict[str, Any]) -> dict[str, Any]:
        schema = {"$ref": f"#/components/schemas/{name}"}
        return {"required": True, "content": {"application/json": {"schema": schema, "example": example}}}

    listed = {"items": [EXAMPLE_NOTIFICATION], "unread": 3, "older": None}
    list_links = {
        "mark_notifications_read": {  # every one read (a body without ids)
            "operationId": "mark_notifications_read",
            "requestBody": {},
            "x-schemathesis": {"merge_body": False},
        },
        "get_notification_preferences": {"operationId": "get_notification_preferences"},
    }
    preference_links = {
        "set_notification_preferences": {
            "operationId": "set_notification_preferences",
            "requestBody": {"in_app": "$response.body#/in_app", "email": "$response.body#/email"},
            "x-schemathesis": {"merge_body": False},
        }
    }
    spec.path(
        path="/notifications",
        operations={
            "get": {
                "operationId": "get_notifications",
                "summary": "Your notifications, newest first: steps others took where you can see them",
                "tags": ["notifications"],
                "parameters": [
                    {
                        "in": "query",
                        "name": "limit",
                        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
                    },
                    {
                        "in": "query",
                        "name": "before",
                        "schema": {"type": "integer"},
                        "description": "A page's `older`.",
                    },
                ],
                "responses": {"200": answer("NotificationsOut", listed, list_links), "422": "Unprocessable"},
            }
        },
    )
    spec.path(
        path="/notifications/read",
        operations={
            "post": {
                "operationId": "mark_notifications_read",
                "summary": "Mark notifications read (those named, or every one)",
                "tags": ["notifications"],
                "requestBody": body("MarkReadIn", {"ids": [41]}),
                "responses": {
                    "200": answer("MarkedOut", {"marked": 1, "unread": 2}),
                    "400": "BadRequest",
                    "422": "Unprocessable",
                },
            }
        },
    )
    spec.path(
        path="/notifications/preferences",
        operations={
            "get": {
                "operationId": "get_notification_preferences",
                "summary": "What you are told in the app and by email",
                "tags": ["notifications"],
                "responses": {"200": answer("PreferencesShape", EXAMPLE_PREFERENCES, preference_links)},
            },
            "put": {
                "operationId": "set_notification_preferences",
                "summary": "Choose what you are told: all steps, only what needs you, nothing (or an email digest)",
                "tags": ["notifications"],
                "requestBody": body("PreferencesShape", EXAMPLE_PREFERENCES),
                "responses": {
                    "200": answer("PreferencesShape", EXAMPLE_PREFERENCES, preference_links),
                    "400": "BadRequest",
                    "422": "Unprocessable",
                },
            },
        },
    )
