"""Teams: the list of one's teams, starting a team, and its members (added, given another role,
removed by a team owner; anyone may leave). Someone outside a team gets 404; a member who is not
an owner trying to manage it, 403."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for

from tracker.domain.errors import DomainError
from tracker.notify.webhook_registry import TEAM
from tracker.teams import AccessDenied
from tracker.teams.roles import LABELS
from tracker.web.identity import people
from tracker.web.teams.blueprint import TEAM_ROLE_CHOICES, bp, field_errors, person_only
from tracker.web.webhook_pages import create, read_form, section


@bp.get("/teams")
@person_only
def teams():
    return render_template("teams/list.html", memberships=people().read_model.teams_of(g.user), labels=LABELS)


@bp.route("/teams/new", methods=["GET", "POST"])
@person_only
def new_team():
    if request.method == "GET":
        return render_template("teams/new.html", name="", errors={})
    name = request.form.get("name", "")
    try:
        team_id = people().teams.create_team(name, actor=g.user)
    except DomainError as error:
        return render_template("teams/new.html", name=name, errors=field_errors(error)), 422
    flash("Team created. Add its members below.", "success")
    return redirect(url_for("teams.team", team_id=str(team_id)), code=303)


def show_team(
    team_id: str,
    errors: dict | None = None,
    values: dict | None = None,
    status: int = 200,
    webhooks: dict | None = None,
):
    """The team's page; ``webhooks``: the add form's errors, values, or the webhook just made."""
    info = people().teams.team_for(team_id, g.user)  # NotFound for anyone outside the team
    members = sorted(info.members.items(), key=lambda kv: (kv[1] != "owner", kv[0]))
    is_owner = info.role_of(g.user) == "owner"
    hooks = webhooks or {}
    return render_template(
        "teams/team.html",
        team=info,
        members=members,
        me=g.user,
        is_owner=is_owner,
        labels=LABELS,
        roles=TEAM_ROLE_CHOICES,
        errors=errors or {},
        values=values or {},
        webhooks=section(TEAM, team_id, g.user, hooks.get("created")) if is_owner else None,
        hook_errors=hooks.get("errors", {}),
        hook_values=hooks.get("values", {"url": "", "kinds": []}),
        add_url=url_for("teams.add_webhook", team_id=team_id),
    ), status


@bp.get("/teams/<team_id>")
@person_only
def team(team_id: str):
    return show_team(team_id)


@bp.post("/teams/<team_id>/webhooks")
@person_only
def add_webhook(team_id: str):
    """A webhook for the team (its owners): the page again, with the secret shown once."""
    info = people().teams.team_for(team_id, g.user)  # 404 outside the team
    if info.role_of(g.user) != "owner":
        raise AccessDenied("Only a team owner can manage the team's webhooks.")
    values = read_form()
    made, errors = create(TEAM, team_id, g.user, values)
    if errors:
        return show_team(team_id, status=422, webhooks={"errors": errors, "values": values})
    return show_team(team_id, status=201, webhooks={"created": made})


@bp.post("/teams/<team_id>/members")
@person_only
def add_member(team_id: str):
    people().teams.team_for(team_id, g.user)
    values = {"email": request.form.get("email", ""), "role": request.form.get("role", "member")}
    try:
        people().teams.add_member(team_id, values["email"], values["role"], actor=g.user)
    except DomainError as error:
        return show_team(team_id, field_errors(error), values, 422)
    flash(f"{values['email'].strip()} joined the team.", "success")
    return redirect(url_for("teams.team", team_id=team_id), code=303)


@bp.post("/teams/<team_id>/members/role")
@person_only
def change_role(team_id: str):
    people().teams.team_for(team_id, g.user)
    try:
        people().teams.change_member_role(
            team_id, request.form.get("email", ""), request.form.get("role", ""), actor=g.user
        )
    except DomainError as error:
        return show_team(team_id, field_errors(error), status=422)
    flash("Role changed.", "success")
    return redirect(url_for("teams.team", team_id=team_id), code=303)


@bp.post("/teams/<team_id>/members/remove")
@person_only
def remove_member(team_id: str):
    email = request.form.get("email", "")
    info = people().teams.team_for(team_id, g.user)  # NotFound outside the team
    if email.strip().lower() != g.user and info.role_of(g.user) != "owner":
        raise AccessDenied("Only a team owner can remove other members.")
    try:
        people().teams.remove_member(team_id, email, actor=g.user)
    except DomainError as error:
        return show_team(team_id, field_errors(error), status=422)
    if email.strip().lower() == g.user:
        flash("You left the team.", "success")
        return redirect(url_for("teams.teams"), code=303)
    flash("Removed from the team.", "success")
    return redirect(url_for("teams.team", team_id=team_id), code=303)
