"""Read models built from the notification logs, rebuildable from zero.

Public API::

    read_model = build_read_model(config, tracker=tracker, teams=teams_app)
    read_model.list_negotiations(Filters.parse(request.args), page, per_page, visible_to=user) -> Page
    read_model.team_dashboard(team_id, filters, now, as_user=user) -> Dashboard
    read_model.teams_of(user) -> [Membership]; read_model.summary(nid) -> Summary | None
    read_model.catch_up(); read_model.rebuild()           # `tracker rebuild-projections`
    runner = CatchUpRunner(read_model.projection, interval).start()   # optional background polling

The view lives in the store's own database (SQLite file or PostgreSQL schema): tables read_negotiations,
read_access, read_teams, read_members, read_visibility, read_stage_spans (time in stage), read_approvals
(approvals waiting now), read_layout (what a start brought to this version's layout, views.upgrade)
and the tracking rows "negotiation_summaries/<application>".
``read_model.team_figures(team_id, ...)`` gives the dashboard's figures over time (team_figures.py),
``read_model.approvals_waiting(team_id)`` the approvals waiting by approver.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from eventsourcing.application import Application
from eventsourcing.sqlite import SQLiteDatastore

from tracker.projections.filters import Dashboard, Filters, Membership, Page, Summary
from tracker.projections.readmodel import EVERYTHING, ReadModel
from tracker.projections.runner import CatchUpRunner
from tracker.projections.summaries import NegotiationSummaries
from tracker.projections.views import SQLiteSummaryView, SummaryViewMixin

__all__ = [
    "EVERYTHING",
    "CatchUpRunner",
    "Dashboard",
    "Filters",
    "Membership",
    "NegotiationSummaries",
    "Page",
    "ReadModel",
    "Summary",
    "build_read_model",
    "build_view",
]


def build_view(tracker: Application) -> SummaryViewMixin:
    """The view in the same database as the tracker's events (its own in-memory SQLite for the memory store)."""
    datastore = getattr(tracker.recorder, "datastore", None)
    if type(datastore).__module__ == "eventsourcing.postgres":
        from tracker.projections.postgres_view import PostgresSummaryView

        view: SummaryViewMixin = PostgresSummaryView(datastore)
    elif isinstance(datastore, SQLiteDatastore):
        view = SQLiteSummaryView(datastore)
    else:
        view = SQLiteSummaryView(
            SQLiteDatastore(f"file:read_model_{uuid.uuid4().hex}?mode=memory&cache=shared")
        )
        view.owns_datastore = True  # closed with the read model
    view.create_table()  # type: ignore[attr-defined]
    view.upgrade()
    return view


def build_read_model(
    config: Mapping[str, Any],
    *,
    tracker: Application,
    teams: Application,
    clock: Callable[[], datetime] | None = None,
) -> ReadModel:
    projection = NegotiationSummaries(build_view(tracker), tracker=tracker, teams=teams)
    return ReadModel(
        projection,
        stale_after_days=int(config.get("stale_after_days") or 14),
        clock=clock or (lambda: datetime.now(UTC)),
    )
