"""The audit reads both the pages and the JSON API offer: a negotiation's timeline as of a version or
moment with filters, a comparison of two packages, and the verdict on its hash chain.

Callers check access first. Bad values raise ``InvalidValue`` naming the query parameter
(``as_of_version``, ``as_of``, ``party``, ``kind``, ``since``, ``until``, ``basis``, ``base``,
``other``); an unknown negotiation raises ``NotFound``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from eventsourcing.domain import OriginatorVersionError

from tracker.application import NegotiationTracker, timeline_entry
from tracker.audit import (
    AsOf,
    StoreUnreadable,
    filter_timeline,
    head_of,
    negotiation_as_of,
    verify_negotiation,
)
from tracker.audit.verified import check_record, verified_head
from tracker.domain.chain import ChainReport
from tracker.domain.compare import Comparison, compare_refs, package
from tracker.domain.errors import DomainError, InvalidValue
from tracker.domain.wording import plural

FILTERS = ("party", "kind", "actor", "since", "until")


@dataclass(frozen=True)
class TimelineRead:
    as_of: AsOf
    entries: list[Any]  # the entries that pass the filters, oldest first
    total: int  # every entry up to the version shown
    filters: dict[str, str] = field(default_factory=dict)  # the filters applied (non-empty ones)
    basis: str = "recorded"
    matched: int | None = None  # with a part: the entries that pass the filters and its versions

    @property
    def count(self) -> int:
        """How many entries there are to page through (all of ``entries`` when not paged)."""
        return len(self.entries) if self.matched is None else self.matched


@dataclass(frozen=True)
class Part:
    """A page of the timeline: the entries after version ``after`` and before ``before``, in the order
    asked for (``newest`` first or oldest first), skipping ``offset``, at most ``limit``. Without
    filters only that page's events are replayed (from the nearest snapshot), so a page costs the
    same however long the history; with filters the whole timeline is read, then paged."""

    after: int = 0
    before: int | None = None
    offset: int = 0
    limit: int | None = None
    newest: bool = False

    def bounds(self, version: int) -> tuple[int, int]:
        """The versions an unfiltered timeline up to ``version`` offers here: low..high."""
        return self.after + 1, version if self.before is None else min(version, self.before - 1)

    def window(self, low: int, high: int) -> tuple[int, int]:
        """The versions of the page among low..high (first > last when it is empty)."""
        count = max(0, high - low + 1)
        start = min(self.offset, count)
        stop = count if self.limit is None else min(count, self.offset + self.limit)
        return (high - stop + 1, high - start) if self.newest else (low + start, low + stop - 1)

    def take(self, entries: list[Any]) -> tuple[list[Any], int]:
        """The page of ``entries`` (oldest first, and so is the page), and how many were in its versions."""
        found = [
            e for e in entries if e.version > self.after and (self.before is None or e.version < self.before)
        ]
        ordered = found[::-1] if self.newest else found
        page = ordered[self.offset : None if self.limit is None else self.offset + self.limit]
        return (page[::-1] if self.newest else page), len(found)


@contextmanager
def replayable(tracker: NegotiationTracker, negotiation_id: UUID | str) -> Iterator[None]:
    """Turns "the stored events do not replay" (an event deleted or moved in the database) into
    StoreUnreadable naming the first bad version, instead of a library error."""
    try:
        yield
    except OriginatorVersionError:
        found = check_badge(tracker, negotiation_id).message
        raise StoreUnreadable(
            f"The stored events of this negotiation cannot be replayed. {found}. "
            "Run `tracker verify` and restore the store from a backup or an export."
        ) from None


def read_as_of(tracker: NegotiationTracker, negotiation_id: str, query: Mapping[str, Any]) -> AsOf:
    with replayable(tracker, negotiation_id):
        return negotiation_as_of(
            tracker, negotiation_id, version=query.get("as_of_version"), moment=query.get("as_of")
        )


def read_timeline(
    tracker: NegotiationTracker,
    negotiation_id: str,
    query: Mapping[str, Any],
    as_of: AsOf | None = None,
    part: Part | None = None,
) -> TimelineRead:
    """The timeline up to the version asked for (the latest by default), filtered; all or ``part`` of it."""
    as_of = as_of or read_as_of(tracker, negotiation_id, query)
    filters = {name: str(query[name]) for name in FILTERS if query.get(name) not in (None, "")}
    check_party(tracker, as_of, filters.get("party"))
    basis = query.get("basis") or "recorded"
    nid = as_of.negotiation.id
    if part is not None and not filters:
        low, high = part.bounds(as_of.version)
        first, last = part.window(low, high)
        with replayable(tracker, negotiation_id):
            entries = tracker.timeline_page(nid, first, last) if first <= last else []
        return TimelineRead(as_of, entries, as_of.version, filters, basis, max(0, high - low + 1))
    with replayable(tracker, negotiation_id):
        entries = tracker.timeline_page(nid, 1, as_of.version)
    kept = filter_timeline(entries, basis=basis, **filters) if filters else entries
    matched = None
    if part is not None:
        kept, matched = part.take(kept)
    return TimelineRead(as_of, kept, len(entries), filters, basis, matched)


def read_latest_page(
    tracker: NegotiationTracker, negotiation_id: UUID | str, part: Part, basis: str = "recorded"
) -> tuple[AsOf, TimelineRead] | None:
    """The latest state and an unfiltered page of the timeline that ends with the newest step (newest
    first, the first page; oldest first, the last), from one replay: the state before the page (from
    the nearest snapshot), then the page's events, after the last of which it is the latest state.
    None when the page ends earlier: the latest state is then read on its own."""
    with replayable(tracker, negotiation_id):
        head = tracker.head_version(negotiation_id)
        low, high = part.bounds(head)
        first, last = part.window(low, high)
        if last != head or first > last:
            return None
        entries, state = [], None
        for state, event in tracker.replay(negotiation_id, gt=first - 1, lte=last):
            entries.append(timeline_entry(state, event))
    if state is None or state.version != head:
        return None
    as_of = AsOf(state, head, head, state.modified_on)
    return as_of, TimelineRead(as_of, entries, head, {}, basis, max(0, high - low + 1))


def check_party(tracker: NegotiationTracker, as_of: AsOf, party: str | None) -> None:
    """A party filter must name a party of the negotiation (as it stands now)."""
    if party and party not in tracker.get(as_of.negotiation.id).parties:
        raise InvalidValue(f"There is no party '{party}' in this negotiation.", "party")


def read_comparison(
    tracker: NegotiationTracker,
    negotiation_id: str,
    base: str,
    other: str,
    query: Mapping[str, Any],
    as_of: AsOf | None = None,
) -> tuple[AsOf, Comparison]:
    """Compares two packages of the negotiation as it stood at the version asked for."""
    as_of = as_of or read_as_of(tracker, negotiation_id, query)
    negotiation = as_of.negotiation
    for name, ref in (("base", base), ("other", other)):
        try:
            package(negotiation, ref)
        except DomainError as error:
            raise InvalidValue(error.message, name) from None
    if base == other:
        raise InvalidValue("Pick two different packages to compare.", "other")
    return as_of, compare_refs(negotiation, base, other)


def verdict(report: ChainReport) -> str:
    """The badge's words: ``Record intact: 40 events verified`` or where and how it was altered."""
    if report.intact:
        count = report.events_checked
        return f"Record intact: {plural(count, 'event')} verified"
    return f"Record altered at version {report.first_bad_version}: {report.problem}"


