"""The record badge's check, on every view, at the cost of what changed since the last view.

What it checks, each time: every stored event (the hash chain from the first event to the newest,
against the newest version the caller knows of) and each snapshot the page is read from (the one a
load of the latest version starts from, and the ones for the versions passed as ``at``), against a
replay of the events. Older snapshots, which the page does not read, are left to ``tracker verify``
(``verify_negotiation``), the complete check.

How it stays cheap: per process, a bounded cache remembers per negotiation what was verified (the
version, the digest at it, a fingerprint of the stored rows as they were, and the fingerprints of
the snapshots found to match). Each view re-reads the raw rows (no decoding; hashing in C) and:

* the verified prefix is byte for byte what it was: only the events after it are checked, linked to
  the remembered digest; a snapshot with the fingerprint verified before needs no replay, a new one
  is replayed from the newest snapshot verified before it (its bytes re-read and re-fingerprinted);
* anything else differs (an edit, deletion, insertion or reordering): the whole chain is checked
  again, and against the remembered version and digest, so deleting or rewriting events verified
  before is reported even when the chain is consistent again.

Nothing is taken as intact without the store showing it unchanged: either the rows are re-read,
or the store's change token (``change_tokens``: on SQLite, nothing was committed to the file since;
on PostgreSQL, the negotiation's rows carry the same transaction ids) is the one read just before
they were last verified, with the same snapshots asked for. The cache only says what need not be
decoded and replayed again. What was verified is also kept in the store (``kept_heads``), at a
process's first check of a negotiation and every ``KEEP_EVERY`` events after: a restarted process
starts from it as from its own memory (its rows re-read, the prefix compared byte for byte); with
nothing kept, its first view does the full check (the chain, and one replay for the newest snapshot).
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any
from uuid import UUID

from cachetools import LRUCache
from eventsourcing.persistence import PersistenceError

from tracker.audit import rows
from tracker.audit.change_tokens import change_tokens
from tracker.audit.snapshot_check import ALTERED, deleted_after, matches, state_at
from tracker.audit.verify import Head, check_events, check_head
from tracker.domain.chain import ChainReport
from tracker.domain.errors import NotFound
from tracker.domain.ids import negotiation_uuid
from tracker.eventstore.errors import StoreUnavailable

if TYPE_CHECKING:  # pragma: no cover
    from tracker.application import NegotiationTracker
    from tracker.audit.kept_heads import KeptHeads

LOG = logging.getLogger(__name__)
KEEP_EVERY = 50  # events verified beyond the version kept in the store before it is kept again
CACHE_SIZE = 1024  # negotiations remembered per process (about 500 bytes each)
SNAPSHOTS_KEPT = 8  # verified snapshot fingerprints remembered per negotiation


@dataclass(frozen=True)
class Verified:
    version: int  # events 1..version were verified
    head: str  # the digest of event ``version``
    fingerprint: bytes  # of the stored rows of events 1..version, as they were verified
    seal: Any = field(default=None, compare=False)  # what the row reader needs to extend the fingerprint
    snapshots: tuple[tuple[int, bytes], ...] = ()  # (version, fingerprint of its row) found to match
    token: Any = None  # the store's change token read just before this was verified (None: none)
    at: frozenset[int] = frozenset()  # the versions whose snapshots were checked under that token
    kept: int = field(default=0, compare=False)  # the version kept in the store (kept_heads), 0: none


class VerifiedRecords(LRUCache):
    """What was verified, per negotiation: the most recently used are kept (cachetools' LRU); request
    threads share it, so every read and write holds ``lock``."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        super().__init__(size)
        self.lock = threading.Lock()

    def recall(self, nid: UUID) -> Verified | None:
        with self.lock:
            return self.get(nid)

    def keep(self, nid: UUID, verified: Verified) -> None:
        with self.lock:
            self[nid] = verified


_RECORDS: weakref.WeakKeyDictionary[object, VerifiedRecords] = weakref.WeakKeyDictionary()
_RECORDS_LOCK = threading.Lock()


def records_of(tracker: NegotiationTracker) -> VerifiedRecords:
    """The cache of one application (one store) in this process."""
    with _RECORDS_LOCK:
        found = _RECORDS.get(tracker)
        if found is None:
            found = _RECORDS[tracker] = VerifiedRecords()
        return found


def check_record(
    tracker: NegotiationTracker,
    negotiation_id: UUID | str,
    expected_head: Head | None = None,
    at: Iterable[int] = (),
) -> ChainReport:
    """The badge's verdict (see the module docstring). ``expected_head``: the newest (version,
    digest) known elsewhere (a blank digest: the version only); ``at``: versions the page reads, whose
    snapshots are checked as well as the latest's. NotFound when nothing is stored or expected."""
    nid = negotiation_uuid(negotiation_id)
    cache = records_of(tracker)
    known = cache.recall(nid)
    stored = tracker.kept_heads
    if known is None and stored is not None:  # a worker's first view: from what was kept, if anything
        known = _kept(stored, nid)
    at = frozenset(v for v in at if v > 0)
    token = _token(tracker, nid)
    if _unchanged(known, token, expected_head, at):
        return ChainReport(str(nid), known.version)
    report, verified = _check_events(tracker, nid, known, expected_head)
    if report.events_checked == 0 and expected_head is None and known is None:
        raise NotFound(f"No negotiation {negotiation_id}.")
    if report.intact and tracker.snapshots is not None and verified is not None:
        report, verified = _check_snapshots(tracker, nid, report, verified, at)
    if verified is not None:
        if report.intact and token is not None:
            earlier = known.at if known is not None and known.token == token else frozenset()
            verified = replace(verified, token=token, at=earlier | at)
        else:
            verified = replace(verified, token=None, at=frozenset())
    if verified is not None and report.intact and stored is not None and _due(verified):
        verified = _keep(stored, nid, verified)
    if verified is not None and (verified != known or verified.kept != known.kept):
        cache.keep(nid, verified)
    return report


def _due(verified: Verified) -> bool:
    """Kept at the first check in this process, then every ``KEEP_EVERY`` events verified."""
    return verified.kept == 0 or verified.version >= verified.kept + KEEP_EVERY


def _keep(stored: KeptHeads, nid: UUID, verified: Verified) -> Verified:
    """Kept in the store; a store that refuses the write (read-only, down) leaves the check as it
    is: it only costs the next worker a longer first view."""
    try:
        stored.keep(nid, verified.version, verified.head, verified.fingerprint, verified.snapshots)
    except (PersistenceError, StoreUnavailable) as error:
        LOG.warning("Could not keep the verified head of %s: %s", nid, error)
        return verified
    return replace(verified, kept=verified.version)


def _kept(stored: KeptHeads, nid: UUID) -> Verified | None:
    found = stored.recall(nid)
    if found is None:
        return None
    version, head, fingerprint, snapshots = found
    return Verified(version, head, fingerprint, None, snapshots, kept=version)


def _token(tracker: NegotiationTracker, nid: UUID) -> Any:
    """The change tokens of the events and the snapshots (None if either store offers none)."""
    recorders = [tracker.recorder] + ([tracker.snapshots.recorder] if tracker.snapshots is not None else [])
    return change_tokens(recorders, nid)


def _unchanged(known: Verified | None, token: Any, expected_head: Head | None, at: frozenset[int]) -> bool:
    """Nothing stored changed since ``known`` was verified, and it answers this question too."""
    if known is None or token is None or known.token != token or not at <= known.at:
        return False
    if expected_head is None:
        return True
    version, digest = expected_head
    return version == known.version and (not digest or digest == known.head)


def verified_head(tracker: NegotiationTracker, negotiation_id: UUID | str) -> Head | None:
    """(version, digest) of the newest event this process verified (by ``check_record``), if any."""
    known = records_of(tracker).recall(negotiation_uuid(negotiation_id))
    return (known.version, known.head) if known is not None else None


def _check_events(
    tracker: NegotiationTracker, nid: UUID, known: Verified | None, expected_head: Head | None
) -> tuple[ChainReport, Verified | None]:
    reader = rows.reader(tracker.recorder)
    reading = (
        reader.unchanged(nid, known.version, known.fingerprint, resumable=known.seal is None)
        if known
        else reader.everything(nid)
    )
    if reading.same:
        report, digests = check_events(
            tracker,
            nid,
            rows.stored_events(nid, reading.rows),
            expected_head,
            start=(known.version + 1, known.head),
        )
        if not reading.rows:
            return report, known
    else:
        report, digests = check_events(tracker, nid, rows.stored_events(nid, reading.rows), expected_head)
        if known is not None:  # what was verified before must still be there, unchanged
            report = check_head(report, digests, (known.version, known.head))
    if not report.intact:
        return report, known
    fingerprint, seal = reader.seal(reading, known.seal if reading.same else None)
    snapshots = known.snapshots if known is not None else ()
    kept = known.kept if known is not None and reading.same else 0  # rows rewritten: keep the new ones
    return report, Verified(report.events_checked, digests[-1], fingerprint, seal, snapshots, kept=kept)


def _check_snapshots(
    tracker: NegotiationTracker, nid: UUID, report: ChainReport, verified: Verified, at: Iterable[int]
) -> tuple[ChainReport, Verified]:
    reader, count = rows.reader(tracker.snapshots.recorder), report.events_checked
    newest = reader.mark(nid)
    if newest is None:
        return report, verified
    if newest[0] > count:
        return ChainReport(report.negotiation_id, count, count + 1, deleted_after(count, newest[0])), verified
    used = {newest}
    for version in {v for v in at if 0 < v < newest[0]}:
        used.add(reader.mark(nid, lte=version))
    for mark in sorted(m for m in used if m is not None):
        if mark in verified.snapshots:
            continue
        row = reader.newest(nid, lte=mark[0])  # the bytes to check, and to remember as checked
        if row is None or row[0] != mark[0]:
            continue  # deleted meanwhile: a load rebuilds it from the events
        base = _base(reader, nid, verified, row[0])
        if not matches(tracker, state_at(tracker, nid, row[0], base), rows.stored(nid, row)):
            return ChainReport(report.negotiation_id, count, row[0], ALTERED), verified
        kept = tuple(m for m in verified.snapshots if m[0] != row[0])[-(SNAPSHOTS_KEPT - 1) :]
        verified = replace(verified, snapshots=(*kept, (row[0], reader.fingerprint([row]))))
    return report, verified


def _base(reader: rows.RowReader, nid: UUID, verified: Verified, version: int):
    """The newest snapshot before ``version`` found to match the events earlier, if its stored bytes
    are still the ones verified (re-read now); else None (replay from the first event)."""
    for earlier, mark in sorted((m for m in verified.snapshots if m[0] < version), reverse=True):
        row = reader.newest(nid, lte=earlier)
        if row is not None and row[0] == earlier and reader.fingerprint([row]) == mark:
            return rows.stored(nid, row)
    return None
