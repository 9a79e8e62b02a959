"""Time travel: the negotiation as it stood after a given version, or at a given moment.

"At a moment" means what the record said then: the last event *recorded* at or before that time
(a step logged today about a call last week only shows from today). To find steps by when they
happened, filter the timeline on ``occurred`` time (``tracker.audit.filter_timeline``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from uuid import UUID

from tracker.domain.errors import InvalidValue
from tracker.domain.negotiation import Negotiation

if TYPE_CHECKING:  # pragma: no cover
    from tracker.application import NegotiationTracker


@dataclass(frozen=True)
class AsOf:
    negotiation: Negotiation  # the state just after ``version``
    version: int
    latest_version: int  # the negotiation's newest version today
    recorded_at: datetime  # when ``version`` was recorded
    moment: datetime | None = None  # the moment asked for, if any

    @property
    def is_latest(self) -> bool:
        return self.version == self.latest_version


def parse_moment(raw: object, field: str = "as_of") -> datetime:
    """A timezone-aware UTC datetime from a datetime or an ISO 8601 text ("2026-03-03T17:00:00Z",
    or a date "2026-03-03", meaning the end of that day, UTC)."""
    if isinstance(raw, str):
        text = raw.strip()
        try:
            if len(text) == 10:
                day = datetime.fromisoformat(text)
                return day.replace(hour=23, minute=59, second=59, microsecond=999999, tzinfo=UTC)
            raw = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise InvalidValue(
                "Give a date and time in ISO 8601, e.g. 2026-03-03T17:00:00Z.", field
            ) from None
    if not isinstance(raw, datetime):
        raise InvalidValue("Give a date and time in ISO 8601, e.g. 2026-03-03T17:00:00Z.", field)
    if raw.tzinfo is None:
        raise InvalidValue("Give the time with its time zone (e.g. ending in Z for UTC).", field)
    return raw.astimezone(UTC)


def parse_version(raw: object, field: str = "as_of_version") -> int:
    if isinstance(raw, bool):
        raise InvalidValue("A version is a whole number from 1.", field)
    try:
        version = int(str(raw).strip()) if isinstance(raw, (str, int)) else None
    except ValueError:
        version = None
    if version is None or version < 1:
        raise InvalidValue("A version is a whole number from 1.", field)
    return version


def negotiation_as_of(
    tracker: NegotiationTracker,
    negotiation_id: UUID | str,
    *,
    version: object = None,
    moment: object = None,
) -> AsOf:
    """The negotiation after ``version`` (1 = just started) or at ``moment`` (datetime or ISO text);
    with neither, the latest state. Raises NotFound for an unknown id and InvalidValue (field
    ``as_of_version`` or ``as_of``) for a version out of range or a moment before the start."""
    if version not in (None, "") and moment not in (None, ""):
        raise InvalidValue("Ask for a version or a moment, not both.", "as_of")
    latest = tracker.get(negotiation_id)
    at: datetime | None = None
    if version not in (None, ""):
        wanted = parse_version(version)
        if wanted > latest.version:
            raise InvalidValue(
                f"There is no version {wanted}: this negotiation has versions 1 to {latest.version}.",
                "as_of_version",
            )
    elif moment not in (None, ""):
        at = parse_moment(moment)
        found = tracker.version_at(latest.id, at)
        if found is None:
            raise InvalidValue(
                f"The negotiation did not exist yet at {at.isoformat()}; it was started "
                f"(recorded) at {latest.created_on.isoformat()}.",
                "as_of",
            )
        wanted = found
    else:
        wanted = latest.version
    state = latest if wanted == latest.version else tracker.get(latest.id, version=wanted)
    return AsOf(state, wanted, latest.version, state.modified_on, at)
