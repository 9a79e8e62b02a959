"""A background thread that keeps the outbox going: turns new events into deliveries and sends what
is due, every ``interval`` seconds. Runs inside each `tracker serve` worker (several at once is safe:
see store.py) and in `tracker notify --follow`. Only the runner holding the follow lease turns events
into deliveries (the others would do the same work and lose the compare-and-set); every runner sends."""

from __future__ import annotations

import logging
import threading

from eventsourcing.persistence import PersistenceError

from tracker.eventstore.errors import StoreUnavailable
from tracker.notify.outbox import Outbox

log = logging.getLogger(__name__)


def follow_lease_seconds(interval: float) -> float:
    """How long the follow lease lasts: several rounds, so a holder renews it in time; a holder that
    died is replaced after this long (a stopped one gives it up at once)."""
    return max(10.0, 5 * interval)


class OutboxRunner:
    def __init__(self, outbox: Outbox, interval: float = 1.0) -> None:
        self.outbox = outbox
        self.interval = interval
        self.lease = follow_lease_seconds(interval)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def start(self) -> OutboxRunner:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="outbox", daemon=True)
            self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.outbox.run_once(follow_lease=self.lease)  # one process follows the logs at a time
                self.error = None
            except (StoreUnavailable, PersistenceError, OSError) as error:  # the store away: one line
                self.error = error
                log.warning("outbox round failed, tried again in %ss: %s", self.interval, error)
            except Exception as error:  # keep going: the next round may succeed
                self.error = error
                log.exception("outbox round failed")
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=15)
            self._thread = None
            try:
                self.outbox.release_follow_lease()
            except Exception as error:  # the store away: the lease runs out by itself
                log.warning("outbox: could not give up the follow lease: %s", error)
