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
from tracker.teams.approval_rules import ApprovalRule, check_rules
from tracker.teams.errors import AccessDenied
from tracker.teams.pay_bands import PayBand, check_band
from tracker.teams.roles import parse_team_role
from tracker.teams.team import Team


class TeamChanged(Exception):
    """The team changed since the version the client last saw (the API's 409)."""

    def __init__(self, expected: int, current: int) -> None:
        super().__init__(f"The team changed since version {expected}; it is at version {current} now.")
        self.expected, self.current = expected, current


@dataclass(frozen=True)
class TeamInfo:
    id: UUID
    name: str
    created_by: str
    members: dict[str, str]  # email -> owner | member | viewer
    member_since: dict[str, datetime]
    approval_rules: tuple[ApprovalRule, ...] = ()

    def role_of(self, email: str) -> str | None:
        return self.members.get(email)


def _info(team: Team) -> TeamInfo:
    rules = tuple(ApprovalRule.from_event(r) for r in team.approval_rules)
    return TeamInfo(team.id, team.name, team.created_by, dict(team.members), dict(team.member_since), rules)


#: Team roles that see pay bands: owners keep them, auditors (viewers) check them; members never.
BAND_READERS = ("owner", "viewer")


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

    # -- approvals and pay bands ---------------------------------------------------------------
    def set_approval_chain(
        self, team_id: UUID | str, rules: object, *, actor: str, expected_version: int | None = None
    ) -> None:
        """Replaces the team's approval chain (an empty list: no approvals needed any more)."""
        team = self._managed(team_id, actor, expected_version)
        checked = check_rules(rules, lambda email: email in team.members)
        events = [rule.as_event() for rule in checked]
        if list(team.approval_rules) == events:
            return
        team.set_approval_chain(rules=events, actor=email_key(actor), at=self.clock())
        self.app.save(team)

    def set_pay_band(
        self, team_id: UUID | str, band: dict, *, actor: str, expected_version: int | None = None
    ) -> tuple[PayBand, bool]:
        """Adds a band, or a new version of one (same name, another effective date): (the band, whether
        it was new). The same band sent again stores nothing."""
        team = self._managed(team_id, actor, expected_version)
        checked = check_band(band if isinstance(band, dict) else {})
        if checked.as_event() in team.pay_bands:
            return checked, False
        team.set_pay_band(band=checked.as_event(), actor=email_key(actor), at=self.clock())
        self.app.save(team)
        return checked, True

    def pay_bands(self, team_id: UUID | str, user: str) -> dict[str, list[PayBand]]:
        """Band name -> its versions, oldest first; for the team's owners and auditors only."""
        team = self._band_reader(team_id, user)
        found: dict[str, list[PayBand]] = {}
        for data in team.pay_bands:
            found.setdefault(data["name"], []).append(PayBand.from_event(data))
        return {name: sorted(v, key=lambda b: b.effective_from) for name, v in sorted(found.items())}

    def banded(self, team_id: UUID | str, user: str) -> dict[str, str]:
        """Negotiation id -> the band it is judged against (owners and auditors only)."""
        return dict(self._band_reader(team_id, user).banded)

    def band_negotiation(
        self,
        team_id: UUID | str,
        negotiation_id: str,
        band: object,
        *,
        actor: str,
        shared: bool,
        expected_version: int | None = None,
    ) -> None:
        """Judges a negotiation shared with the team against one of its bands (None or "": no band)."""
        team = self._managed(team_id, actor, expected_version)
        if not shared:
            raise InvalidValue("That negotiation is not shared with the team.", "negotiation_id")
        name = str(band or "").strip() or None
        if name and name not in {b["name"] for b in team.pay_bands}:
            raise InvalidValue(f"The team has no band called {name}.", "band")
        if team.banded.get(negotiation_id) == name:
            return
        team.band_negotiation(
            negotiation_id=negotiation_id, band=name, actor=email_key(actor), at=self.clock()
        )
        self.app.save(team)

    def team_aggregate(self, team_id: UUID | str) -> Team:
        return self._team(team_id)

    def _band_reader(self, team_id: UUID | str, user: str) -> Team:
        team = self._team(team_id)
        role = team.members.get(email_key(user))
        if role is None:
            raise NotFound("No such team.")
        if role not in BAND_READERS:
            raise AccessDenied("Pay bands are for the team's owners and auditors.")
        return team

    # -- internals ---------------------------------------------------------------------------------
    def _team(self, team_id: UUID | str) -> Team:
        try:
            return self.app.repository.get(team_id if isinstance(team_id, UUID) else UUID(str(team_id)))
        except (AggregateNotFoundError, ValueError):
            raise NotFound("No such team.") from None

    def _managed(self, team_id: UUID | str, actor: str, expected_version: int | None = None) -> Team:
        team = self._team(team_id)
        role = team.members.get(email_key(actor))
        if role is None:
            raise NotFound("No such team.")
        if role != "owner":
            raise AccessDenied("Only a team owner can manage the team.")
        if expected_version is not None and expected_version != team.version:
            raise TeamChanged(expected_version, team.version)
        return team

    @staticmethod
    def _member(team: Team, email: object) -> str:
        address = email_key(email)
        if address not in team.members:
            raise InvalidValue(f"{address} is not in the team.", "email")
        return address

    def close(self) -> None:
        self.app.close()
