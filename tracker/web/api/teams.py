"""The team dashboard in the JSON API: GET /teams/{team_id}/dashboard, the page's figures (counts,
outcomes, stale negotiations, time in stage and the charts' series) with its filters. Only the team's
members get it; anyone else gets 404, as for an unknown team."""

from __future__ import annotations

from typing import Any

from apispec import APISpec
from flask import Blueprint, jsonify, request

from tracker.projections import Filters
from tracker.web.api.negotiations import summary_fields
from tracker.web.api.team_shapes import (
    ApprovalsWaitingOut,
    KindTimeOut,
    StageTimeOut,
    TeamDashboardOut,
    TeamDashboardQuery,
)
from tracker.web.identity import current_actor, people

SCHEMAS = (StageTimeOut, KindTimeOut, ApprovalsWaitingOut, TeamDashboardOut)


def register(bp: Blueprint) -> None:
    @bp.get("/teams/<team_id>/dashboard")
    def get_team_dashboard(team_id: str):
        query = TeamDashboardQuery().load(request.args)  # 422 names a bad value
        filters = Filters(
            stage=(query["stage"],) if query["stage"] else (),
            kind=(query["kind"],) if query["kind"] else (),
            opportunity_type=(query["opportunity_type"],) if query["opportunity_type"] else (),
            owner=(query["owner"] or "").strip().lower() or None,
            search=query["q"] or None,
            open=query["open"],
        )
        read_model, user = people().read_model, current_actor()
        board = read_model.team_dashboard(
            team_id, filters, per_page=1, stale_after_days=query["stale_after"], as_user=user
        )  # NotFound outside the team
        figures = read_model.team_figures(team_id, filters, as_user=user)
        body = {
            **{name: getattr(board, name) for name in TeamDashboardOut().fields if hasattr(board, name)},
            "stale": [summary_fields(row) for row in board.stale],
            "time_in_stage": figures.time_in_stage,
            "months": figures.months,
            "stages_by_month": figures.stages_by_month,
            "agreement_by_kind": figures.agreement_by_kind,
            "outcomes_by_month": figures.outcomes_by_month,
            "approvals_waiting": [
                {"approver": a, "count": n} for a, n in read_model.approvals_waiting(team_id, filters)
            ],
        }
        return jsonify(TeamDashboardOut().dump(body))


def document(spec: APISpec, ok: Any) -> None:
    """Adds the dashboard's schemas and route to the OpenAPI document (``ok`` builds a 200 answer)."""
    for schema in SCHEMAS:
        spec.components.schema(schema.__name__, schema=schema)
    spec.path(
        path="/teams/{team_id}/dashboard",
        operations={
            "get": {
                "operationId": "get_team_dashboard",
                "tags": ["teams"],
                "parameters": [
                    {
                        "name": "team_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "format": "uuid"},
                    },
                    {"in": "query", "schema": TeamDashboardQuery},
                ],
                "summary": "A team's dashboard: counts by stage, kind and owner, outcomes, stale negotiations, "
                "time in stage and the series of its charts over the last 12 months",
                "responses": {
                    "200": ok("TeamDashboardOut", etag=False),
                    "404": "NotFound",
                    "422": "Unprocessable",
                },
            }
        },
    )