@dataclass(frozen=True)
class Verification:
    report: ChainReport
    head: tuple[int, str] | None

    @property
    def message(self) -> str:
        return verdict(self.report)


def verify(
    tracker: NegotiationTracker, negotiation_id: UUID | str, expected_head: tuple[int, str] | None = None
) -> Verification:
    """The complete check, on every call (what ``GET /verify`` answers): every event's digest and
    link, and every stored snapshot against a replay of the whole history."""
    return _verification(tracker, negotiation_id, verify_negotiation(tracker, negotiation_id, expected_head))


def check_badge(
    tracker: NegotiationTracker,
    negotiation_id: UUID | str,
    expected_head: tuple[int, str] | None = None,
    at: Iterable[int] = (),
) -> Verification:
    """The record badge: every event's digest and link, and the snapshots the page reads (the latest
    version's, and those for the versions ``at``), re-read from the store on every call; only what
    changed since this process last verified it is decoded and replayed (``tracker.audit.verified``)."""
    report = check_record(tracker, negotiation_id, expected_head, at)
    head = verified_head(tracker, negotiation_id) if report.intact else None
    if head is not None and head[0] == report.events_checked:  # just verified: no need to read it again
        return Verification(report, head)
    return _verification(tracker, negotiation_id, report)


def _verification(
    tracker: NegotiationTracker, negotiation_id: UUID | str, report: ChainReport
) -> Verification:
    try:
        head = head_of(tracker, negotiation_id)
    except StoreUnreadable:
        head = None
    return Verification(report, head)
