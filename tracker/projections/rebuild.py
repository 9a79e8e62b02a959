"""Folding windows of notifications into the read model: a rebuild from zero
(``NegotiationSummaries.rebuild``, `tracker rebuild-projections`) and catching up from the tracked
positions (``NegotiationSummaries.catch_up``, ``Rebuild.catching_up``).

Live use interleaves negotiations in the log, so a rebuild, or a catch-up behind a bulk import, meets
every negotiation many times, yet a row only shows where each negotiation stands at the position
written. So both fold a whole window of notifications (both logs, up to ``WINDOW`` for a rebuild,
``CATCH_UP_WINDOW`` for a catch-up: small when little is new, larger when behind) in memory and
write the window in one transaction, with both tracking positions:

* tracker notifications are grouped by negotiation before anything is decoded: events that change
  a row (rowstate.APPLY) are decoded and applied to a small RowState, passive ones are only counted,
  so are proposals that cannot move the stage (rowstate.PROPOSE), and the last event of each
  negotiation in the window is decoded for its sentence, time and actor. Only the row's times
  (rows.fold_times) and that last event are kept, not the events folded, so the window holds few
  objects for the garbage collector to go through again and again;
* teams notifications (teams, access grants) are decoded and folded into their aggregates;
* the logs are read as plain rows (notifications.reader: no Notification objects, and on SQLite no
  UUID parsed for an event that is only counted), and events are decoded by decoding.event_decoder
  (the mapper's result, with less overhead);
* the first window's transaction of a rebuild also empties the view, so no reader ever sees it
  empty; later windows, and every window of a catch-up, move the positions by compare-and-set. If
  another process moved one meanwhile, the fold drops what it holds (``overtaken``) and the caller
  catches up from the new positions;
* a catch-up keeps its negotiations' RowStates from one call to the next (the projection's
  ``row_states``), so a negotiation met again continues from where it stood; one it does not hold at
  exactly the version before is loaded from the store, with its row's times from the view (read for
  a whole batch at once). A catch-up stops at the logs' newest notifications when it started, so a
  reader waiting for it never waits for an import still being written.
"""

from __future__ import annotations

from functools import cache, partial
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError
from eventsourcing.utils import resolve_topic

from tracker.domain import events as ev
from tracker.domain.negotiation import Negotiation
from tracker.projections import rows
from tracker.projections.collector import collector_paused
from tracker.projections.decoding import event_decoder
from tracker.projections.notifications import ID, ORIGINATOR, as_uuid
from tracker.projections.progress import Advance, no_advance
from tracker.projections.rowstate import APPLY, PASS, PROPOSE, SKIP, RowState, kind_of
from tracker.projections.schema import APPROVAL_EVENTS
from tracker.projections.views import Changes, TrackingConflict
from tracker.teams.access import NegotiationAccess
from tracker.teams.team import Team

if TYPE_CHECKING:  # pragma: no cover
    from tracker.projections.summaries import NegotiationSummaries

WINDOW = 50_000  # notifications folded in memory before they are written (a rebuild)
CATCH_UP_WINDOW = 50_000  # the same for a catch-up (a round behind an import writes each row once)
ROW_STATES_KEPT = 50_000  # negotiations followed from one window to the next (others are reloaded)
CATCH_UP_STATES_KEPT = 5_000  # negotiations a catch-up follows from one call to the next (~4 KB each)
PREVIOUS = (
    "negotiation_id",
    "owner",
    "created_at",
    "started_at",
    "closed_at",
    "agreed_at",
    "stage_entered_at",
)  # SELECT_PREVIOUS


def key(nid: Any) -> Any:
    """A negotiation's key in the rebuild's dicts, from a row's originator id: a UUID's int hashes in
    C, the UUID itself in Python; the hex text SQLite stores is its own key."""
    return nid.int if nid.__class__ is UUID else nid


@cache
def topic_kind(topic: str) -> tuple[str, bool]:
    """What a tracker notification of ``topic`` is to the rows (rowstate.kind_of), and whether it
    changes the approvals waiting (schema.APPROVAL_EVENTS): worked out once per topic."""
    return kind_of(topic), topic.rpartition(":")[2] in APPROVAL_EVENTS


@cache
def is_team_topic(topic: str) -> bool:
    cls = resolve_topic(topic)
    return isinstance(cls, type) and issubclass(cls, (Team.Event, NegotiationAccess.Event))


class Window:
    """What a window of notifications does to the read model, until it is written."""

    def __init__(self) -> None:
        # key (rebuild.key): [RowState, the row's times so far, the last event if decoded, else its
        # notification (undecoded)]
        self.negotiations: dict[Any, list[Any]] = {}
        self.aggregates: dict[Any, Any] = {}  # teams and access records, as of their last event
        self.positions: dict[str, int] = {}  # upstream name: last notification id read
        self.count = 0


