"""Who is acting, and what they may do: the seam between the web layer and accounts/access control.

Views call ``current_actor()`` for the actor recorded on events, and ``require_access(nid, level)``
before reading ("read"), writing ("write") or sharing ("share") a negotiation. With ``auth_required``
(the default) the actor is the signed-in user (``tracker.web.auth.guard`` sets ``g.user`` from the
session or the API token) and the access policy decides: no access is NotFound (404, nothing hints
that the negotiation exists), a role too weak is Forbidden (403). Without it (a single-user local
set-up) the actor is the configured local user and every negotiation is accessible.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, g

from tracker.domain.errors import NotFound


class Forbidden(Exception):
    """The user may see the negotiation but not do this (a viewer trying to write)."""


def auth_required() -> bool:
    return bool(current_app.config["TRACKER"].get("auth_required", True))


def people() -> Any:
    """The accounts, teams, access policy and read model (tracker.bootstrap.People)."""
    return current_app.extensions["people"]


def current_user() -> str | None:
    """The signed-in user's email, or None."""
    return getattr(g, "user", None)


def current_actor() -> str:
    """The actor recorded on events: the signed-in user; without sign-in required, the local user."""
    user = current_user()
    if user:
        return user
    if auth_required():
        return ""  # nobody signed in (the guard turns such requests away before any view runs)
    actor = getattr(g, "actor", None)
    return actor or current_app.config["TRACKER"].get("local_actor", "local user")


def importer() -> dict[str, Any]:
    """Who an import is for: with sign-in, only the signed-in person's own negotiations, recorded by
    email addresses; without it (one local user), any actor a step takes. With the keys the file's
    signature is checked against (this installation's and the trusted ones)."""
    keys = {"keys": current_app.extensions["signing"], "trusted": current_app.extensions["trusted_keys"]}
    if auth_required():
        return {"owned_by": current_user(), **keys}
    return {"email_actors": False, "imported_by": current_actor(), **keys}


def export_keys() -> Any:
    """The keys an export is signed with (this installation's)."""
    return current_app.extensions["signing"]


def require_access(negotiation_id: object, level: str = "read") -> str | None:
    """The user's role on the negotiation; raises NotFound (no access) or Forbidden (role too weak)."""
    from tracker.teams import AccessDenied

    role = None
    if auth_required():
        user = current_user()
        if not user:
            raise NotFound(f"No negotiation {negotiation_id}.")
        try:
            role = people().access.check(user, str(negotiation_id), level)
        except AccessDenied as error:
            raise Forbidden(error.message) from None
    checker = current_app.extensions.get("access_check")  # tests stand in for the policy here
    if checker is not None:
        checker(negotiation_id, level)
    return role


def list_scope() -> str | None:
    """Whose negotiations a list shows: the signed-in user's, or (without sign-in) every one."""
    from tracker.projections import EVERYTHING

    if auth_required():
        return current_user()
    return EVERYTHING
