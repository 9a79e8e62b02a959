"""Who is acting, and what they may do: the seam between the web layer and accounts/access control.

Views call ``current_actor()`` for the actor recorded on events, and ``require_access(nid, level)``
before reading ("read") or writing ("write") a negotiation. Without sign-in configured, the actor is
the configured local user and every negotiation is accessible. The accounts/teams work replaces
these with the signed-in user and the access policy (404 without access, 403 for a viewer writing).
"""

from __future__ import annotations

from flask import current_app, g


class Forbidden(Exception):
    """The user may see the negotiation but not do this (a viewer trying to write)."""


def current_actor() -> str:
    actor = getattr(g, "actor", None)
    return actor or current_app.config["TRACKER"].get("local_actor", "local user")


def require_access(negotiation_id: object, level: str = "read") -> None:
    """Raises NotFound (no access: nothing hints that it exists) or Forbidden (read-only)."""
    checker = current_app.extensions.get("access_check")
    if checker is not None:
        checker(negotiation_id, level)