class Rebuild:
    """A rebuild from zero; ``catching_up``: the same folding from the tracked positions."""

    def __init__(self, projection: NegotiationSummaries, batch: int, advance: Advance = no_advance) -> None:
        self.projection, self.view, self.batch, self.advance = projection, projection.view, batch, advance
        self.tracker, self.teams = projection.tracker, projection.teams
        self.decoders = {name: event_decoder(app.mapper) for name, app in projection.upstreams.items()}
        self.readers = projection.readers
        self.states: dict[Any, RowState] = {}
        self.kept = ROW_STATES_KEPT
        self.window = WINDOW
        self.written: dict[str, int | None] = dict.fromkeys(projection.upstreams)  # committed
        self.read: dict[str, int] = dict.fromkeys(projection.upstreams, 0)
        self.stop: dict[str, int | None] = dict.fromkeys(projection.upstreams)  # read no further
        self.exhausted: set[str] = set()
        self.resetting = True  # until the first window is written, the view still holds the old rows
        self.overtaken = False  # another process moved a position first (run stopped, see there)
        self.previous: dict[str, dict[str, Any]] = {}  # the rows of the negotiations about to be loaded

    @classmethod
    def catching_up(
        cls,
        projection: NegotiationSummaries,
        batch: int,
        advance: Advance,
        states: dict[Any, RowState],
    ) -> Rebuild:
        """A fold from the tracked positions up to each log's newest notification now, continuing
        from ``states`` (kept by the projection from one catch-up to the next)."""
        fold = cls(projection, batch, advance)
        fold.resetting, fold.states, fold.kept, fold.window = (
            False,
            states,
            CATCH_UP_STATES_KEPT,
            CATCH_UP_WINDOW,
        )
        for name, app in projection.upstreams.items():
            fold.written[name] = position = projection.view.max_tracking_id(projection.key(name))
            fold.read[name] = position or 0
            fold.stop[name] = newest = app.recorder.max_notification_id() or 0
            if newest <= fold.read[name]:
                fold.exhausted.add(name)
        return fold

    def run(self, conflicts_allowed: int) -> int:
        """Folds and writes windows until every log is read; returns how many notifications were
        written. If another process moved a position first (after the reset, for a rebuild), stops
        with ``overtaken`` set, the window it held dropped and its states forgotten."""
        done = 0
        while len(self.exhausted) < len(self.read):
            try:
                with collector_paused():  # see collector.py
                    window = self._read()
                    self._write(window, conflicts_allowed)
            except (TrackingConflict, IntegrityError):  # another process moved a position first
                self.states.clear()
                if self.resetting:  # the view was never emptied: this is no rebuild yet
                    raise
                self.overtaken = True
                return done
            except BaseException:  # the states folded this window are ahead of the view: forget them
                self.states.clear()
                raise
            done += window.count
        return done

    # -- reading and folding -----------------------------------------------------------------------
    def _read(self) -> Window:
        window = Window()
        folds = {self.tracker.name: self._fold_negotiations, self.teams.name: self._fold_teams}
        for name, read in self.readers.items():
            stop = self.stop[name]
            while name not in self.exhausted and window.count < self.window:
                notifications = read(self.read[name] + 1, self.batch, stop)
                if notifications:
                    folds[name](window, notifications)
                    window.count += len(notifications)
                    last = notifications[-1][ID]
                    window.positions[name] = self.read[name] = last
                    self.advance(name, last)
                if len(notifications) < self.batch or (stop is not None and self.read[name] >= stop):
                    self.exhausted.add(name)
        return window

    def _fold_negotiations(self, window: Window, notifications: list[Any]) -> None:
        decode, fold_times, pending = self.decoders[self.tracker.name], rows.fold_times, window.negotiations
        fold_stage = rows.fold_stage
        if not self.resetting:
            self._previous(window, notifications)
        for n in notifications:
            _, oid, version, topic, _ = n
            kind, approvals = topic_kind(topic)
            if kind is SKIP:
                continue
            if kind is APPLY:
                event = decode(n)
                if not isinstance(event, ev.NegotiationEvent):
                    continue
            entry = pending.get(oid.int if oid.__class__ is UUID else oid)  # inlined key(): once per event
            if entry is None or entry[0].version != version - 1:
                entry = self._follow(window, oid, version)
            state = entry[0]
            if approvals:
                entry[1]["approvals_touched"] = True  # read again from the whole negotiation (_changes)
            if kind is PASS or (kind is PROPOSE and state.counts_proposals):  # counted, kept undecoded
                if kind is PASS:
                    state.version = version
                else:
                    state.count_proposal(version)
                entry[2], entry[3] = None, n
                continue
            if kind is PROPOSE:
                event = decode(n)
            before = getattr(state, "stage_value", None)  # none before the Started event
            state.apply(event)
            fold_times(entry[1], event)
            fold_stage(entry[1], before, state.stage_value, event)
            entry[2], entry[3] = event, None

    def _follow(self, window: Window, nid: Any, version: int) -> list[Any]:
        """The window's entry for a negotiation, its state just before ``version``: the one kept from
        the window before if it is there, else a new one or one loaded from the store."""
        k = key(nid)
        state = self.states.get(k)
        if state is None or state.version != version - 1:
            state = self.states[k] = self._load(nid, version)
        entry = window.negotiations.get(k)
        if entry is None:
            entry = window.negotiations[k] = [state, dict(state.previous or ()), None, None]
        entry[0] = state
        return entry

    def _previous(self, window: Window, notifications: list[Any]) -> None:
        """Reads, in one query, the rows of the negotiations of ``notifications`` that ``_load`` will
        load (those neither in the window nor followed at the version before their first event here)."""
        pending, states, wanted = window.negotiations, self.states, []
        # each negotiation's first notification here, in one pass (read backwards: the first wins)
        first = {key(n[ORIGINATOR]): n for n in reversed(notifications)}
        for k, (_, oid, version, _, _) in first.items():
            if version == 1:  # new here: nothing to read, whatever follows in this batch
                continue
            entry = pending.get(k)
            state = entry[0] if entry is not None else states.get(k)
            if state is None or state.version != version - 1:
                wanted.append(str(as_uuid(oid)))
        self.previous = dict.fromkeys(wanted)
        if wanted:
            self.previous.update(self.view.previous(wanted))

    def _load(self, nid: Any, version: int) -> RowState:
        """The state before ``version``: new for a negotiation's first event, else from the store (its
        previous row's times come from the view, unless the view is still the old one)."""
        if version == 1:
            return RowState()
        nid = as_uuid(nid)
        aggregate = self.projection.states[self.tracker.name].load(nid, version - 1)
        if self.resetting:
            previous = None
        else:
            nid_text = str(nid)
            if nid_text in self.previous:  # read with its batch
                previous = self.previous[nid_text]
            else:
                previous = self.view.previous([nid_text]).get(nid_text)
        return RowState.of(aggregate, previous)

    def _aggregate(self, nid: Any, version: int) -> Negotiation:
        """The whole negotiation at ``version``, read from the store (see rows.negotiation_row)."""
        return self.projection.states[self.tracker.name].read(nid, version)

    def _fold_teams(self, window: Window, notifications: list[Any]) -> None:
        decode, states, folded = (
            self.decoders[self.teams.name],
            self.projection.states[self.teams.name],
            window.aggregates,
        )
        for n in notifications:
            _, aid, version, topic, _ = n
            if not is_team_topic(topic):
                continue
            aggregate = folded.get(aid)
            if aggregate is None or aggregate.version != version - 1:
                aggregate = None if version == 1 else states.load(as_uuid(aid), version - 1)
            folded[aid] = decode(n).mutate(aggregate)

    # -- writing -----------------------------------------------------------------------------------
    def _changes(self, window: Window) -> Changes:
        changes, decode = Changes(), self.decoders[self.tracker.name]
        for state, times, event, notification in window.negotiations.values():
            previous = state.previous
            row = rows.negotiation_row(
                state,
                [event if notification is None else decode(notification)],
                times,
                full_state=partial(self._aggregate, state.id, state.version),
            )
            row["new"] = previous is None or previous["owner"] != row["owner"]
            state.previous = {name: row[name] for name in PREVIOUS}
            changes.negotiations.append(row)
            if times.pop("approvals_touched", False):
                changes.approvals.append(rows.approval_rows(self._aggregate(state.id, state.version)))
        for aggregate in window.aggregates.values():
            if isinstance(aggregate, Team):
                changes.teams.append(rows.team_rows(aggregate))
            else:
                changes.access.append(rows.access_rows(aggregate))
        return changes

    def _write(self, window: Window, conflicts_allowed: int) -> None:
        changes = self._changes(window)
        advances = [
            (self.projection.key(name), None if self.resetting else self.written[name], position)
            for name, position in window.positions.items()
        ]
        conflicts = 0
        while True:
            try:
                self.view.write(advances, changes, reset=self.projection.keys() if self.resetting else None)
                break
            except (TrackingConflict, IntegrityError):
                conflicts += 1  # a reset wins in the end: it does not depend on the old positions
                if not self.resetting or conflicts > conflicts_allowed:
                    raise
        self.resetting = False
        self.written.update(window.positions)
        keep = self.projection.states[self.teams.name].keep
        for aggregate in window.aggregates.values():
            keep(aggregate)
        if len(self.states) > self.kept:  # forget the negotiations this window did not meet first
            kept = sorted(self.states, key=lambda k: k in window.negotiations)[len(self.states) - self.kept :]
            for k in set(self.states).difference(kept):
                del self.states[k]  # in place: a catch-up's states are the projection's
