"""Sharing a negotiation (/negotiations/<id>/access): with a person or a team, as viewer or editor,
and revoking it; and the access record: who can see it now, since when and through what, and every
change of anyone's access. Anyone who may read the negotiation sees the record; only its owner
shares (others get 403; someone without access, 404). A revocation takes effect at once."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for

from tracker.domain.errors import DomainError
from tracker.web.identity import people, require_access
from tracker.web.teams.blueprint import GRANT_ROLE_CHOICES, bp, field_errors, person_only

ROLE_LABELS = {"owner": "Owner", "editor": "Editor", "viewer": "Viewer"}


def _check(nid: str, level: str) -> str:
    """The user's role; the policy decides even when sign-in is not required elsewhere."""
    role = require_access(nid, level)
    return role if role is not None else people().access.check(g.user, nid, level)  # AccessDenied: 403


def show_access(nid: str, errors: dict | None = None, values: dict | None = None, status: int = 200):
    role = _check(nid, "read")
    access = people().access
    negotiation = people().read_model.summary(nid)
    return render_template(
        "teams/access.html",
        nid=nid,
        negotiation=negotiation,
        role=role,
        grants=access.grants(nid),
        visible=access.who_could_see(nid),
        history=list(reversed(access.access_history(nid))),
        labels=ROLE_LABELS,
        teams=people().read_model.teams_of(g.user),
        roles=GRANT_ROLE_CHOICES,
        errors=errors or {},
        values=values or {},
    ), status


@bp.get("/negotiations/<nid>/access")
@person_only
def access(nid: str):
    return show_access(nid)


@bp.post("/negotiations/<nid>/access")
@person_only
def share(nid: str):
    _check(nid, "share")
    form = request.form
    values = {
        "kind": form.get("kind", "user"),
        "email": form.get("email", ""),
        "team_id": form.get("team_id", ""),
        "role": form.get("role", "viewer"),
    }
    try:
        if values["kind"] == "team":
            people().access.share_with_team(nid, values["team_id"], values["role"], actor=g.user)
            flash("Shared with the team.", "success")
        else:
            people().access.share_with_user(nid, values["email"], values["role"], actor=g.user)
            flash(f"Shared with {values['email'].strip()}.", "success")
    except DomainError as error:
        return show_access(nid, field_errors(error), values, 422)
    return redirect(url_for("teams.access", nid=nid), code=303)


@bp.post("/negotiations/<nid>/access/revoke")
@person_only
def revoke(nid: str):
    _check(nid, "share")
    kind, principal = request.form.get("kind", ""), request.form.get("principal", "")
    if kind == "team":
        people().access.revoke_team(nid, principal, actor=g.user)
    else:
        people().access.revoke_user(nid, principal, actor=g.user)
    flash("Access revoked: it ends now.", "success")
    return redirect(url_for("teams.access", nid=nid), code=303)
