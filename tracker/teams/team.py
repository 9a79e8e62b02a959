"""The Team aggregate: a named group with members in roles. Every change is an event with its actor."""

from __future__ import annotations

from datetime import datetime
from types import MappingProxyType
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from tracker.domain.errors import InvalidValue


class Team(Aggregate):
    #: Set on the instance by the first change (unannotated: no dataclass field, old teams load as they are).
    approval_rules = ()  # rule mappings (tracker.teams.approval_rules.ApprovalRule.as_event)
    pay_bands = ()  # band mappings (tracker.teams.pay_bands.PayBand.as_event), every version kept
    banded = MappingProxyType({})  # negotiation id -> the band's name it is judged against

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

    @event("ApprovalChainSet")
    def set_approval_chain(self, rules: list[dict], actor: str, at: datetime) -> None:
        self.approval_rules = tuple(dict(rule) for rule in rules)

    @event("PayBandSet")
    def set_pay_band(self, band: dict, actor: str, at: datetime) -> None:
        self.pay_bands = (*self.pay_bands, dict(band))

    @event("NegotiationBanded")
    def band_negotiation(self, negotiation_id: str, band: str | None, actor: str, at: datetime) -> None:
        banded = dict(self.banded)
        if band:
            banded[negotiation_id] = band
        else:
            banded.pop(negotiation_id, None)
        self.banded = banded

    # -- rules -------------------------------------------------------------------------------------
    def owners(self) -> list[str]:
        return [email for email, role in self.members.items() if role == "owner"]

    def check_keeps_an_owner(self, email: str, new_role: str | None) -> None:
        if self.members.get(email) == "owner" and new_role != "owner" and self.owners() == [email]:
            raise InvalidValue("A team needs at least one owner; make someone else owner first.", "role")
