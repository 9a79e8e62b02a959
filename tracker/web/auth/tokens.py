"""API tokens: create one (shown once, never again: only its hash is stored), list and revoke them."""

from __future__ import annotations

import logging

from flask import g, redirect, render_template, request, url_for

from tracker.domain.errors import DomainError
from tracker.web.auth.blueprint import bp, signed_in_only
from tracker.web.identity import people

log = logging.getLogger(__name__)
NO_STORE = {"Cache-Control": "no-store"}


def _page(issued=None, errors=None, status: int = 200):
    tokens = sorted(people().accounts.list_tokens(g.user), key=lambda t: t.created_at, reverse=True)
    return (
        render_template("auth/tokens.html", tokens=tokens, issued=issued, errors=errors or {}),
        status,
        NO_STORE,
    )


@bp.route("/tokens", methods=["GET", "POST"])
@signed_in_only
def tokens():
    if request.method == "GET":
        return _page()
    try:
        issued = people().accounts.create_token(g.user, label=request.form.get("label", ""))
    except DomainError as error:
        return _page(errors={error.field or "_schema": [error.message]}, status=422)
    log.info("API token created by %s (%s)", g.user, issued.hint)
    return _page(issued=issued, status=201)


@bp.post("/tokens/<token_id>/revoke")
@signed_in_only
def revoke_token(token_id: str):
    people().accounts.revoke_token(g.user, token_id)  # another person's token: NotFound (404)
    log.info("API token revoked by %s", g.user)
    return redirect(url_for("auth.tokens"), code=303)
