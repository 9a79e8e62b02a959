"""The audit reads both the pages and the JSON API offer: a negotiation's timeline as of a version or
moment with filters, a comparison of two packages, and the verdict on its hash chain.

Callers check access first. Bad values raise ``InvalidValue`` naming the query parameter
(``as_of_version``, ``as_of``, ``party``, ``kind``, ``since``, ``until``, ``basis``, ``base``,
``other``); an unknown negotiation raises ``NotFound``.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping

from eventsourcing.domain import OriginatorVersionError

from tracker.audit import AsOf, StoreUnreadable, filter_timeline, head_of, negotiation_as_of, verify_negotiation
from tracker.domain.chain import ChainReport
from tracker.domain.compare import Comparison, compare_refs, package
from tracker.domain.errors import DomainError, InvalidValue

FILTERS = ("party", "kind", "actor", "since", "until")


@dataclass(frozen=True)
class TimelineRead:
    as_of: AsOf
    entries: list[Any]  # the entries that pass the filters, oldest first
    total: int  # every entry up to the version shown
    filters: dict[str, str] = field(default_factory=dict)  # the filters applied (non-empty ones)
    basis: str = "recorded"


@contextmanager
def replayable(tracker: Any, negotiation_id: Any) -> Iterator[None]:
    """Turns "the stored events do not replay" (an event deleted or moved in the database) into
    StoreUnreadable naming the first bad version, instead of a library error."""
    try:
        yield
    except OriginatorVersionError:
        found = verify(tracker, negotiation_id).message
        raise StoreUnreadable(f"The stored events of this negotiation cannot be replayed. {found}. "
                              "Run `tracker verify` and restore the store from a backup or an export.") from None


def read_as_of(tracker: Any, negotiation_id: str, query: Mapping[str, Any]) -> AsOf:
    with replayable(tracker, negotiation_id):
        return negotiation_as_of(tracker, negotiation_id, version=query.get("as_of_version"),
                                 moment=query.get("as_of"))


def read_timeline(tracker: Any, negotiation_id: str, query: Mapping[str, Any],
                  as_of: AsOf | None = None) -> TimelineRead:
    """The timeline up to the version asked for (the latest by default), filtered."""
    as_of = as_of or read_as_of(tracker, negotiation_id, query)
    with replayable(tracker, negotiation_id):
        entries = [e for e in tracker.timeline(as_of.negotiation.id) if e.version <= as_of.version]
    filters = {name: str(query[name]) for name in FILTERS if query.get(name) not in (None, "")}
    party = filters.get("party")
    if party and party not in tracker.get(as_of.negotiation.id).parties:
        raise InvalidValue(f"There is no party '{party}' in this negotiation.", "party")
    basis = query.get("basis") or "recorded"
    kept = filter_timeline(entries, basis=basis, **filters) if filters else entries
    return TimelineRead(as_of, kept, len(entries), filters, basis)


def read_comparison(tracker: Any, negotiation_id: str, base: str, other: str,
                    query: Mapping[str, Any], as_of: AsOf | None = None) -> tuple[AsOf, Comparison]:
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
        return f"Record intact: {count} event{'s' if count != 1 else ''} verified"
    return f"Record altered at version {report.first_bad_version}: {report.problem}"


@dataclass(frozen=True)
class Verification:
    report: ChainReport
    head: tuple[int, str] | None

    @property
    def message(self) -> str:
        return verdict(self.report)


def verify(tracker: Any, negotiation_id: Any, expected_head: tuple[int, str] | None = None) -> Verification:
    """The chain checked from the stored events, on every call: a cached answer could hide an edit
    made after it (40 events take about 3 ms on SQLite, about what reading the timeline takes)."""
    report = verify_negotiation(tracker, negotiation_id, expected_head)
    try:
        head = head_of(tracker, negotiation_id)
    except StoreUnreadable:
        head = None
    return Verification(report, head)
