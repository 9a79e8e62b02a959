"""AccessPolicy: who may read, log steps on, or share a negotiation.

A negotiation is private to its owner (the person who started it) until the owner shares it with a
person or a team, as viewer (read only) or editor (may log steps). ``role_for`` reads the access
record and the teams straight from the event store on every call, so a revocation or a removal
from a team takes effect at once (no cache to go stale).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError

from tracker.accounts.emails import email_key, normalise_email
from tracker.accounts.service import Clock, utcnow
from tracker.domain.errors import ConflictError, InvalidValue, NotFound
from tracker.domain.ids import negotiation_uuid as _uuid
from tracker.teams import history
from tracker.teams.access import NegotiationAccess
from tracker.teams.application import Teams
from tracker.teams.errors import AccessDenied
from tracker.teams.roles import LEVELS, allows, parse_grant_role, strongest, via_team
from tracker.teams.team import Team

#: Finds a negotiation by id: anything with ``.owner`` and ``.created_on`` (the Negotiation aggregate);
#: raises NotFound when there is none.
NegotiationLookup = Callable[[UUID], Any]


@dataclass(frozen=True)
class Grant:
    kind: str  # "user" or "team"
    principal: str  # an email, or a team id
    role: str  # viewer | editor
    since: datetime
    name: str  # the email, or the team's name


class AccessPolicy:
    def __init__(
        self,
        app: Teams,
        negotiation: NegotiationLookup,
        *,
        known_user: Callable[[str], bool] | None = None,
        clock: Clock = utcnow,
    ) -> None:
        self.app = app
        self.negotiation = negotiation
        self.known_user = known_user
        self.clock = clock

    # -- the policy ------------------------------------------------------------------------------
    def role_for(
        self, user: str | None, negotiation_id: UUID | str, *, owner: str | None = None
    ) -> str | None:
        """None, "viewer", "editor" or "owner": ownership, direct grants and team grants combined."""
        if not user:
            return None
        who = email_key(user)
        try:
            nid = _uuid(negotiation_id)
            owner = owner if owner is not None else self.negotiation(nid).owner
        except NotFound:
            return None
        if who == email_key(owner):
            return "owner"
        access = self._access(nid)
        if access is None:
            return None
        roles = [access.role_of("user", who)]
        for team_id, granted in access.team_grants().items():
            team = self._team(team_id)
            if team is not None and who in team.members:
                roles.append(via_team(granted, team.members[who]))
        return strongest(*roles)

    def check(
        self, user: str | None, negotiation_id: UUID | str, level: str = "read", *, owner: str | None = None
    ) -> str:
        """The user's role if it allows ``level`` ("read", "write", "share"); NotFound without any
        access (nothing hints that the negotiation exists), AccessDenied when the role is too weak."""
        if level not in LEVELS:
            raise ValueError(f"unknown access level {level!r}")
        role = self.role_for(user, negotiation_id, owner=owner)
        if role is None:
            raise NotFound(f"No negotiation {negotiation_id}.")
        if not allows(role, level):
            raise AccessDenied(
                "You can read this negotiation but not change it."
                if level == "write"
                else "Only the owner can share this negotiation."
            )
        return role

    # -- sharing (owner only) --------------------------------------------------------------------
    def share_with_user(self, negotiation_id: UUID | str, email: object, role: object, *, actor: str) -> None:
        nid, owner = self._owned(negotiation_id, actor)
        address, grant_role = normalise_email(email), parse_grant_role(role)
        if address == email_key(owner):
            raise InvalidValue("The owner always has full access.", "email")
        if self.known_user is not None and not self.known_user(address):
            raise InvalidValue(f"There is no account for {address}; ask them to sign up first.", "email")
        self._grant(nid, owner, "user", address, grant_role, actor)

    def share_with_team(
        self, negotiation_id: UUID | str, team_id: UUID | str, role: object, *, actor: str
    ) -> None:
        nid, owner = self._owned(negotiation_id, actor)
        grant_role = parse_grant_role(role)
        team = self._team(str(team_id))
        if team is None:
            raise InvalidValue("There is no such team.", "team_id")
        self._grant(nid, owner, "team", str(team.id), grant_role, actor)

    def revoke_user(self, negotiation_id: UUID | str, email: object, *, actor: str) -> None:
        self._revoke(negotiation_id, "user", email_key(email), actor)

    def revoke_team(self, negotiation_id: UUID | str, team_id: UUID | str, *, actor: str) -> None:
        self._revoke(negotiation_id, "team", str(team_id), actor)

    def grants(self, negotiation_id: UUID | str) -> list[Grant]:
        """Who the negotiation is shared with now (the owner not included)."""
        access = self._access(_uuid(negotiation_id))
        if access is None:
            return []
        result = []
        for g in access.grants.values():
            team = self._team(g["principal"]) if g["kind"] == "team" else None
            name = team.name if team is not None else g["principal"]
            result.append(Grant(g["kind"], g["principal"], g["role"], g["since"], name))
        return sorted(result, key=lambda grant: grant.since)

    # -- the audit trail -------------------------------------------------------------------------
    def who_could_see(
        self, negotiation_id: UUID | str, at: datetime | None = None
    ) -> list[history.Visibility]:
        """Everyone who could see the negotiation at ``at`` (default: now), their role, since when
        (the start of their unbroken access) and through what (ownership, a direct share, a team)."""
        return history.visible_at(self._history_events(negotiation_id), at)

    def who_could_see_each(
        self,
        negotiation_id: UUID | str,
        moments: list[datetime | None],
        *,
        sources: history.Sources | None = None,
    ) -> list[list[history.Visibility]]:
        """``who_could_see`` at each of ``moments`` (None: now), from one read and one replay of the
        access history (the outbox asks it for every step of a batch; ``sources``: the history
        already read with ``history_sources``)."""
        if sources is None:
            sources = self._history_events(negotiation_id)
        return history.visible_at_each(sources, moments)

    def teams_shared_each(
        self,
        negotiation_id: UUID | str,
        moments: list[datetime | None],
        *,
        sources: history.Sources | None = None,
    ) -> list[set[str]]:
        """The ids of the teams the negotiation was shared with at each of ``moments`` (None: now),
        from one read of the access history (a team's webhook hears of the steps its team could see)."""
        if sources is None:
            sources = self._history_events(negotiation_id)
        return [history.teams_at(sources, at) for at in moments]

    def history_sources(self, negotiation_id: UUID | str) -> history.Sources:
        """The access history as read from the store (the access record and its teams' events), for
        several questions about one negotiation without reading it again."""
        return self._history_events(negotiation_id)

    def access_history(self, negotiation_id: UUID | str) -> list[history.AccessChange]:
        """Every change of anyone's access, oldest first, with the event and actor that caused it."""
        return history.changes(self._history_events(negotiation_id))

    def _history_events(self, negotiation_id: UUID | str) -> history.Sources:
        nid = _uuid(negotiation_id)
        negotiation = self.negotiation(nid)
        access_events = list(self.app.events.get(NegotiationAccess.create_id(nid)))
        team_ids = {e.principal for e in access_events if getattr(e, "kind", None) == "team"}
        team_events = {tid: list(self.app.events.get(UUID(tid))) for tid in team_ids}
        return history.Sources(
            email_key(negotiation.owner), negotiation.created_on, access_events, team_events
        )

    # -- internals -------------------------------------------------------------------------------
    def _owned(self, negotiation_id: UUID | str, actor: str) -> tuple[UUID, str]:
        nid = _uuid(negotiation_id)
        self.check(actor, nid, "share")
        return nid, self.negotiation(nid).owner

    def _grant(self, nid: UUID, owner: str, kind: str, principal: str, role: str, actor: str) -> None:
        def change(access: NegotiationAccess | None) -> NegotiationAccess | None:
            access = access or NegotiationAccess(
                negotiation_id=nid, owner=email_key(owner), actor=email_key(actor), at=self.clock()
            )
            if access.role_of(kind, principal) == role:
                return None
            access.grant(kind=kind, principal=principal, role=role, actor=email_key(actor), at=self.clock())
            return access

        self._update(nid, change)

    def _revoke(self, negotiation_id: UUID | str, kind: str, principal: str, actor: str) -> None:
        nid, _owner = self._owned(negotiation_id, actor)

        def change(access: NegotiationAccess | None) -> NegotiationAccess | None:
            if access is None or access.role_of(kind, principal) is None:
                return None
            access.revoke(kind=kind, principal=principal, actor=email_key(actor), at=self.clock())
            return access

        self._update(nid, change)

    def _update(
        self, nid: UUID, change: Callable[[NegotiationAccess | None], NegotiationAccess | None]
    ) -> None:
        """Applies ``change`` to the current access record; retries once if another writer got there first."""
        for attempt in (1, 2):
            access = change(self._access(nid))
            if access is None:
                return
            try:
                self.app.save(access)
                return
            except IntegrityError:
                if attempt == 2:
                    raise ConflictError(None, access.version) from None

    def _access(self, nid: UUID) -> NegotiationAccess | None:
        try:
            return self.app.repository.get(NegotiationAccess.create_id(nid))
        except AggregateNotFoundError:
            return None

    def shared_with_team(self, negotiation_id: UUID | str, team_id: UUID | str) -> bool:
        """Whether the negotiation is shared with the team now."""
        return any(g.kind == "team" and g.principal == str(team_id) for g in self.grants(negotiation_id))

    def team(self, team_id: str) -> Team | None:
        """The team aggregate (its chain and bands, for tracker.teams.approvals), or None."""
        return self._team(team_id)

    def _team(self, team_id: str) -> Team | None:
        try:
            return self.app.repository.get(UUID(team_id))
        except (AggregateNotFoundError, ValueError):
            return None
