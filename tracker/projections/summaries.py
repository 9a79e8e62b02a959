"""NegotiationSummaries: the projection behind the negotiation lists and the team dashboard.

It follows two notification logs: the tracker's (negotiation events -> one summary row per
negotiation) and the teams application's (team membership and access grants -> the rows that say
who may see what). Each log has its own tracking position in the view, advanced in the same
transaction as the rows.

Why polling: eventsourcing's ProjectionRunner needs ``recorder.subscribe()``, which the SQLite
recorder does not implement (it raises NotImplementedError); PostgreSQL has LISTEN/NOTIFY. To keep
one code path on both stores, ``catch_up()`` pulls the notifications after the tracked positions
(``select_notifications``), and the read model calls it before every query and from a background
thread (runner.py). Events written by another process are picked up the same way.

Both ``catch_up()`` and ``rebuild()`` (which starts again from zero) fold whole windows of
notifications in memory and write each window in one transaction, decoding only the events a row
needs (rebuild.py); a catch-up keeps the states it folded for the next call. However the rows were
projected, they are the same (tests/projections/test_equivalence.py). ``process_event`` (the
library's one-event-at-a-time interface) builds rows from the full aggregates instead.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from eventsourcing.application import Application
from eventsourcing.dispatch import singledispatchmethod
from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection

from tracker.domain import events as ev
from tracker.projections import rows
from tracker.projections.notifications import reader
from tracker.projections.progress import Advance, Progress, no_advance, reporter
from tracker.projections.rebuild import Rebuild
from tracker.projections.rowstate import RowState
from tracker.projections.views import Changes, SummaryViewMixin, TrackingConflict
from tracker.teams.access import NegotiationAccess
from tracker.teams.team import Team

#: Notifications read at a time, by a rebuild and a catch-up alike: each read is a round trip that,
#: while writers are busy, waits its turn for the machine and the database, so fewer, larger reads
#: (a window, rebuild.WINDOW or CATCH_UP_WINDOW, is many reads).
BATCH = 5_000
MAX_CONFLICTS = 20
STATES_KEPT = 500  # aggregates kept after projecting their events (a rebuild keeps more, see rebuild())
REBUILD_STATES_KEPT = 10_000


def project(aggregate: Any, events: Any) -> Any:
    """The library's projector without its per-event protocol check (an ``assert isinstance`` against a
    runtime Protocol that costs more than applying the event)."""
    for event in events:
        aggregate = event.mutate(aggregate)
    return aggregate


class States:
    """The aggregates as this projection last built them, most recently used last, so the next batch
    continues from them instead of loading each one from the store again. Only a state at exactly
    the version before a batch's first event is reused; anything else is loaded."""

    def __init__(self, app: Application, size: int = STATES_KEPT) -> None:
        self.app, self.size = app, size
        self.kept: OrderedDict[Any, Any] = OrderedDict()

    def load(self, aggregate_id: Any, version: int) -> Any:
        state = self.kept.pop(aggregate_id, None)
        if state is not None and state.version == version:
            return state
        return self.read(aggregate_id, version)

    def read(self, aggregate_id: Any, version: int) -> Any:
        """The aggregate at ``version`` from the store, leaving the kept states as they are."""
        return self.app.repository.get(aggregate_id, version=version, projector_func=project)

    def keep(self, state: Any) -> None:
        self.kept[state.id] = state
        self.kept.move_to_end(state.id)
        while len(self.kept) > self.size:
            self.kept.popitem(last=False)

    def clear(self) -> None:
        self.kept.clear()


