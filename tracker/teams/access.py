"""NegotiationAccess: who a negotiation is shared with. One per negotiation (its id derives from the
negotiation's), created at the first share; every grant and revocation is an event, so the history
answers "who could see this negotiation, and since when?"."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from tracker.accounts.ids import stable_id


def principal_key(kind: str, principal: str) -> str:
    """ "user:ana@example.com" or "team:<uuid>"."""
    return f"{kind}:{principal}"


class NegotiationAccess(Aggregate):
    @staticmethod
    def create_id(negotiation_id: UUID) -> UUID:
        return stable_id("access", str(negotiation_id))

    @event("Opened")
    def __init__(self, negotiation_id: UUID, owner: str, actor: str, at: datetime) -> None:
        self.negotiation_id = negotiation_id
        self.owner = owner
        self.grants: dict[str, dict[str, Any]] = {}

    @event("Granted")
    def grant(self, kind: str, principal: str, role: str, actor: str, at: datetime) -> None:
        key = principal_key(kind, principal)
        since = self.grants[key]["since"] if key in self.grants else at
        self.grants[key] = {"kind": kind, "principal": principal, "role": role, "since": since}

    @event("Revoked")
    def revoke(self, kind: str, principal: str, actor: str, at: datetime) -> None:
        del self.grants[principal_key(kind, principal)]

    def role_of(self, kind: str, principal: str) -> str | None:
        grant = self.grants.get(principal_key(kind, principal))
        return grant["role"] if grant else None

    def team_grants(self) -> dict[str, str]:
        return {g["principal"]: g["role"] for g in self.grants.values() if g["kind"] == "team"}
