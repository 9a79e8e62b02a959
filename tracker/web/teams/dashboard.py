"""The team dashboard: the negotiations shared with the team by stage, kind, kind of ask and owner;
outcomes (internal role negotiations agreed, median days to agreement); time in stage and charts over
the last 12 months, each with its numbers in a table; the stale ones (no step for a number of days
the reader chooses); filters and a page of the negotiations; every table also as CSV. Served from the
read model, caught up first; only the team's members (auditors included) see it, others get 404."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import Response, abort, current_app, g, render_template, request, url_for

from tracker.analysis.team_charts import agreement_chart, approvals_chart, outcomes_chart, stages_chart
from tracker.domain.errors import InvalidValue
from tracker.domain.vocabulary import NegotiationKind, OpportunityType, Stage
from tracker.projections import Dashboard, Filters
from tracker.projections.team_figures import TeamFigures
from tracker.teams.band_view import agreements_outside
from tracker.teams.service import BAND_READERS
from tracker.web.identity import people
from tracker.web.teams.blueprint import bp, person_only
from tracker.web.teams.dashboard_tables import FigureTable, as_csv, figure_tables, short_month

PER_PAGE = 20
#: the filters' labels on the page, to name a refused filter as the person sees it
FILTER_LABELS = {
    "search": "Search by title",
    "stage": "Stage",
    "kind": "Kind",
    "opportunity_type": "Kind of ask",
    "owner": "Owner",
    "open": "Open or closed",
    "stale_after": "Stale after (days without a step)",
    "stale_days": "Stale after (days without a step)",
    "page": "Page",
}


def _whole(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidValue("Give a whole number.", name) from None
    if not low <= value <= high:
        raise InvalidValue(f"Give a number between {low} and {high}.", name)
    return value


@dataclass(frozen=True)
class Reading:
    """What the dashboard's page and its CSV downloads show, read for one request."""

    board: Dashboard
    figures: TeamFigures
    tables: dict[str, FigureTable]
    filters: Filters
    errors: dict[str, list[str]]
    stale_after: int


def read(team_id: str) -> Reading:
    """The dashboard for the signed-in person with the request's filters (refused filters: everything,
    with the errors said); NotFound outside the team."""
    read_model = people().read_model
    default_days = int(current_app.config["TRACKER"].get("stale_after_days") or 14)
    errors: dict[str, list[str]] = {}
    try:
        filters = Filters.parse(request.args)
        page = _whole("page", 1, 1, 100000)
        stale_after = _whole("stale_after", default_days, 1, 3650)
    except InvalidValue as error:
        errors[error.field or "_schema"] = [error.message]
        filters, page, stale_after = Filters(), 1, default_days
    board = read_model.team_dashboard(
        team_id, filters, page=page, per_page=PER_PAGE, stale_after_days=stale_after, as_user=g.user
    )  # NotFound outside the team
    figures = read_model.team_figures(team_id, filters, as_user=g.user)
    tables = figure_tables(board, figures, read_model.approvals_waiting(team_id, filters))
    return Reading(board, figures, tables, filters, errors, stale_after)


@bp.get("/teams/<team_id>/dashboard")
@person_only
def dashboard(team_id: str):
    reading = read(team_id)
    board, figures, tables = reading.board, reading.figures, reading.tables
    months = [short_month(month) for month in figures.months]
    charts = {
        "stages-by-month": stages_chart(months, figures.stages_by_month),
        "agreement-by-kind": agreement_chart(
            [(row[0], row[1], row[2]) for row in tables["agreement-by-kind"].rows]
        ),
        "outcomes-by-month": outcomes_chart(months, figures.outcomes_by_month),
        "approvals-waiting": approvals_chart(tables["approvals-waiting"].rows),
    }
    role = people().teams.member_role(team_id, g.user)
    outside_band = None  # pay bands: for the team's owners and auditors only
    if role in BAND_READERS:
        team = people().teams.team_aggregate(team_id)
        outside_band = agreements_outside(
            team, current_app.extensions["tracker"].get, datetime.now(UTC).date()
        )
    query = {k: v for k, v in request.args.items() if k != "table"}
    downloads = {
        name: url_for("teams.dashboard_csv", team_id=str(board.team_id), table=name, **query)
        for name in tables
    }
    return render_template(
        "teams/dashboard.html",
        board=board,
        tables=tables,
        charts=charts,
        downloads=downloads,
        filters=reading.filters,
        errors=reading.errors,
        role=role,
        stale_after=reading.stale_after,
        stages=list(Stage),
        kinds=list(NegotiationKind),
        opportunity_types=list(OpportunityType),
        args=request.args,
        found=board.page,
        filter_labels=FILTER_LABELS,
        outside_band=outside_band,
    ), 422 if reading.errors else 200


@bp.get("/teams/<team_id>/dashboard.csv")
@person_only
def dashboard_csv(team_id: str):
    """One of the dashboard's tables (``table=``: counts by default, time-in-stage, stale, negotiations...) as CSV, with
    the page's filters; the same access as the page (members only, others 404)."""
    reading = read(team_id)
    name = request.args.get("table") or "counts"
    table = reading.tables.get(name)
    if table is None:
        abort(404)
    if reading.errors:
        message = " ".join(m for messages in reading.errors.values() for m in messages)
        return render_template(
            "pages/error.html", code=422, title="These filters cannot be used", message=message
        ), 422
    return Response(
        as_csv(table),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="team-{reading.board.team_id}-{name}.csv"'},
    )
