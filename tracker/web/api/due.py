"""``GET /api/v1/due``: what the caller's open negotiations need from them next (the "what's due"
page as JSON), overdue first; times in UTC (ISO 8601)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from apispec import APISpec
from flask import Blueprint, jsonify
from marshmallow import Schema, fields

from tracker.analysis.due import KINDS, WITHIN_DAYS
from tracker.web.pages.negotiations.due import whats_due


class DueItemOut(Schema):
    kind = fields.String(
        required=True,
        metadata={
            "enum": list(KINDS),
            "description": "answer_owed: a proposal waits for your side's answer; answer_awaited: your "
            "proposal's respond-by is near; decision: your decision date; alternative_expires: an "
            "alternative (an exploding offer) expires; follow_up: an interaction to follow up.",
        },
    )
    negotiation_id = fields.UUID(required=True)
    title = fields.String(required=True, metadata={"description": "The negotiation's title."})
    sentence = fields.String(required=True, metadata={"description": "What is due, in a sentence."})
    due = fields.AwareDateTime(
        required=True, allow_none=True, metadata={"description": "When it falls due; null: owed now."}
    )
    overdue = fields.Boolean(required=True)
    anchor = fields.String(required=True, metadata={"description": "Where on the negotiation's page it is."})
    command = fields.String(
        required=True, allow_none=True, metadata={"description": "The step that answers it, if one does."}
    )


class DueListOut(Schema):
    items = fields.List(fields.Nested(DueItemOut), required=True)
    within_days = fields.Integer(required=True, metadata={"description": "How far ahead dated items show."})
    negotiations_read = fields.Integer(required=True)
    open_negotiations = fields.Integer(
        required=True,
        metadata={
            "description": "Open negotiations the caller logs steps in (more than read: the list is cut)."
        },
    )


def register(bp: Blueprint) -> None:
    @bp.get("/due")
    def get_due():
        now = datetime.now(UTC)
        found = whats_due(now)  # the page's list, read the same way
        items = [{**item.__dict__, "overdue": item.overdue(now)} for item in found.items]
        return jsonify(
            DueListOut().dump(
                {
                    "items": items,
                    "within_days": WITHIN_DAYS,
                    "negotiations_read": found.looked_at,
                    "open_negotiations": found.open_total,
                }
            )
        )


def document(spec: APISpec, prefix: str, ok: Any) -> None:
    spec.components.schema("DueItemOut", schema=DueItemOut)
    spec.components.schema("DueListOut", schema=DueListOut)
    spec.path(
        path=prefix + "/due",
        operations={
            "get": {
                "operationId": "get_due",
                "summary": "What is due: answers owed, deadlines within 7 days, follow-ups, overdue first",
                "tags": ["negotiations"],
                "responses": {"200": ok("DueListOut", etag=False)},
            }
        },
    )
