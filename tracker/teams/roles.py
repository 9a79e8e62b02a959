"""The words of access control: team roles and negotiation roles, and how one maps onto the other."""

from __future__ import annotations

from tracker.domain.errors import InvalidValue

#: Roles inside a team. An auditor is a team viewer: reads what is shared with the team, nothing more.
TEAM_ROLES = ("owner", "member", "viewer")
TEAM_ROLE_ALIASES = {"auditor": "viewer", "lead": "owner"}

#: Roles on a negotiation, weakest first. Only the person who started a negotiation is its owner.
NEGOTIATION_ROLES = ("viewer", "editor", "owner")
GRANTABLE_ROLES = ("viewer", "editor")
RANK = {role: rank for rank, role in enumerate(NEGOTIATION_ROLES, start=1)}

#: What each level of use needs: reading, logging steps, sharing.
LEVELS = {"read": "viewer", "write": "editor", "share": "owner"}

LABELS = {"owner": "Owner", "member": "Member", "viewer": "Viewer (auditor)", "editor": "Editor"}


def parse_team_role(raw: object, field: str = "role") -> str:
    role = str(raw or "").strip().lower()
    role = TEAM_ROLE_ALIASES.get(role, role)
    if role not in TEAM_ROLES:
        raise InvalidValue("Choose a team role: owner, member or viewer (auditor).", field)
    return role


def parse_grant_role(raw: object, field: str = "role") -> str:
    role = str(raw or "").strip().lower()
    if role not in GRANTABLE_ROLES:
        raise InvalidValue("Share as viewer (read only) or editor (may log steps).", field)
    return role


def via_team(granted_role: str, team_role: str) -> str:
    """A team member's role on a negotiation shared with the team: owners and members get what the
    team was granted; team viewers (auditors) only ever read."""
    return "viewer" if team_role == "viewer" else granted_role


def strongest(*roles: str | None) -> str | None:
    present = [role for role in roles if role]
    return max(present, key=RANK.__getitem__) if present else None


def allows(role: str | None, level: str) -> bool:
    if level not in LEVELS:
        raise ValueError(f"unknown access level {level!r}")
    return role is not None and RANK[role] >= RANK[LEVELS[level]]
