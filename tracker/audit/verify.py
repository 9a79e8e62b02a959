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

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from tracker.audit.errors import StoreUnreadable
from tracker.audit.snapshot_check import ALTERED, deleted_after, matches
from tracker.domain.chain import GENESIS, ChainReport, verify_chain
from tracker.domain.errors import NotFound
from tracker.domain.ids import negotiation_uuid as _uuid
from tracker.eventstore.storage import decode_state

if TYPE_CHECKING:  # pragma: no cover
    from tracker.application import NegotiationTracker

Head = tuple[int, str]


class _Unreadable(Exception):
    def __init__(self, version: int) -> None:
        self.version = version


def _records(
    tracker: NegotiationTracker, stored_events: Iterable[StoredEvent], digests: list[str]
) -> Iterator[tuple[str, int, dict]]:
    for stored in stored_events:
        try:
            state = decode_state(tracker.mapper, stored)
        except StoreUnreadable:
            raise _Unreadable(stored.originator_version) from None
        digests.append(str(state.get("digest")))
        yield stored.topic, stored.originator_version, state


def check_events(
    tracker: NegotiationTracker,
    nid: UUID,
    stored_events: Iterable[StoredEvent],
    expected_head: Head | None = None,
    start: Head = (1, GENESIS),
) -> tuple[ChainReport, list[str]]:
    """The chain of ``stored_events`` (in stored order) and their digests. ``start`` = (version,
    digest before it): the events are a tail after a prefix verified earlier."""
    digests: list[str] = []
    try:
        report = verify_chain(str(nid), _records(tracker, stored_events, digests), start=start)
    except _Unreadable as error:
        return ChainReport(
            str(nid),
            start[0] + len(digests),
            error.version,
            "it cannot be decrypted or decoded (its bytes were altered, "
            "or the store uses another cipher key)",
        ), digests
    if expected_head is not None and report.events_checked:
        report = check_head(report, digests, expected_head, start[0])
    return report, digests


def check_head(report: ChainReport, digests: list[str], head: Head, first: int = 1) -> ChainReport:
    """An intact chain against a (version, digest) recorded earlier elsewhere (a blank digest: only
    the version is known): fewer events than that version, or another digest at it, is reported.
    ``digests`` are those of the events from version ``first`` on."""
    if not report.intact:
        return report
    count, (head_version, head_digest) = report.events_checked, head
    if head_version > count:
        return ChainReport(
            report.negotiation_id,
            count,
            count + 1,
            f"events after version {count} were deleted (version {head_version} was recorded)",
        )
    index = head_version - first
    if not head_digest or not 0 <= index < len(digests) or digests[index] == head_digest:
        return report
    return ChainReport(
        report.negotiation_id,
        count,
        head_version,
        f"the history up to version {head_version} was rewritten "
        "(its digest differs from the one recorded earlier)",
    )


def verify_negotiation(
    tracker: NegotiationTracker,
    negotiation_id: UUID | str,
    expected_head: Head | None = None,
    check_snapshots: bool = True,
) -> ChainReport:
    """Checks one negotiation's stored events (and every stored snapshot). Raises NotFound when
    nothing at all is stored for the id and no ``expected_head`` says there should be."""
    nid = _uuid(negotiation_id)
    report, _ = check_events(tracker, nid, tracker.recorder.select_events(nid), expected_head)
    if report.events_checked == 0 and expected_head is None:
        raise NotFound(f"No negotiation {negotiation_id}.")
    if report.intact and check_snapshots:
        return _check_snapshots(tracker, nid, report)
    return report


def verify_all(
    tracker: NegotiationTracker,
    expected_heads: Mapping[str, Head] | None = None,
    check_snapshots: bool = True,
    progress: Callable[[int, int], object] | None = None,
) -> list[ChainReport]:
    """One report per negotiation in the store (and per id in ``expected_heads``), oldest first.

    Negotiations are found from every stored event, so one whose first event was deleted is still
    checked (and reported broken at version 1). ``progress`` (optional) hears (negotiations checked,
    negotiations in all) after each one: `tracker verify --all` draws its progress bar from it."""
    heads = {str(_uuid(k)): v for k, v in (expected_heads or {}).items()}
    ids = [str(i) for i in stored_negotiation_ids(tracker)]
    ids += [i for i in heads if i not in set(ids)]
    reports = []
    for i in ids:
        reports.append(verify_negotiation(tracker, i, heads.get(i), check_snapshots))
        if progress is not None:
            progress(len(reports), len(ids))
    return reports


def head_of(tracker: NegotiationTracker, negotiation_id: UUID | str) -> Head | None:
    """(version, digest) of the newest stored event: an anchor to keep elsewhere and pass back as
    ``expected_head`` later. None when nothing is stored."""
    newest = tracker.recorder.select_events(_uuid(negotiation_id), desc=True, limit=1)
    if not newest:
        return None
    state = decode_state(tracker.mapper, newest[0])
    return newest[0].originator_version, str(state.get("digest"))


def heads_of_all(tracker: NegotiationTracker) -> dict[str, Head]:
    heads = {str(i): head_of(tracker, i) for i in stored_negotiation_ids(tracker)}
    return {k: v for k, v in heads.items() if v is not None}


def stored_negotiation_ids(tracker: NegotiationTracker, batch: int = 1000) -> list[UUID]:
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


def _check_snapshots(tracker: NegotiationTracker, nid: UUID, report: ChainReport) -> ChainReport:
    """Every stored snapshot against one replay of the whole history."""
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
        if snapshot is not None and not matches(tracker, aggregate, snapshot):
            return ChainReport(
                report.negotiation_id, report.events_checked, snapshot.originator_version, ALTERED
            )
    if max(wanted) > report.events_checked:
        return ChainReport(
            report.negotiation_id,
            report.events_checked,
            report.events_checked + 1,
            deleted_after(report.events_checked, max(wanted)),
        )
    return report


def summary(reports: Iterable[ChainReport]) -> str:
    reports = list(reports)
    broken = sum(1 for r in reports if not r.intact)
    return (
        f"{len(reports)} negotiation{'s' if len(reports) != 1 else ''} checked: "
        f"{len(reports) - broken} intact, {broken} broken."
    )
