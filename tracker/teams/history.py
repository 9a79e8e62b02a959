"""The access audit trail, replayed from events: the negotiation's access record and the teams it was
ever shared with, merged in time order. Answers "who could see this negotiation at that moment, and
since when?" and lists every change of anyone's access with the step that caused it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tracker.teams.roles import strongest, via_team


@dataclass(frozen=True)
class Sources:
    owner: str
    created_on: datetime
    access_events: list[Any]
    team_events: dict[str, list[Any]]


@dataclass(frozen=True)
class Visibility:
    email: str
    role: str  # owner | editor | viewer
    since: datetime  # start of the unbroken access this person has
    via: tuple[str, ...]  # "owner", "shared directly", "team Platform"


@dataclass(frozen=True)
class AccessChange:
    at: datetime
    email: str
    before: str | None
    after: str | None
    via: tuple[str, ...]
    actor: str
    cause: str


@dataclass
class _State:
    owner: str
    direct: dict[str, str] = field(default_factory=dict)
    team_grants: dict[str, str] = field(default_factory=dict)
    members: dict[str, dict[str, str]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def effective(self) -> dict[str, tuple[str, tuple[str, ...]]]:
        found: dict[str, tuple[str, tuple[str, ...]]] = {self.owner: ("owner", ("owner",))}

        def add(email: str, role: str, via: str) -> None:
            old_role, old_via = found.get(email, (None, ()))
            found[email] = (strongest(old_role, role) or role, (*old_via, via))

        for email, role in self.direct.items():
            add(email, role, "shared directly")
        for team_id, granted in self.team_grants.items():
            for email, team_role in self.members.get(team_id, {}).items():
                add(email, via_team(granted, team_role), f"team {self.names.get(team_id, team_id)}")
        return found

    def apply(self, source: str, event: Any) -> str:
        """Changes the state; returns a sentence describing the event."""
        name, actor = type(event).__name__, getattr(event, "actor", "")
        if source == "access":
            target = (
                f"team {self.names.get(event.principal, event.principal)}"
                if getattr(event, "kind", "") == "team"
                else getattr(event, "principal", "")
            )
            book = self.team_grants if getattr(event, "kind", "") == "team" else self.direct
            if name == "Granted":
                book[event.principal] = event.role
                return f"{actor} shared it with {target} as {event.role}"
            if name == "Revoked":
                book.pop(event.principal, None)
                return f"{actor} stopped sharing it with {target}"
            return f"{actor} opened the access record"
        members = self.members.setdefault(source, {})
        team = self.names.get(source, "")
        if name == "Created":
            self.names[source] = event.name
            members[event.actor] = "owner"
            return f"{actor} created team {event.name}"
        if name == "Renamed":
            self.names[source] = event.name
            return f"{actor} renamed team {team} to {event.name}"
        if name in ("MemberAdded", "MemberRoleChanged"):
            members[event.email] = event.role
            verb = "added" if name == "MemberAdded" else "changed the role of"
            return f"{actor} {verb} {event.email} in team {team} as {event.role}"
        if name == "MemberRemoved":
            members.pop(event.email, None)
            if event.email == actor:
                return f"{actor} left team {team}"
            return f"{actor} removed {event.email} from team {team}"
        return f"{actor}: {name}"


def _moment(event: Any) -> datetime:
    return getattr(event, "at", None) or event.timestamp


def _ordered(sources: Sources) -> list[tuple[datetime, int, str, Any]]:
    items = [(_moment(e), i, "access", e) for i, e in enumerate(sources.access_events)]
    for team_id, events in sources.team_events.items():
        items.extend((_moment(e), i, team_id, e) for i, e in enumerate(events))
    return sorted(items, key=lambda item: (item[0], item[1]))


def _replay(
    sources: Sources, until: datetime | None = None
) -> Iterator[tuple[datetime, str, str, dict, dict]]:
    state = _State(sources.owner)
    for at, _, source, event in _ordered(sources):
        if until is not None and at > until:
            return
        before = state.effective()
        cause = state.apply(source, event)
        yield at, getattr(event, "actor", ""), cause, before, state.effective()


def visible_at(sources: Sources, at: datetime | None = None) -> list[Visibility]:
    if at is not None and at < sources.created_on:
        return []
    since = {sources.owner: sources.created_on}
    current = _State(sources.owner).effective()
    for moment, _actor, _cause, before, after in _replay(sources, at):
        for email in after.keys() - before.keys():
            since[email] = moment
        current = after
    return sorted(
        (Visibility(email, role, since[email], via) for email, (role, via) in current.items()),
        key=lambda v: (v.since, v.email),
    )


def visible_at_each(sources: Sources, moments: list[datetime | None]) -> list[list[Visibility]]:
    """``visible_at`` at each of ``moments`` (None: now), from one replay of the history: the
    outbox asks it for every step of a batch."""
    order = sorted(range(len(moments)), key=lambda i: (moments[i] is None, moments[i] or sources.created_on))
    found: list[list[Visibility]] = [[] for _ in moments]
    since = {sources.owner: sources.created_on}
    current = _State(sources.owner).effective()
    replay = _replay(sources)
    pending = next(replay, None)
    for i in order:
        at = moments[i]
        if at is not None and at < sources.created_on:
            continue  # not started yet: nobody
        while pending is not None and (at is None or pending[0] <= at):
            moment, _actor, _cause, before, after = pending
            for email in after.keys() - before.keys():
                since[email] = moment
            current = after
            pending = next(replay, None)
        found[i] = sorted(
            (Visibility(email, role, since[email], via) for email, (role, via) in current.items()),
            key=lambda v: (v.since, v.email),
        )
    return found


def changes(sources: Sources) -> list[AccessChange]:
    result = [
        AccessChange(
            sources.created_on,
            sources.owner,
            None,
            "owner",
            ("owner",),
            sources.owner,
            f"{sources.owner} started the negotiation",
        )
    ]
    for moment, actor, cause, before, after in _replay(sources):
        for email in sorted(before.keys() | after.keys()):
            old, new = before.get(email, (None, ())), after.get(email, (None, ()))
            if old[0] != new[0]:
                result.append(AccessChange(moment, email, old[0], new[0], new[1] or old[1], actor, cause))
    return result


def teams_at(sources: Sources, at: datetime | None = None) -> set[str]:
    """The ids of the teams the negotiation was shared with at ``at`` (a team's webhook hears of a
    step only if its team could see the negotiation then)."""
    state = _State(sources.owner)
    for moment, _, source, event in _ordered(sources):
        if at is not None and moment > at:
            break
        state.apply(source, event)
    return set(state.team_grants)