class NegotiationSummaries(Projection[Any]):
    name = "negotiation_summaries"

    def __init__(self, view: SummaryViewMixin, *, tracker: Application, teams: Application) -> None:
        super().__init__(view)
        self.tracker, self.teams = tracker, teams
        self.upstreams = {tracker.name: tracker, teams.name: teams}
        self.builders = {tracker.name: self._negotiation_changes, teams.name: self._team_changes}
        self.states = {tracker.name: States(tracker), teams.name: States(teams)}
        self.readers = {name: reader(app.recorder) for name, app in self.upstreams.items()}  # rebuild.py
        self.row_states: dict[Any, RowState] = {}  # what catch-up follows (rebuild.CATCH_UP_STATES_KEPT)
        self.lock = threading.Lock()

    def key(self, app_name: str) -> str:
        """The tracking row of one upstream log (namespaced: SQLite keeps every tracking row in one table)."""
        return f"{self.name}/{app_name}"

    def keys(self) -> list[str]:
        return [self.key(name) for name in self.upstreams]

    # -- eventsourcing's Projection interface: one event at a time -------------------------------------
    @singledispatchmethod
    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        name = tracking.application_name
        key = self.key(name)
        with self.lock:
            changes = self.builders[name]([domain_event])
            self.view.apply(key, self.view.max_tracking_id(key), tracking.notification_id, changes)

    # -- catching up in windows -------------------------------------------------------------------
    def catch_up(self, batch: int = BATCH, progress: Progress | None = None) -> int:
        """Processes every notification after the tracked positions, up to the logs' newest when it
        is called; returns how many. ``progress`` (optional) hears how far it has come (see progress.py)."""
        with self.lock:
            return self._catch_up(batch, reporter(self, progress, from_zero=False))

    def _catch_up(self, batch: int, advance: Advance = no_advance) -> int:
        """Folds windows from the tracked positions as a rebuild does (rebuild.py), reading ``batch``
        notifications at a time; when another process moves a position first, starts again from it."""
        done, conflicts = 0, 0
        while True:
            fold = Rebuild.catching_up(self, batch, advance, self.row_states)
            done += fold.run(MAX_CONFLICTS)
            if not fold.overtaken:
                return done
            conflicts += 1
            if conflicts > MAX_CONFLICTS:
                raise TrackingConflict(f"overtaken {conflicts} times while catching up")

    def rebuild(self, progress: Progress | None = None) -> int:
        """Empties the view and projects everything again from the first notification, a window of
        many batches per transaction (see rebuild.py); returns how many notifications it projected.
        ``progress`` (optional) hears how far it has come (see progress.py)."""
        with self.lock:
            self.row_states.clear()
            for states in self.states.values():
                states.clear()
                states.size = REBUILD_STATES_KEPT
            try:
                advance = reporter(self, progress, from_zero=True)
                fold = Rebuild(self, BATCH, advance)
                done = fold.run(MAX_CONFLICTS)
                if fold.overtaken:  # another process moved a position first: finish as catch-up
                    done += self._catch_up(BATCH, advance)
                return done
            finally:
                for states in self.states.values():
                    states.size = STATES_KEPT
                    while len(states.kept) > STATES_KEPT:
                        states.kept.popitem(last=False)

    def position(self) -> dict[str, int | None]:
        return {name: self.view.max_tracking_id(self.key(name)) for name in self.upstreams}

    # -- events to rows --------------------------------------------------------------------------
    def _negotiation_changes(self, events: Sequence[Any]) -> Changes:
        states = self.states[self.tracker.name]
        groups = rows.by_aggregate(e for e in events if isinstance(e, ev.NegotiationEvent))
        previous = self.view.previous([str(nid) for nid in groups])
        changes = Changes()
        for nid, group in groups.items():
            before = previous.get(str(nid))
            times = dict(before or {})
            state = rows.fold(group, states.load, times)
            states.keep(state)
            row = rows.negotiation_row(state, group, times)
            row["new"] = before is None or before["owner"] != row["owner"]
            changes.negotiations.append(row)
            if rows.touches_approvals(group):  # read from the whole negotiation (RowState skips them)
                changes.approvals.append(rows.approval_rows(states.read(nid, state.version)))
        return changes

    def _team_changes(self, events: Sequence[Any]) -> Changes:
        states = self.states[self.teams.name]
        changes = Changes()
        for _aid, group in rows.by_aggregate(events).items():
            if not isinstance(group[0], (Team.Event, NegotiationAccess.Event)):
                continue
            state = rows.fold(group, states.load)
            states.keep(state)
            if isinstance(state, Team):
                changes.teams.append(rows.team_rows(state))
            else:
                changes.access.append(rows.access_rows(state))
        return changes
