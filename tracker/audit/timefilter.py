"""Filtering a negotiation's timeline: by party, kind of step, actor and date range (pure functions).

* party: events whose data name the party id in ``from_party``, ``to_parties``, ``party``,
  ``party_id`` or ``participants`` (proposals made by or to them, their answers, their joining and
  leaving, their priorities, interactions they took part in).
* kind: an event type ("ProposalMade") or a kind of step from ``STEP_KINDS`` ("proposals").
* actor: who logged the step (case-insensitive).
* since / until: dates or aware datetimes, both inclusive (a date ``until`` covers that whole day,
  UTC), on the time the step was recorded (``basis="recorded"``) or happened (``basis="occurred"``;
  a step with no occurred time happened when it was recorded).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from tracker.domain.errors import InvalidValue

if TYPE_CHECKING:  # pragma: no cover
    from tracker.application import TimelineEntry

PARTY_FIELDS = ("from_party", "to_parties", "party", "party_id", "participants")
STEP_KINDS: dict[str, tuple[str, ...]] = {
    "goals": ("AspirationRecorded",),
    "parties": ("PartyJoined", "PartyLeft"),
    "terms": ("TermAdded", "TermRevised", "TermRemoved", "MoneyScheduleSet"),
    "priorities": ("PrioritySet", "PackageRated", "WeightsCalibrated"),
    "authority": ("AuthorityMapped",),
    "value_case": ("ValueEntryAdded",),
    "research": ("ResearchLogged",),
    "allies": ("AllyEnlisted", "AllyActionLogged", "AllyStanceChanged"),
    "alternatives": ("AlternativeLogged",),
    "proposals": (
        "ProposalMade",
        "ProposalAccepted",
        "ProposalRejected",
        "ProposalWithdrawn",
        "ProposalAmended",
    ),
    "approvals": ("ApprovalRequested", "ProposalApproved", "ProposalDeclined", "ApprovalsVoided"),
    "interactions": ("InteractionLogged",),
    "notes": ("NoteAdded",),
    "stage": ("Started", "StageChanged", "DecisionDateSet", "Concluded", "Reopened", "LessonsRecorded"),
    "imports": ("Imported",),
}
EVENT_TYPES = frozenset(t for types in STEP_KINDS.values() for t in types)
BASES = ("recorded", "occurred")


def mentions_party(entry: TimelineEntry, party_id: str) -> bool:
    for name in PARTY_FIELDS:
        value = entry.data.get(name)
        if value == party_id or (isinstance(value, (list, tuple)) and party_id in value):
            return True
    return False


def event_types_for(kinds: str | Iterable[str]) -> frozenset[str]:
    """Event type names for kinds of step and/or event type names; InvalidValue for unknown ones."""
    wanted: set[str] = set()
    for kind in [kinds] if isinstance(kinds, str) else kinds:
        if kind in STEP_KINDS:
            wanted.update(STEP_KINDS[kind])
        elif kind in EVENT_TYPES:
            wanted.add(kind)
        else:
            raise InvalidValue(
                f"'{kind}' is not a kind of step; use one of: {', '.join(STEP_KINDS)} (or an event type).",
                "kind",
            )
    return frozenset(wanted)


def _bound(value: date | datetime | str | None, end: bool, field: str) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = (
                datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
                if "T" in value
                else date.fromisoformat(value.strip())
            )
        except ValueError:
            raise InvalidValue("Give a date as YYYY-MM-DD or a date and time in ISO 8601.", field) from None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise InvalidValue("Give the time with its time zone.", field)
        return value.astimezone(UTC)
    if isinstance(value, date):
        return datetime.combine(value, time.max if end else time.min, tzinfo=UTC)
    raise InvalidValue("Give a date as YYYY-MM-DD.", field)


def step_time(entry: TimelineEntry, basis: str = "recorded") -> datetime:
    if basis == "occurred" and entry.occurred_at is not None:
        return entry.occurred_at
    return entry.recorded_at


def filter_timeline(
    entries: Sequence[TimelineEntry],
    *,
    party: str | Iterable[str] | None = None,
    kind: str | Iterable[str] | None = None,
    actor: str | Iterable[str] | None = None,
    since: date | datetime | str | None = None,
    until: date | datetime | str | None = None,
    basis: str = "recorded",
) -> list[TimelineEntry]:
    """The entries that pass every filter given (None or empty means no filter), in their order.
    Several parties (or kinds, or actors) mean any of them."""
    if basis not in BASES:
        raise InvalidValue("Filter dates on 'recorded' or 'occurred' time.", "basis")
    parties = _many(party)
    types = event_types_for(_many(kind)) if _many(kind) else None
    actors = {a.strip().lower() for a in _many(actor)}
    start, stop = _bound(since, False, "since"), _bound(until, True, "until")
    if start and stop and start > stop:
        raise InvalidValue("The start of the date range is after its end.", "since")
    kept = []
    for entry in entries:
        if parties and not any(mentions_party(entry, p) for p in parties):
            continue
        if types is not None and entry.event_type not in types:
            continue
        if actors and entry.actor.lower() not in actors:
            continue
        moment = step_time(entry, basis)
        if (start and moment < start) or (stop and moment > stop):
            continue
        kept.append(entry)
    return kept


def _many(value: str | Iterable[str] | None) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [v for v in value if v not in (None, "")]
