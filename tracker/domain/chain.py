"""The hash chain: every event carries the digest of its predecessor and a digest of itself.

The digest covers the event's full stored content (type, negotiation, version, time, actor and
every field), so editing, deleting, reordering or inserting a stored event breaks the chain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

GENESIS = "0" * 64
EXCLUDED = ("digest", "class_version")
#: The canonical JSON form: sorted keys, no spaces, ASCII only (made once: ``json.dumps`` with these
#: options would build an encoder at every call).
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=True)


#: Values that are their own canonical form (exact types: a subclass, such as a str enum, takes the
#: general path, which gives it the same form). Most fields of most events are of these.
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _canonical(value: Any) -> Any:
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        return {str(k): v if type(v) in _PLAIN else _canonical(v) for k, v in value.items()}
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [v if type(v) in _PLAIN else _canonical(v) for v in value]
    if isinstance(value, Decimal):
        return {"$dec": str(value)}
    if isinstance(value, dt.datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, UUID):
        return {"$uuid": str(value)}
    return value


def event_digest(topic: str, originator_id: UUID | str, version: int, state: dict[str, Any]) -> str:
    """SHA-256 over a canonical JSON form of a stored event (its own digest excluded)."""
    body = {k: v for k, v in state.items() if k not in EXCLUDED}
    payload = {
        "topic": topic.rsplit(":", 1)[-1],
        "originator_id": str(originator_id),
        "version": version,
        "state": _canonical(body),
    }
    text = _ENCODER.encode(payload)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    """The result of checking one negotiation's chain. ``first_bad_version`` is None when intact."""

    negotiation_id: str
    events_checked: int
    first_bad_version: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.first_bad_version is None

    def __str__(self) -> str:
        if self.intact:
            return f"{self.negotiation_id}: intact ({self.events_checked} events)"
        return f"{self.negotiation_id}: BROKEN at version {self.first_bad_version}: {self.problem}"


def verify_chain(
    negotiation_id: str,
    records: Iterable[tuple[str, int, dict[str, Any]]],
    expected_head: tuple[int, str] | None = None,
    start: tuple[int, str] = (1, GENESIS),
) -> ChainReport:
    """Checks (topic, version, decoded state) records in stored order.

    ``expected_head`` is the (version, digest) that a read model last saw, if any; it detects the
    deletion of the newest events, which a chain alone cannot.

    ``start`` = (version, digest of the event before it) checks only a tail: the records from that
    version on, linked to a prefix verified earlier. Counts then include the prefix.
    """
    expected_version, prev = start
    count = expected_version - 1
    for topic, version, state in records:
        count += 1
        if version != expected_version:
            what = "missing" if version > expected_version else "duplicated or reordered"
            return ChainReport(
                negotiation_id,
                count,
                expected_version,
                f"event {expected_version} is {what} (found version {version})",
            )
        if state.get("prev_digest") != prev:
            return ChainReport(
                negotiation_id,
                count,
                version,
                "it does not link to the event before it (deleted, inserted or reordered)",
            )
        digest = event_digest(topic, negotiation_id, version, state)
        if state.get("digest") != digest:
            return ChainReport(
                negotiation_id, count, version, "its content was altered after it was recorded"
            )
        prev = digest
        expected_version += 1
    if count == 0:
        return ChainReport(negotiation_id, 0, 1, "no events are stored")
    if expected_head is not None:
        head_version, head_digest = expected_head
        if head_version > count:
            return ChainReport(
                negotiation_id,
                count,
                count + 1,
                f"events after version {count} were deleted (version {head_version} was recorded)",
            )
        if head_version == count and head_digest and head_digest != prev:
            return ChainReport(negotiation_id, count, count, "the newest event was replaced")
    return ChainReport(negotiation_id, count)
