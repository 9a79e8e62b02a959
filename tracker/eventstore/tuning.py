"""How the tracker's application meets its store, beyond the library's defaults: settings from
tracker.config only, the transcoder and mapper it reads and writes with, snapshots taken from the
negotiation in hand, and per-store tuning of the datastore (see each method)."""

from __future__ import annotations

import logging
import threading
from typing import Any
from uuid import UUID

from eventsourcing.application import ProcessingEvent
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import JSONTranscoder, Mapper
from eventsourcing.utils import Environment, EnvType

from tracker.domain.negotiation import Negotiation
from tracker.domain.snapshot import keep_prefixes
from tracker.eventstore import transcodings
from tracker.eventstore.availability import guard_store
from tracker.eventstore.errors import StoreUnreadable
from tracker.eventstore.storage import GuardedMapper
from tracker.eventstore.transcodings import TrackerTranscoder

LOG = logging.getLogger(__name__)


class Collected(ProcessingEvent[UUID]):
    """The library's processing event, collecting an ``Aggregate``'s pending events without first
    asking whether it is a domain event: the library asks through runtime-checked protocols, whose
    every ``isinstance`` walks the protocol's attributes; anything else is collected as it does."""

    def collect_events(self, *objs: Any, **kwargs: Any) -> None:
        for obj in objs:
            if isinstance(obj, Aggregate):
                self.events.extend(obj.collect_events())
                self.aggregates[obj.id] = obj
            else:
                super().collect_events(obj)
        self.saved_kwargs.update(kwargs)


class StoreTuning:
    """A mixin for the tracker's eventsourcing Application (set ``_in_hand`` before its __init__)."""

    _in_hand: threading.local

    def construct_env(self, name: str, env: EnvType | None = None) -> Environment:
        # Configuration comes from tracker.config alone, never from stray process variables.
        return Environment(name, dict(env or {}))

    def construct_mapper(self) -> Mapper[UUID]:
        # Unreadable stored events (wrong cipher key, altered bytes) raise StoreUnreadable.
        return self.factory.mapper(transcoder=self.construct_transcoder(), mapper_class=GuardedMapper)

    def save(self, *objs: Any, **kwargs: Any) -> Any:
        """As the library's (the same steps, in its order), but aggregates are told from events by
        their class (``Collected``), and a snapshot due at a saved negotiation's new version is taken
        from the negotiation in hand (which is that state) instead of being loaded from the store
        again."""
        self._in_hand.saving = {o.id: o for o in objs if isinstance(o, Negotiation)}
        try:
            processing_event: ProcessingEvent[UUID] = Collected()
            processing_event.collect_events(*objs, **kwargs)
            recordings = self._record(processing_event)  # type: ignore[attr-defined]
            self._take_snapshots(processing_event)  # type: ignore[attr-defined]
            self._notify(recordings)  # type: ignore[attr-defined]
            self.notify(processing_event.events)  # type: ignore[attr-defined]
            return recordings
        finally:
            self._in_hand.saving = {}

    def take_snapshot(
        self, aggregate_id: UUID, version: int | None = None, projector_func: Any = None
    ) -> None:
        """A snapshot that cannot be taken because an earlier one it was loaded from is unreadable (its
        rows were altered in the database) is left out: the steps are stored, the snapshot is only a
        cache, and ``tracker verify`` (and the record badge) names the altered one."""
        aggregate = getattr(self._in_hand, "saving", {}).get(aggregate_id)
        try:
            if (
                aggregate is not None
                and self.snapshots is not None
                and version == aggregate.version
                and not aggregate.pending_events
            ):
                snapshot = type(aggregate).Snapshot.take(aggregate)
                self.snapshots.put([snapshot])
                keep_prefixes(aggregate, snapshot)  # the next snapshot stores only newer notes
            elif projector_func is None:
                super().take_snapshot(aggregate_id, version)
            else:
                super().take_snapshot(aggregate_id, version, projector_func)
        except StoreUnreadable as error:
            LOG.warning("No snapshot of %s at version %s: %s", aggregate_id, version, error.message)

    def construct_transcoder(self) -> TrackerTranscoder:
        transcoder = TrackerTranscoder()  # the library's format, decoded with less work per object
        self.register_transcodings(transcoder)
        return transcoder

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcodings.register_all(transcoder)

    def tune_datastore(self) -> None:
        """PostgreSQL: results in binary format (tracker.eventstore.postgres_results), snapshots
        committed without waiting for the flush (tracker.eventstore.postgres_snapshots). Every store:
        down, too slow or not writable is ``StoreUnavailable`` (tracker.eventstore.availability)."""
        datastore = getattr(self.recorder, "datastore", None)  # type: ignore[attr-defined]
        if type(datastore).__module__ == "eventsourcing.postgres":  # psycopg is an optional dependency
            from tracker.eventstore.postgres_results import read_binary_results
            from tracker.eventstore.postgres_snapshots import relax_snapshot_commits

            read_binary_results(datastore)
            if self.snapshots is not None:  # type: ignore[attr-defined]
                relax_snapshot_commits(self.snapshots.recorder)  # type: ignore[attr-defined]
        guard_store(self)
