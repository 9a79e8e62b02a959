"""The outbox: follows the notification logs and turns events into deliveries, then sends the ones
that leave the process.

``catch_up()`` reads the events after the outbox's own position in each log (the negotiations' and
the teams'), decides who is told what (audience.py, each person's preferences) and records the
deliveries with the new position in one transaction (store.py): each event is handled once, across
restarts and across several processes. In-app notifications are delivered by being stored; emails
and webhook calls are queued and sent by ``dispatch()``: claimed, marked sending just before the
call, then sent, failed (with the reason) or queued again for a retry (store.py says why nothing
goes out twice).
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.persistence import PersistenceError
from eventsourcing.utils import get_topic

from tracker.application import timeline_entry
from tracker.domain import events as ev
from tracker.eventstore.errors import StoreUnavailable
from tracker.notify import audience
from tracker.notify.notice import Notice
from tracker.notify.store import (
    EMAIL,
    FAILED,
    HELD,
    IN_APP,
    QUEUED,
    SENT,
    NewDelivery,
    OutboxStore,
    PositionMoved,
)

log = logging.getLogger(__name__)

BATCH = 200
STATES_KEPT = 128  # negotiations whose state after the last step told is kept for the next batch
MAX_CONFLICTS = 20
FOLLOW = "outbox/follow"  # the lease of the process that follows the logs (runners only)
LEASE_SECONDS = 60.0  # longer than any one call may take (calls time out after 10 s)


@dataclass(frozen=True)
class Attempt:
    """How one call went: ``ok``, or the reason it did not (and the answer's status code, if any)."""

    ok: bool
    error: str | None = None
    status_code: int | None = None


Sender = Callable[[Any], Attempt]  # a Delivery in, an Attempt out
RetryAt = Callable[[Any, datetime], datetime | None]  # when to try a failed delivery again (None: give up)
Extra = Callable[
    [str, Notice, dict[str, Any], int], list[NewDelivery]
]  # more deliveries per event (webhooks)


class Outbox:
    name = "outbox"
    webhooks: Any = None  # the webhook channel (wiring.py sets it): the pages' test events go through it

    def __init__(
        self,
        store: OutboxStore,
        *,
        tracker: Any,
        teams: Any,
        access: Any,
        clock: Callable[[], datetime],
        email_on: bool = False,
        senders: Mapping[str, Sender] | None = None,
        retry_at: RetryAt | None = None,
        extra: Sequence[Extra] = (),
        periodic: Sequence[Callable[[datetime], Any]] = (),
        gave_up: Sequence[Callable[[Any], None]] = (),
        lease_seconds: float = LEASE_SECONDS,
    ) -> None:
        self.store, self.tracker, self.teams, self.access = store, tracker, teams, access
        self.clock = clock
        self.email_on = email_on
        self.senders = dict(senders or {})
        self.retry_at = retry_at
        self.extra = list(extra)
        self.periodic = list(periodic)  # each round, after the sends: digests, reminders
        self.gave_up = list(gave_up)  # told of each delivery that failed for good
        self.lease_seconds = lease_seconds
        self._batch = threading.local()  # per thread: a page's catch-up may run beside the runner's
        # each negotiation's state after the last step the outbox told (taken out while in use, so two
        # threads never share one): the next batch replays only its own steps
        self._states: OrderedDict[UUID, Any] = OrderedDict()
        self._states_lock = threading.Lock()
        self._holder = uuid.uuid4().hex[:12]
        self._held: tuple[int, datetime | None] = (0, None)  # (pid, until) of the follow lease held
        started = get_topic(ev.Started)
        self.logs = {
            tracker.name: (tracker, self._from_negotiations, lambda topic: topic != started),
            teams.name: (teams, self._from_teams, lambda topic: topic.endswith(("Granted", "MemberAdded"))),
        }

    # -- one follower at a time ----------------------------------------------------------------------
    @property
    def holder(self) -> str:
        """This process's name for the follow lease (the pid in it: a forked worker is another)."""
        return f"{self._holder}/{os.getpid()}"

    def follow_lease(self, seconds: float) -> bool:
        """Whether this process may follow the logs this round: it holds the lease (renewed once half of
        it has gone) or takes it from nobody or from a holder that let it run out (stopped or died).
        A process that finds it held by another skips its catch-up: the holder does that work, once,
        instead of both doing it and one losing the compare-and-set. Only a read while another holds it,
        and a write every ``seconds / 2`` while this one does."""
        now = self.clock()
        pid, until = self._held
        if pid == os.getpid() and until is not None and now < until - timedelta(seconds=seconds / 2):
            return True
        holder = self.store.lease_holder(FOLLOW, now)
        if holder is not None and holder != self.holder:
            return False
        if self.store.take_lease(FOLLOW, self.holder, now, seconds):
            self._held = (os.getpid(), now + timedelta(seconds=seconds))
            return True
        return False

    def release_follow_lease(self) -> None:
        if self._held[0] == os.getpid() and self._held[1] is not None:
            self._held = (0, None)
            self.store.release_lease(FOLLOW, self.holder)

    def key(self, app_name: str) -> str:
        return f"{self.name}/{app_name}"

    # -- events to deliveries ------------------------------------------------------------------------
    def catch_up(self, batch: int = BATCH) -> int:
        """Turns every event after the outbox's positions into deliveries; returns how many events."""
        return sum(self._catch_up(name, batch) for name in self.logs)

    def _catch_up(self, name: str, batch: int) -> int:
        app, deliveries_of, wanted = self.logs[name]
        key, done, conflicts = self.key(name), 0, 0
        while True:
            position = self.store.position(key)
            notifications = app.recorder.select_notifications(start=(position or 0) + 1, limit=batch)
            if not notifications:
                return done
            self._batch.chosen = {}  # each person's preferences, read once per batch
            self._extras("begin")  # webhooks: the enabled ones read once per batch
            try:
                # only the events that may tell someone are decoded (not a negotiation's start, not
                # most of the teams' events)
                made = deliveries_of(
                    [(n.id, app.mapper.to_domain_event(n)) for n in notifications if wanted(n.topic)]
                )
            finally:
                self._extras("end")
            try:
                self.store.record(key, position, notifications[-1].id, made, self.clock())
            except PositionMoved:  # another process took this batch: go on from where it got to
                conflicts += 1
                if conflicts > MAX_CONFLICTS:
                    raise
                continue
            done += len(notifications)
            if len(notifications) < batch:
                return done

    def _from_negotiations(self, events: list[tuple[int, Any]]) -> list[NewDelivery]:
        groups: dict[UUID, list[tuple[int, Any]]] = {}
        for nid, event in events:
            if isinstance(event, ev.NegotiationEvent) and not isinstance(event, ev.Started):
                groups.setdefault(event.originator_id, []).append((nid, event))
        made: list[NewDelivery] = []
        for negotiation_id, group in groups.items():
            made.extend(self._for_negotiation(negotiation_id, group))
        return made

    def _for_negotiation(self, negotiation_id: UUID, group: list[tuple[int, Any]]) -> list[NewDelivery]:
        """The deliveries of one negotiation's events in a batch. A negotiation that cannot be read or
        described is logged and passed over: one bad record must not stop everyone's notifications."""
        try:
            return self._told_of(negotiation_id, group)
        except (StoreUnavailable, PersistenceError):
            raise  # the store, not the record: the round fails and the next one tries again
        except Exception:
            log.exception(
                "outbox: the steps of negotiation %s could not be told; passed over", negotiation_id
            )
            return []

    def _told_of(self, negotiation_id: UUID, group: list[tuple[int, Any]]) -> list[NewDelivery]:
        imported = self._imported_up_to(negotiation_id, group)
        group = [(n, e) for n, e in group if e.originator_version > imported]
        if not group:
            return []
        moments: list[datetime | None] = [event.timestamp for _, event in group]
        *then, now = self.access.who_could_see_each(negotiation_id, [*moments, None])
        audiences = [
            audience.told(visible_then, now, event.actor)
            for (_, event), visible_then in zip(group, then, strict=True)
        ]
        if not any(audiences) and not self._extras_listen():
            return []  # nobody to tell, no webhook to call: no need to replay the negotiation
        state = self._state_before(negotiation_id, group[0][1].originator_version)
        made: list[NewDelivery] = []
        for (notification_id, event), told in zip(group, audiences, strict=True):
            state = event.mutate(state)
            entry = timeline_entry(state, event)
            step = {"kind": entry.event_type, "sentence": entry.sentence, "data": entry.data}
            fields = dict(
                kind=entry.event_type,
                negotiation_id=str(negotiation_id),
                negotiation_title=state.title,
                version=event.originator_version,
                actor=event.actor,
                occurred_at=event.timestamp,
                sentence=entry.sentence,
                path=f"/negotiations/{negotiation_id}#v{event.originator_version}",
            )
            plain, needed = Notice(**fields, needs_me=False), None
            for email, role in told.items():
                if audience.needs(event, state, email, role):
                    needed = needed or Notice(**fields, needs_me=True)
                    made.extend(self._to_person(email, notification_id, needed, step))
                else:
                    made.extend(self._to_person(email, notification_id, plain, step))
            for extra in self.extra:
                made.extend(extra(str(negotiation_id), plain, step, notification_id))
        self._keep_state(negotiation_id, state)
        return made

    def _extras(self, hook: str) -> None:
        for extra in self.extra:
            call = getattr(extra, hook, None)
            if call is not None:
                call()

    def _extras_listen(self) -> bool:
        """Whether an extra channel (webhooks) may make deliveries in this batch: one that cannot say
        (no ``listening``) is taken to."""
        return any(getattr(extra, "listening", lambda: True)() for extra in self.extra)

    def _state_before(self, negotiation_id: UUID, version: int) -> Any:
        """The negotiation just before ``version``: the state kept from the last batch when it is at
        that version (taken out: it is this thread's now), else replayed from the store."""
        with self._states_lock:
            kept = self._states.pop(negotiation_id, None)
        if kept is not None and kept.version == version - 1:
            return kept
        return self.tracker.get(negotiation_id, version=version - 1) if version > 1 else None

    def _keep_state(self, negotiation_id: UUID, state: Any) -> None:
        with self._states_lock:
            self._states[negotiation_id] = state
            self._states.move_to_end(negotiation_id)
            while len(self._states) > STATES_KEPT:
                self._states.popitem(last=False)

    def _imported_up_to(self, negotiation_id: UUID, group: list[tuple[int, Any]]) -> int:
        """The version of the negotiation's last import (0: none). An import brings a history recorded
        elsewhere, with its own old times: its steps are nobody's news. Only a group with a step over
        an hour old (an import, or a backlog) pays for reading the head."""
        if not any(isinstance(e, ev.Imported) for _, e in group):
            hour_ago = self.clock() - timedelta(hours=1)
            if all(e.timestamp >= hour_ago for _, e in group):
                return 0
        return int((self.tracker.get(negotiation_id).imported or {}).get("version", 0))

    def _from_teams(self, events: list[tuple[int, Any]]) -> list[NewDelivery]:
        made: list[NewDelivery] = []
        for notification_id, event in events:
            name = type(event).__qualname__
            if name.endswith("Granted") and getattr(event, "kind", "") == "user":
                made.extend(self._shared(notification_id, event))
            elif name.endswith("MemberAdded"):
                made.extend(self._added(notification_id, event))
        return made

    def _shared(self, notification_id: int, event: Any) -> list[NewDelivery]:
        access = self.teams.repository.get(event.originator_id, version=event.originator_version)
        email = event.principal
        if self.access.role_for(email, access.negotiation_id) is None:  # no longer shared: nothing to tell
            return []
        title = self.tracker.get(access.negotiation_id).title
        notice = _personal(
            "SharedWithYou",
            event,
            f"{event.actor} shared “{title}” with you as {event.role}",
            title,
            f"/negotiations/{access.negotiation_id}",
            str(access.negotiation_id),
        )
        return self._to_person(email, notification_id, notice, {"kind": "SharedWithYou", "role": event.role})

    def _added(self, notification_id: int, event: Any) -> list[NewDelivery]:
        team = self.teams.repository.get(event.originator_id, version=event.originator_version)
        if event.email == getattr(event, "actor", None):
            return []
        sentence = f"{event.actor} added you to team {team.name} as {event.role}"
        notice = _personal("AddedToTeam", event, sentence, team.name, f"/teams/{team.id}")
        return self._to_person(
            event.email, notification_id, notice, {"kind": "AddedToTeam", "role": event.role}
        )

    def _to_person(
        self, email: str, notification_id: int, notice: Notice, step: dict[str, Any]
    ) -> list[NewDelivery]:
        known = self._batch.chosen
        if email not in known:
            known.update(self.store.preferences([email]))
        chosen = known[email]
        made = []
        if chosen.wants(chosen.in_app, notice.needs_me):
            made.append(NewDelivery(IN_APP, email, notification_id, notice, step, SENT))
        if self.email_on and chosen.wants(chosen.email, notice.needs_me):
            made.append(
                NewDelivery(
                    EMAIL, email, notification_id, notice, step, HELD if chosen.email == "digest" else QUEUED
                )
            )
        return made

    # -- sending -------------------------------------------------------------------------------------
    def dispatch(self, limit: int = 20) -> int:
        """Sends the queued deliveries that are due; returns how many it tried."""
        if not self.store.has_work(self.clock()):
            return 0
        self.store.fail_abandoned(self.clock())
        tried = 0
        while claimed := self.store.claim(self.clock(), self.lease_seconds, limit):
            for delivery in claimed:
                self._send(delivery)
            tried += len(claimed)
            if len(claimed) < limit:
                break
        return tried

    def _send(self, delivery: Any) -> None:
        if not self.store.start_sending(delivery.id):  # the lease ended meanwhile: another process has it
            return
        sender = self.senders.get(delivery.channel)
        if sender is None:
            self.store.finish(
                delivery.id, FAILED, self.clock(), error=f"no {delivery.channel} sender is set up"
            )
            return
        try:
            attempt = sender(delivery)
        except Exception as error:  # a sender's own bug must not stop the others: recorded, not retried
            log.exception("sending delivery %s failed", delivery.id)
            attempt = Attempt(False, f"{type(error).__name__}: {error}")
        now = self.clock()
        if attempt.ok:
            self.store.finish(delivery.id, SENT, now, code=attempt.status_code)
            return
        again = self.retry_at(delivery, now) if self.retry_at else None
        status = QUEUED if again else FAILED
        self.store.finish(
            delivery.id, status, now, error=attempt.error, code=attempt.status_code, retry_at=again
        )
        if again is None:
            self.on_gave_up(delivery)

    def on_gave_up(self, delivery: Any) -> None:
        """Called when a delivery has failed for good (webhooks disable themselves here)."""
        for hook in self.gave_up:
            try:
                hook(delivery)
            except Exception:  # one hook's bug must not stop the sends
                log.exception("after delivery %s gave up", delivery.id)

    def run_once(self, follow_lease: float | None = None) -> tuple[int, int]:
        """One round: new events to deliveries, then the sends that are due, then the periodic jobs.
        ``follow_lease`` (seconds; the runners): new events only in the process that holds the follow
        lease, the others send and run the periodic jobs (both claimed, shared safely)."""
        follow = follow_lease is None or self.follow_lease(follow_lease)
        made = self.catch_up() if follow else 0
        tried = self.dispatch()
        for job in self.periodic:
            job(self.clock())
        return made, tried


def _personal(
    kind: str, event: Any, sentence: str, title: str, path: str, negotiation_id: str = ""
) -> Notice:
    """A notice about something done to the person (a share, a team), not a step: it needs them."""
    return Notice(
        kind=kind,
        negotiation_id=negotiation_id,
        negotiation_title=title,
        version=0,
        actor=event.actor,
        occurred_at=event.timestamp,
        sentence=sentence,
        path=path,
        needs_me=True,
    )
