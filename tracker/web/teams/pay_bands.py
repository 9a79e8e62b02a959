"""A team's pay bands at ``/teams/<id>/pay-bands``, for its owners and auditors only (a member gets
403, someone outside the team 404): the bands with every version, the negotiations shared with the
team and the band each is judged against, where their latest figures sit, and the agreements that
landed outside their band. Owners add bands (a new version: same name, a later effective date) and
place negotiations in them."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import flash, g, redirect, render_template, request, url_for

from tracker.domain.errors import DomainError
from tracker.projections import Filters
from tracker.schemas import domain_errors
from tracker.teams import AccessDenied
from tracker.teams.approvals import band_for
from tracker.teams.band_view import agreements_outside, placements
from tracker.teams.pay_bands import check_band
from tracker.web.identity import people
from tracker.web.numbers import NumberProblem, plain, read_number
from tracker.web.pages.blueprint import service
from tracker.web.preferences import current_locale
from tracker.web.teams.blueprint import bp, person_only

BAND_FIELDS = ("name", "term_key", "currency", "minimum", "midpoint", "maximum", "effective_from")
FIGURES = ("minimum", "midpoint", "maximum")
LISTED = 100  # negotiations of the team listed for placing in a band (the read model's largest page)


def show_bands(team_id: str, values: dict | None = None, errors: dict | None = None, status: int = 200):
    teams = people().teams
    info = teams.team_for(team_id, g.user)  # NotFound outside the team
    bands = teams.pay_bands(team_id, g.user)  # AccessDenied (403) for a member
    banded = teams.banded(team_id, g.user)
    team = teams.team_aggregate(team_id)
    rows = []
    board = people().read_model.team_dashboard(team_id, Filters(), page=1, per_page=LISTED, as_user=g.user)
    today = datetime.now(UTC).date()
    for summary in board.page.items:
        nid = str(summary.negotiation_id)
        band = band_for(team, nid, today)
        n = service().get(nid) if band is not None else None
        placed = placements(n, band) if n is not None else []
        rows.append(
            {
                "summary": summary,
                "band": banded.get(nid),
                "latest": placed[-1] if placed else None,
            }
        )
    return render_template(
        "teams/pay_bands.html",
        team=info,
        bands=bands,
        rows=rows,
        outside=agreements_outside(team, service().get, today),
        is_owner=info.role_of(g.user) == "owner",
        values=values or {"term_key": "base_salary", "effective_from": today.isoformat()},
        errors=errors or {},
    ), status


@bp.get("/teams/<team_id>/pay-bands")
@person_only
def pay_bands(team_id: str):
    return show_bands(team_id)


@bp.post("/teams/<team_id>/pay-bands")
@person_only
def add_pay_band(team_id: str):
    if people().teams.team_for(team_id, g.user).role_of(g.user) != "owner":  # NotFound outside the team
        raise AccessDenied("Only a team owner can add pay bands.")
    values = {name: request.form.get(name, "").strip() for name in BAND_FIELDS}
    read, problems = dict(values), {}
    for name in FIGURES:  # written as the person writes numbers ("85.000" in de-DE is 85,000)
        if values[name]:
            try:
                read[name] = plain(
                    read_number(values[name], current_locale(), currency=values["currency"] or None)
                )
            except NumberProblem as problem:
                problems[name] = [problem.message]
    try:
        if problems:  # nothing is stored: the other fields are only checked, to show every problem
            check_band(read)
        else:
            band, _ = people().teams.set_pay_band(team_id, read, actor=g.user)
    except DomainError as error:
        return show_bands(team_id, values, {**domain_errors(error), **problems}, 422)
    if problems:
        return show_bands(team_id, values, problems, 422)
    flash(f"Band {band.name} saved, in force from {band.effective_from}.", "success")
    return redirect(url_for("teams.pay_bands", team_id=team_id), code=303)


@bp.post("/teams/<team_id>/pay-bands/placements")
@person_only
def place_in_band(team_id: str):
    people().teams.team_for(team_id, g.user)
    nid = request.form.get("negotiation_id", "").strip()
    shared = bool(nid) and people().access.shared_with_team(nid, team_id)
    try:
        people().teams.band_negotiation(
            team_id, nid, request.form.get("band", ""), actor=g.user, shared=shared
        )
    except DomainError as error:
        return show_bands(team_id, errors=domain_errors(error), status=422)
    flash("Placed in its band." if request.form.get("band") else "Taken out of its band.", "success")
    return redirect(url_for("teams.pay_bands", team_id=team_id), code=303)
