"""The team dashboard: the negotiations shared with the team by stage, kind, kind of ask and owner;
outcomes (internal role negotiations agreed, median days to agreement); the stale ones (no step for
a number of days the reader chooses); filters and a page of the negotiations. Served from the read
model, caught up first; only the team's members (auditors included) see it, others get 404."""

from __future__ import annotations

from flask import current_app, g, render_template, request

from tracker.domain.errors import InvalidValue
from tracker.domain.vocabulary import NegotiationKind, OpportunityType, Stage
from tracker.projections import Filters
from tracker.web.identity import people
from tracker.web.teams.blueprint import bp, person_only

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


@bp.get("/teams/<team_id>/dashboard")
@person_only
def dashboard(team_id: str):
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
    role = people().teams.member_role(team_id, g.user)
    return render_template(
        "teams/dashboard.html",
        board=board,
        filters=filters,
        errors=errors,
        role=role,
        stale_after=stale_after,
        stages=list(Stage),
        kinds=list(NegotiationKind),
        opportunity_types=list(OpportunityType),
        args=request.args,
        found=board.page,
        filter_labels=FILTER_LABELS,
    ), 422 if errors else 200
