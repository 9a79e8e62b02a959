"""Teams and access to negotiations.

Public API::

    teams, access = build_teams(config, negotiation=tracker.get, known_user=accounts.user_exists)
    teams.create_team(name, actor=) -> team_id
    teams.add_member(team_id, email, role, actor=)      # role: owner | member | viewer (auditor)
    teams.change_member_role(team_id, email, role, actor=); teams.remove_member(team_id, email, actor=)
    teams.get_team(team_id) / teams.team_for(team_id, user) -> TeamInfo; teams.member_role(team_id, user)
    access.role_for(user, negotiation_id) -> None | "viewer" | "editor" | "owner"
    access.check(user, negotiation_id, "read" | "write" | "share")  # NotFound (404) / AccessDenied (403)
    access.share_with_user(nid, email, "viewer" | "editor", actor=); access.share_with_team(nid, team_id, role, actor=)
    access.revoke_user(nid, email, actor=); access.revoke_team(nid, team_id, actor=); access.grants(nid)
    access.who_could_see(nid, at=None) -> [Visibility]; access.access_history(nid) -> [AccessChange]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tracker.accounts.service import Clock, utcnow
from tracker.eventstore.application import application_env
from tracker.teams.application import Teams
from tracker.teams.errors import AccessDenied
from tracker.teams.history import AccessChange, Visibility
from tracker.teams.policy import AccessPolicy, Grant, NegotiationLookup
from tracker.teams.service import TeamInfo, TeamService

__all__ = [
    "AccessChange",
    "AccessDenied",
    "AccessPolicy",
    "Grant",
    "TeamInfo",
    "TeamService",
    "Teams",
    "Visibility",
    "build_teams",
]


def build_teams(
    config: Mapping[str, Any],
    *,
    negotiation: NegotiationLookup,
    known_user: Callable[[str], bool] | None = None,
    clock: Clock = utcnow,
) -> tuple[TeamService, AccessPolicy]:
    """Both services over one Teams application (one store connection pool)."""
    app = Teams(application_env(config, Teams))
    return (
        TeamService(app, known_user=known_user, clock=clock),
        AccessPolicy(app, negotiation, known_user=known_user, clock=clock),
    )
