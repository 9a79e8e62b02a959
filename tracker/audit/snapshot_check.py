"""Is a stored snapshot what the events say? Snapshots are a cache of the state, not covered by the
hash chain, so one is checked by taking a snapshot the same way (same class) from a replay of the
events and comparing the two states as the transcoder's JSON trees.

Tables whose rows are kept as one JSON text (``tracker_rows``, see ``tracker.domain.snapshot``) are
compared as the JSON trees of their rows, so a snapshot packed before such texts existed (rows in
line, no ``count``) still matches the events it was taken from.

The replay starts from nothing, or from an earlier snapshot already found to match the events
(``state_at``): checking the newest snapshot then costs the events since that one, not the history.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.domain import Snapshot
from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import get_topic

from tracker.audit.errors import StoreUnreadable
from tracker.domain.snapshot import PACKED, PackedSnapshot
from tracker.eventstore.storage import tagged_state
from tracker.eventstore.transcodings import RowsAsJSON

if TYPE_CHECKING:  # pragma: no cover
    from tracker.application import NegotiationTracker
    from tracker.domain.negotiation import Negotiation

#: Snapshot classes by stored topic: a snapshot is compared with one taken the same way from the replay.
SNAPSHOT_CLASSES = {get_topic(cls): cls for cls in (Snapshot, PackedSnapshot)}
ALTERED = (
    "the snapshot at this version does not match the events (it was altered "
    "in the database; delete it and it will be rebuilt)"
)


def deleted_after(events: int, snapshot_version: int) -> str:
    return f"a snapshot exists for version {snapshot_version}: events after version {events} were deleted"


def matches(tracker: NegotiationTracker, aggregate: Negotiation, snapshot: StoredEvent) -> bool:
    """Whether the stored ``snapshot`` holds the state of ``aggregate`` (replayed to its version)."""
    replayed = SNAPSHOT_CLASSES.get(snapshot.topic, Snapshot).take(aggregate)
    expected = {"topic": replayed.topic, "state": _tagged(tracker, replayed.state)}
    try:
        found = tagged_state(tracker.mapper, snapshot)
    except StoreUnreadable:
        return False
    found = {k: found.get(k) for k in expected}
    if isinstance(found["state"], dict):
        _rows_as_trees(found["state"], expected["state"])
    return found == expected


def state_at(tracker: NegotiationTracker, nid: UUID, version: int, base: StoredEvent | None = None) -> Any:
    """The negotiation replayed to ``version``: from ``base`` (a stored snapshot known to match the
    events) and the events after it, or from the first event."""
    aggregate = None
    after = 0
    if base is not None:
        aggregate = tracker.snapshots.mapper.to_domain_event(base).mutate(None)
        after = base.originator_version
    for event in tracker.events.get(nid, gt=after or None, lte=version):
        aggregate = event.mutate(aggregate)
    return aggregate


def _rows_as_trees(found: dict[str, Any], expected: dict[str, Any]) -> None:
    """Each packed table's rows, in both states, as a JSON tree (not the text holding it); where the
    stored table is of the earlier kind (no ``count``), the expected one's count is left out too."""
    tables = found.get(PACKED)
    for name, table in (expected.get(PACKED) or {}).items():
        _expand(table)
        stored = tables.get(name) if isinstance(tables, dict) else None
        if isinstance(stored, dict):
            _expand(stored)
            if "count" not in stored:
                table.pop("count", None)


def _expand(table: dict[str, Any]) -> None:
    rows = table.get("rows")
    if (
        isinstance(rows, dict)
        and rows.get("_type_") == RowsAsJSON.name
        and isinstance(rows.get("_data_"), str)
    ):
        try:
            table["rows"] = json.loads(rows["_data_"])
        except ValueError:
            pass  # not JSON: left as it is, so it differs from the expected rows


def _tagged(tracker: NegotiationTracker, value: Any) -> Any:
    return json.loads(tracker.mapper.transcoder.encode(value).decode("utf8"))
