"""TeamService: create teams and manage their members. Team owners manage; anyone may leave."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from tracker.accounts.emails import email_key, normalise_email
from tracker.accounts.service import Clock, utcnow
from tracker.domain.errors import InvalidValue, NotFound
from tracker.domain.terms import require_text
from tracker.teams.application import Teams
from tracker.teams.errors import AccessDenied
from tracker.teams.roles import parse_team_role
from tracker.teams.team import Team


@dataclass(frozen=True)
class TeamInfo:
    id: UUID
    name: str
    created_by: str
    members: dict[str, str]  # email -> owner | member | viewer
    member_since: dict[str, datetime]

    def role_of(self, email: str) -> str | None:
        return self.members.get(email)


def _info(team: Team) -> TeamInfo:
    return TeamInfo(team.id, team.name, team.created_by, dict(team.members), dict(team.member_since))


class TeamService:
    def __init__(
        self, app: Teams, *, known_user: Callable[[str], bool] | None = None, clock: Clock = utcnow
    ) -> None:
        self.app = app
        self.known_user = known_user
        self.clock = clock

    def create_team(self, name: object, *, actor: str) -> UUID:
        team = Team(name=require_text(name, "name", 100), actor=email_key(actor), at=self.clock())
        self.app.save(team)
        return team.id

    def get_team(self, team_id: UUID | str) -> TeamInfo:
        return _info(self._team(team_id))

    def team_for(self, team_id: UUID | str, user: str) -> TeamInfo:
        """The team as its member sees it; NotFound for anyone else."""
        team = self._team(team_id)
        if email_key(user) not in team.members:
            raise NotFound("No such team.")
        return _info(team)

    def member_role(self, team_id: UUID | str, user: str) -> str | None:
        try:
            return self._team(team_id).members.get(email_key(user))
        except NotFound:
            return None

    def rename_team(self, team_id: UUID | str, name: object, *, actor: str) -> None:
        team = self._managed(team_id, actor)
        team.rename(name=require_text(name, "name", 100), actor=email_key(actor), at=self.clock())
        self.app.save(team)

    def add_member(self, team_id: UUID | str, email: object, role: object = "member", *, actor: str) -> None:
        team = self._managed(team_id, actor)
        address, team_role = normalise_email(email), parse_team_role(role)
        if self.known_user is not None and not self.known_user(address):
            raise InvalidValue(f"There is no account for {address}; ask them to sign up first.", "email")
        if address in team.members:
            raise InvalidValue(f"{address} is already in the team; change their role instead.", "email")
        team.add_member(email=address, role=team_role, actor=email_key(actor), at=self.clock())
        self.app.save(team)

    def change_member_role(self, team_id: UUID | str, email: object, role: object, *, actor: str) -> None:
        team = self._managed(team_id, actor)
        address, team_role = self._member(team, email), parse_team_role(role)
        if team.members[address] == team_role:
            return
        team.check_keeps_an_owner(address, team_role)
        team.change_role(email=address, role=team_role, actor=email_key(actor), at=self.clock())
        self.app.save(team)

    def remove_member(self, team_id: UUID | str, email: object, *, actor: str) -> None:
        """Owners remove anyone; a member may remove themselves (leave the team)."""
        team = self._team(team_id)
        who = email_key(actor)
        if who not in team.members:
            raise NotFound("No such team.")
        address = self._member(team, email)
        if address != who and team.members[who] != "owner":
            raise AccessDenied("Only a team owner can remove other members.")
        team.check_keeps_an_owner(address, None)
        team.remove_member(email=address, actor=who, at=self.clock())
        self.app.save(team)

    # -- internals ---------------------------------------------------------------------------------
    def _team(self, team_id: UUID | str) -> Team:
        try:
            return self.app.repository.get(team_id if isinstance(team_id, UUID) else UUID(str(team_id)))
        except (AggregateNotFoundError, ValueError):
            raise NotFound("No such team.") from None

    def _managed(self, team_id: UUID | str, actor: str) -> Team:
        team = self._team(team_id)
        role = team.members.get(email_key(actor))
        if role is None:
            raise NotFound("No such team.")
        if role != "owner":
            raise AccessDenied("Only a team owner can manage the team.")
        return team

    @staticmethod
    def _member(team: Team, email: object) -> str:
        address = email_key(email)
        if address not in team.members:
            raise InvalidValue(f"{address} is not in the team.", "email")
        return address

    def close(self) -> None:
        self.app.close()
