"""Tamper evidence: check each negotiation's hash chain as it is stored in the database.

The chain (``tracker.domain.chain``) catches an event that was edited, deleted, reordered, inserted
or moved to another negotiation, naming the first bad version. Two things it cannot see alone:

* the deletion (or rewriting) of the newest events: pass ``expected_head`` = (version, digest) as
  last seen by something kept elsewhere (a read model, an anchors file written by
  ``tracker verify --save-anchors``, an export). Fewer events than that version, or another digest
  at that version, is reported;
* an edited snapshot (snapshots are a cache of the state, not covered by the chain): each stored
  snapshot is compared with the state replayed from the events.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping
from uuid import UUID

from eventsourcing.domain import Snapshot
from eventsourcing.utils import get_topic

from tracker.domain.ids import negotiation_uuid as _uuid
from tracker.audit.errors import StoreUnreadable
from tracker.audit.storage import decode_state, tagged_state
from tracker.domain.chain import ChainReport, verify_chain
from tracker.domain.errors import NotFound
from tracker.domain.snapshot import PackedSnapshot

if TYPE_CHECKING:  # pragma: no cover
    from tracker.application import NegotiationTracker

Head = tuple[int, str]
#: Snapshot classes by stored topic: a snapshot is compared with one taken the same way from the replay.
SNAPSHOT_CLASSES = {get_topic(cls): cls for cls in (Snapshot, PackedSnapshot)}


class _Unreadable(Exception):
    def __init__(self, version: int) -> None:
        self.version = version


def _records(tracker: "NegotiationTracker", nid: UUID, digests: list[str]) -> Iterator[tuple[str, int, dict]]:
    for stored in tracker.recorder.select_events(nid):
        try:
            state = decode_state(tracker.mapper, stored)
        except StoreUnreadable:
            raise _Unreadable(stored.originator_version) from None
        digests.append(str(state.get("digest")))
        yield stored.topic, stored.originator_version, state


def verify_negotiation(tracker: "NegotiationTracker", negotiation_id: UUID | str,
                       expected_head: Head | None = None, check_snapshots: bool = True) -> ChainReport:
    """Checks one negotiation's stored events (and snapshots). Raises NotFound when nothing at all
    is stored for the id and no ``expected_head`` says there should be."""
    nid = _uuid(negotiation_id)
    digests: list[str] = []
    try:
        report = verify_chain(str(nid), _records(tracker, nid, digests), expected_head)
    except _Unreadable as error:
        return ChainReport(str(nid), len(digests) + 1, error.version,
                           "it cannot be decrypted or decoded (its bytes were altered, "
                           "or the store uses another cipher key)")
    if report.events_checked == 0 and expected_head is None:
        raise NotFound(f"No negotiation {negotiation_id}.")
    if report.intact and expected_head is not None:
        head_version, head_digest = expected_head
        if head_version < len(digests) and head_digest and digests[head_version - 1] != head_digest:
            return ChainReport(str(nid), len(digests), head_version,
                               f"the history up to version {head_version} was rewritten "
                               "(its digest differs from the one recorded earlier)")
    if report.intact and check_snapshots:
        return _check_snapshots(tracker, nid, report)
    return report


def verify_all(tracker: "NegotiationTracker", expected_heads: Mapping[str, Head] | None = None,
               check_snapshots: bool = True) -> list[ChainReport]:
    """One report per negotiation in the store (and per id in ``expected_heads``), oldest first.

    Negotiations are found from every stored event, so one whose first event was deleted is still
    checked (and reported broken at version 1)."""
    heads = {str(_uuid(k)): v for k, v in (expected_heads or {}).items()}
    ids = [str(i) for i in stored_negotiation_ids(tracker)]
    ids += [i for i in heads if i not in set(ids)]
    return [verify_negotiation(tracker, i, heads.get(i), check_snapshots) for i in ids]


def head_of(tracker: "NegotiationTracker", negotiation_id: UUID | str) -> Head | None:
    """(version, digest) of the newest stored event: an anchor to keep elsewhere and pass back as
    ``expected_head`` later. None when nothing is stored."""
    newest = tracker.recorder.select_events(_uuid(negotiation_id), desc=True, limit=1)
    if not newest:
        return None
    state = decode_state(tracker.mapper, newest[0])
    return newest[0].originator_version, str(state.get("digest"))


def heads_of_all(tracker: "NegotiationTracker") -> dict[str, Head]:
    heads = {str(i): head_of(tracker, i) for i in stored_negotiation_ids(tracker)}
    return {k: v for k, v in heads.items() if v is not None}


def stored_negotiation_ids(tracker: "NegotiationTracker", batch: int = 1000) -> list[UUID]:
    """Every originator id in the notification log, in order of first appearance."""
    seen: dict[UUID, None] = {}
    start = 1
    while True:
        notifications = tracker.recorder.select_notifications(start, batch)
        for n in notifications:
            seen.setdefault(_uuid(n.originator_id), None)
        if len(notifications) < batch:
            return list(seen)
        start = notifications[-1].id + 1


def _check_snapshots(tracker: "NegotiationTracker", nid: UUID, report: ChainReport) -> ChainReport:
    if tracker.snapshots is None:
        return report
    stored = list(tracker.snapshots.recorder.select_events(nid))
    if not stored:
        return report
    wanted = {s.originator_version: s for s in stored}
    aggregate = None
    for event in tracker.events.get(nid, lte=max(wanted)):
        aggregate = event.mutate(aggregate)
        snapshot = wanted.get(event.originator_version)
        if snapshot is None:
            continue
        replayed = SNAPSHOT_CLASSES.get(snapshot.topic, Snapshot).take(aggregate)
        expected = {"topic": replayed.topic, "state": _tagged(tracker, replayed.state)}
        try:
            found = tagged_state(tracker.mapper, snapshot)
        except StoreUnreadable:
            found = {}
        if {k: found.get(k) for k in expected} != expected:
            return ChainReport(report.negotiation_id, report.events_checked, snapshot.originator_version,
                               "the snapshot at this version does not match the events (it was altered "
                               "in the database; delete it and it will be rebuilt)")
    if max(wanted) > report.events_checked:
        return ChainReport(report.negotiation_id, report.events_checked, report.events_checked + 1,
                           f"a snapshot exists for version {max(wanted)}: events after version "
                           f"{report.events_checked} were deleted")
    return report


def _tagged(tracker: "NegotiationTracker", value: Any) -> Any:
    return json.loads(tracker.mapper.transcoder.encode(value).decode("utf8"))




def summary(reports: Iterable[ChainReport]) -> str:
    reports = list(reports)
    broken = sum(1 for r in reports if not r.intact)
    return (f"{len(reports)} negotiation{'s' if len(reports) != 1 else ''} checked: "
            f"{len(reports) - broken} intact, {broken} broken.")
