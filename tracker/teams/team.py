"""The Team aggregate: a named group with members in roles. Every change is an event with its actor."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from tracker.domain.errors import InvalidValue


class Team(Aggregate):
    @staticmethod
    def create_id() -> UUID:
        return uuid4()

    @event("Created")
    def __init__(self, name: str, actor: str, at: datetime) -> None:
        """The person who creates a team is its first owner."""
        self.name = name
        self.created_by = actor
        self.members: dict[str, str] = {actor: "owner"}
        self.member_since: dict[str, datetime] = {actor: at}

    @event("Renamed")
    def rename(self, name: str, actor: str, at: datetime) -> None:
        self.name = name

    @event("MemberAdded")
    def add_member(self, email: str, role: str, actor: str, at: datetime) -> None:
        self.members[email] = role
        self.member_since[email] = at

    @event("MemberRoleChanged")
    def change_role(self, email: str, role: str, actor: str, at: datetime) -> None:
        self.members[email] = role

    @event("MemberRemoved")
    def remove_member(self, email: str, actor: str, at: datetime) -> None:
        del self.members[email]
        del self.member_since[email]

    # -- rules -------------------------------------------------------------------------------------
    def owners(self) -> list[str]:
        return [email for email, role in self.members.items() if role == "owner"]

    def check_keeps_an_owner(self, email: str, new_role: str | None) -> None:
        if self.members.get(email) == "owner" and new_role != "owner" and self.owners() == [email]:
            raise InvalidValue("A team needs at least one owner; make someone else owner first.", "role")
