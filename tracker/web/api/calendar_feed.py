"""The caller's calendar feed through the JSON API: ``GET /calendar-feed`` (whether it is on, since
when: never the token), ``POST /calendar-feed`` (a new private link, replacing the one before; the
token is in this answer only) and ``DELETE /calendar-feed`` (turned off; 404 when none is on). The
feed belongs to an account: with sign-in off and no token, 403."""

from __future__ import annotations

from typing import Any

from apispec import APISpec
from flask import Blueprint, jsonify
from marshmallow import Schema, fields

from tracker.web.calendar_feed import feed_url
from tracker.web.identity import Forbidden, current_user, people

PATH = "/calendar-feed"
EXAMPLE_OPENED = "2026-12-05T21:40:00+00:00"
EXAMPLE_TOKEN = "q3Jd0vLh2cQW7y1m9Xo4bTn8RZp5sKfEuaG6iHjDkAw"
EXAMPLE_STATE = {"on": True, "opened_at": EXAMPLE_OPENED}
EXAMPLE_ISSUED = {
    **EXAMPLE_STATE,
    "url": f"https://tracker.example.org/calendar/{EXAMPLE_TOKEN}.ics",
    "token": EXAMPLE_TOKEN,
}


class CalendarFeedOut(Schema):
    on = fields.Boolean(required=True, metadata={"description": "Whether the caller's feed is on."})
    opened_at = fields.AwareDateTime(
        required=True, allow_none=True, metadata={"description": "When its link was made; null: off."}
    )


class CalendarFeedIssuedOut(CalendarFeedOut):
    url = fields.String(
        required=True,
        metadata={"description": "The feed's private URL, to subscribe to in a calendar program."},
    )
    token = fields.String(
        required=True,
        metadata={"description": "The token in the URL: shown in this answer only (only its hash is kept)."},
    )


def _person() -> str:
    user = current_user()
    if not user:  # sign-in off and no token: the local user has no account to keep a feed on
        raise Forbidden("A calendar feed belongs to an account: send an API token (Authorization: Bearer).")
    return user


def register(bp: Blueprint) -> None:
    @bp.get(PATH)
    def get_calendar_feed():
        info = people().accounts.calendar_feed(_person())
        return jsonify(CalendarFeedOut().dump(info.__dict__))

    @bp.post(PATH)
    def open_calendar_feed():
        issued = people().accounts.open_calendar_feed(_person())
        body = {
            "on": True,
            "opened_at": issued.opened_at,
            "url": feed_url(issued.token),
            "token": issued.token,
        }
        return jsonify(CalendarFeedIssuedOut().dump(body)), 201, {"Cache-Control": "no-store"}

    @bp.delete(PATH)
    def close_calendar_feed():
        people().accounts.close_calendar_feed(_person())  # none on: NotFound (404)
        return "", 204


def document(spec: APISpec, ok: Any) -> None:
    spec.components.schema("CalendarFeedOut", schema=CalendarFeedOut)
    spec.components.schema("CalendarFeedIssuedOut", schema=CalendarFeedIssuedOut)
    tags = ["calendar"]
    no_account = {
        "description": "Sign-in is off and no API token was sent: there is no account to keep a feed on.",
        "content": {"application/json": {"schema": "ErrorOut"}},
    }
    spec.path(
        path=PATH,
        operations={
            "get": {
                "operationId": "get_calendar_feed",
                "summary": "Whether your calendar feed is on, and since when",
                "description": "Whether your private calendar feed (your deadlines, decision dates and "
                "follow-ups in iCalendar) is on, and since when its link was made. Never the token: it is "
                "shown once, when made.",
                "tags": tags,
                "responses": {
                    "200": ok("CalendarFeedOut", etag=False, example=EXAMPLE_STATE),
                    "403": no_account,
                },
            },
            "post": {
                "operationId": "open_calendar_feed",
                "summary": "Make a new private calendar feed link (the one before stops working)",
                "description": "Makes a new private link to your calendar feed, replacing the one before "
                "(whose URL answers 404 from now on). The answer gives the URL and its token this once: "
                "only a hash of the token is kept. Subscribe to the URL in a calendar program; no sign-in "
                "is needed there, so keep it to yourself. No request body.",
                "tags": tags,
                "responses": {
                    "201": ok("CalendarFeedIssuedOut", etag=False, example=EXAMPLE_ISSUED),
                    "403": no_account,
                },
            },
            "delete": {
                "operationId": "close_calendar_feed",
                "summary": "Turn your calendar feed off",
                "description": "Turns your calendar feed off: its URL answers 404 from now on. 404 when no "
                "feed is on.",
                "tags": tags,
                "responses": {
                    "204": {"description": "Turned off."},
                    "403": no_account,
                    "404": {
                        "description": "No calendar feed is on.",
                        "content": {"application/json": {"schema": "ErrorOut"}},
                    },
                },
            },
        },
    )
