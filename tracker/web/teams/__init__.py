"""Teams on the web: /teams (one's teams), /teams/new, /teams/<id> (members and roles),
/teams/<id>/dashboard, and sharing a negotiation at /negotiations/<id>/access."""

from __future__ import annotations

from tracker.web.teams import approvals, dashboard, pay_bands, sharing, views  # noqa: F401 (routes)
from tracker.web.teams.blueprint import bp

__all__ = ["bp"]
