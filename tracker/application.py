"""The application service: the only writer. Commands load a negotiation, run one domain command,
and save its events atomically; queries read one negotiation, its timeline, or the list."""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from cachetools import LRUCache, cachedmethod
from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError
from eventsourcing.utils import EnvType, get_topic

from tracker.domain import events as ev
from tracker.domain.describe import describe
from tracker.domain.errors import ConflictError, DomainError, NotFound, each_refusal
from tracker.domain.ids import negotiation_uuid as _uuid
from tracker.domain.negotiation import Negotiation
from tracker.domain.steps import STEP_EVENTS
from tracker.eventstore.tuning import StoreTuning

#: Commands a client may run through ``step``: the Negotiation method of the same name.
COMMANDS = frozenset(STEP_EVENTS)


@dataclass(frozen=True)
class StepResult:
    negotiation_id: UUID
    version: int
    value: str | None = None  # the new party, proposal, ally... id where the command makes one
    duplicate: bool = False  # the same request was already recorded: nothing stored twice
    #: The events this step stored (none for a duplicate): an answer can name them without a read.
    events: tuple[ev.NegotiationEvent, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class TimelineEntry:
    version: int
    event_type: str
    actor: str
    recorded_at: datetime
    occurred_at: datetime | None
    sentence: str
    data: dict[str, Any]
    digest: str


@dataclass(frozen=True)
class NegotiationFacts:
    id: UUID
    owner: str
    created_on: datetime


EVENT_FIELDS_HIDDEN = (
    "originator_id",
    "originator_version",
    "timestamp",
    "originator_topic",
    "prev_digest",
    "digest",
    "actor",
    "occurred_at",
    "request_id",
)
LOCK_STRIPES = 64
FACTS_KEPT = 100_000  # about 200 bytes each


class NegotiationTracker(StoreTuning, Application[UUID]):
    """Read a negotiation through ``get`` (never ``repository.get`` without a version): ``step``
    works on the cached aggregate itself, not a copy, under a per-negotiation lock that ``get``
    also takes, and drops it from the cache if a step fails after changing it."""

    name = "Tracker"
    #: The teams' approval chains (tracker.teams.approvals.ChainPolicy), set where the app is wired:
    #: its ``after`` adds to a made or amended proposal the approvals it needs, in the same save.
    approval_chains: Any = None
    #: What the record badge verified, kept in the store (tracker.audit.kept_heads), set where the
    #: store is opened (tracker.bootstrap); None: each process verifies from zero.
    kept_heads: Any = None
    #: What the analysis read from the events, kept in the store (tracker.audit.kept_readings), set
    #: where the store is opened; None: each process reads a negotiation's history once itself.
    kept_readings: Any = None

    def __init__(self, env: EnvType | None = None, snapshot_interval: int = 0) -> None:
        if snapshot_interval > 0:
            self.snapshotting_intervals = {Negotiation: snapshot_interval}
        self._locks = [threading.RLock() for _ in range(LOCK_STRIPES)]
        self._facts: LRUCache[UUID, NegotiationFacts] = LRUCache(FACTS_KEPT)
        self._facts_lock = threading.Lock()
        self._in_hand = threading.local()  # the negotiations being saved by this thread
        super().__init__(env)
        self.tune_datastore()

    def _lock(self, negotiation_id: UUID) -> threading.RLock:
        return self._locks[negotiation_id.int % LOCK_STRIPES]

    # -- commands ----------------------------------------------------------------------------------
    def start_negotiation(self, *, actor: str, request_id: str | None = None, **fields: Any) -> UUID:
        return self.start(actor=actor, request_id=request_id, **fields).negotiation_id

    def start(self, *, actor: str, request_id: str | None = None, **fields: Any) -> StepResult:
        """Starts a negotiation; the same actor's request id seen before (a double submit) returns the
        negotiation it started, ``duplicate``, and stores nothing."""
        negotiation = Negotiation.start(actor=actor, request_id=request_id, **fields)
        try:
            self.save(negotiation)
        except IntegrityError:
            if request_id is None:
                raise
            return StepResult(negotiation.id, self.get(negotiation.id).version, duplicate=True)
        return StepResult(negotiation.id, negotiation.version)

    def step(
        self,
        negotiation_id: UUID,
        command: str,
        *,
        actor: str,
        expected_version: int | None = None,
        request_id: str | None = None,
        **fields: Any,
    ) -> StepResult:
        """Runs one command. A stale ``expected_version`` raises ConflictError and stores nothing;
        a ``request_id`` seen before returns the earlier result and stores nothing."""
        if command not in COMMANDS:
            raise ValueError(f"unknown command {command!r}")
        nid = _uuid(negotiation_id)
        with self._lock(nid):
            negotiation = self._writable(nid, expected_version)
            seen = negotiation.seen_request(request_id)
            if seen is not None:
                return StepResult(negotiation.id, negotiation.version, duplicate=True)
            if expected_version is not None and expected_version != negotiation.version:
                raise ConflictError(expected_version, negotiation.version)
            base_version = negotiation.version
            try:
                value = getattr(negotiation, command)(actor=actor, request_id=request_id, **fields)
                if self.approval_chains is not None:  # a team's chain: approvals stored with the step
                    self.approval_chains.after(negotiation, command, value, actor, fields)
                stored = tuple(negotiation.pending_events)
                self.save(negotiation)
            except IntegrityError:
                self._forget(nid)
                current = self.get(nid)
                if current.seen_request(request_id) is not None:
                    return StepResult(current.id, current.version, duplicate=True)
                raise ConflictError(base_version, current.version) from None
            except BaseException as error:
                # Commands change nothing before they record; a changed, unsaved aggregate is dropped.
                if negotiation.version != base_version or not isinstance(error, DomainError):
                    self._forget(nid)
                raise
            return StepResult(negotiation.id, negotiation.version, value, events=stored)

    def refusals(
        self, negotiation_id: UUID | str, command: str, *, actor: str, **fields: Any
    ) -> list[DomainError]:
        """Every refusal the domain would give this step, found by taking it on a copy: nothing is
        stored. A form whose other inputs are already in error shows these beside them at once.
        Inputs missing or malformed (the schema has named them) may stop the try early: then the
        refusals found so far are all there is."""
        if command not in COMMANDS:
            raise ValueError(f"unknown command {command!r}")
        negotiation = self.get(negotiation_id)
        try:
            getattr(negotiation, command)(actor=actor, **fields)
        except DomainError as error:
            return each_refusal(error)
        except Exception:
            return []
        return []

    def _writable(self, nid: UUID, seen_version: int | None = None) -> Negotiation:
        """The cached aggregate itself (no copy): only ``step`` uses it, holding the lock."""
        cached = self._cached_at(nid, seen_version)
        if cached is not None:
            return cached
        try:
            return self.repository.get(nid, deepcopy_from_cache=False)
        except AggregateNotFoundError:
            raise NotFound(f"No negotiation {nid}.") from None

    def _cached_at(self, nid: UUID, seen_version: int | None) -> Negotiation | None:
        """The cached aggregate when it is at the version the caller last saw, else None. It is then
        used without asking the store for newer events: were there any, the caller's step is a
        conflict anyway, and saving it fails on the store's version check (``step`` answers that
        as any conflict). Otherwise the repository fast-forwards it from the store first."""
        cache = self.repository.cache
        if seen_version is None or cache is None:
            return None
        try:
            cached = cache.get(nid)
        except KeyError:
            return None
        return cached if cached.version == seen_version else None

    def _forget(self, nid: UUID) -> None:
        if self.repository.cache is not None:
            try:
                self.repository.cache.get(nid, evict=True)
            except KeyError:
                pass

    # -- queries -----------------------------------------------------------------------------------
    def get(
        self, negotiation_id: UUID | str, version: int | None = None, *, seen_version: int | None = None
    ) -> Negotiation:
        """A copy of the negotiation as it is now (or at ``version``). ``seen_version``: the version a
        form or request was based on; a cached copy at that version is taken without a store read
        (a step based on it is checked against the store when it is saved)."""
        nid = _uuid(negotiation_id)
        try:
            if version is None:
                with self._lock(nid):  # a copy, never taken while a step changes the cached one
                    cached = self._cached_at(nid, seen_version)
                    return copy.deepcopy(cached) if cached is not None else self.repository.get(nid)
            return self.repository.get(nid, version=version)
        except (AggregateNotFoundError, ValueError):
            raise NotFound(f"No negotiation {negotiation_id}.") from None

    @contextmanager
    def reading(self, negotiation_id: UUID | str, seen_version: int) -> Iterator[Negotiation]:
        """The negotiation at ``seen_version`` to read from inside the block, not to keep or change:
        the cached one itself, under its lock (no copy), when it is at that version (as a step just
        left it); otherwise a copy, as ``get`` gives."""
        nid = _uuid(negotiation_id)
        with self._lock(nid):
            cached = self._cached_at(nid, seen_version)
            if cached is not None and not cached.pending_events:
                yield cached
                return
        yield self.get(nid, seen_version=seen_version)

    def version_at(self, negotiation_id: UUID | str, moment: datetime) -> int | None:
        """The last version recorded at or before ``moment`` (None if it did not exist yet)."""
        version = None
        for event in self.events.get(_uuid(negotiation_id)):
            if event.timestamp > moment:
                break
            version = event.originator_version
        return version

    def replay(
        self, negotiation_id: UUID | str, gt: int | None = None, lte: int | None = None
    ) -> Iterator[tuple[Negotiation, ev.NegotiationEvent]]:
        """Each event (after version ``gt``, up to ``lte``) with the negotiation as it stood just after it."""
        state: Negotiation | None = None
        nid = _uuid(negotiation_id)
        if gt:
            state = self.get(nid, version=gt)
        found = state is not None
        for event in self.events.get(nid, gt=gt, lte=lte):
            state = event.mutate(state)
            found = True
            yield state, event
        if not found:
            raise NotFound(f"No negotiation {negotiation_id}.")

    def timeline(self, negotiation_id: UUID | str) -> list[TimelineEntry]:
        return [timeline_entry(state, event) for state, event in self.replay(negotiation_id)]

    def timeline_page(
        self, negotiation_id: UUID | str, first: int, last: int | None = None
    ) -> list[TimelineEntry]:
        """The entries of versions ``first`` to ``last`` (inclusive; None: the newest). Its cost is the
        window's, not the history's: the state just before ``first`` comes from the nearest snapshot,
        then only the window's events are replayed."""
        first = max(1, first)
        if last is not None and last < first:
            return []
        return [
            timeline_entry(state, event)
            for state, event in self.replay(negotiation_id, gt=first - 1, lte=last)
        ]

    @cachedmethod(
        lambda self: self._facts,
        key=lambda self, negotiation_id: _uuid(negotiation_id),
        lock=lambda self: self._facts_lock,
    )
    def facts(self, negotiation_id: UUID | str) -> NegotiationFacts:
        """What never changes once a negotiation is started (its id, owner, start): access checks on
        every request need no more than this. Read once from the aggregate, then kept (no event
        changes them, so a kept copy cannot go stale)."""
        nid = _uuid(negotiation_id)
        with self._lock(nid):
            negotiation = self._writable(nid)
            return NegotiationFacts(negotiation.id, negotiation.owner, negotiation.created_on)

    def head_version(self, negotiation_id: UUID | str) -> int:
        """The newest version, read from the store (one row) without loading the negotiation."""
        nid = _uuid(negotiation_id)
        for stored in self.recorder.select_events(nid, desc=True, limit=1):
            return stored.originator_version
        raise NotFound(f"No negotiation {negotiation_id}.")

    def negotiation_ids(self) -> list[UUID]:
        """Every negotiation, oldest first, read from the notification log's Started events."""
        topic = get_topic(ev.Started)
        ids, start = [], 1
        while True:
            batch = self.recorder.select_notifications(start, 500, topics=[topic])
            ids.extend(n.originator_id for n in batch)
            if len(batch) < 500:
                return ids
            start = batch[-1].id + 1


def timeline_entry(state: Negotiation, event: ev.NegotiationEvent) -> TimelineEntry:
    data = {k: v for k, v in vars(event).items() if k not in EVENT_FIELDS_HIDDEN}
    return TimelineEntry(
        event.originator_version,
        type(event).__name__,
        event.actor,
        event.timestamp,
        event.occurred_at,
        describe(state, event),
        data,
        event.digest,
    )
