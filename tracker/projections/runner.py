"""A background thread that keeps the read model caught up (polling, see summaries.py for why).
Reads catch up by themselves; the thread only keeps them from having much to do. A round that found
a whole window's worth of events (rebuild.CATCH_UP_WINDOW: an import is arriving faster than the
interval) is followed by the next at once; otherwise the thread waits ``interval`` seconds."""

from __future__ import annotations

import logging
import threading
import time

from tracker.projections import rebuild
from tracker.projections.summaries import NegotiationSummaries

log = logging.getLogger(__name__)


class CatchUpRunner:
    def __init__(self, projection: NegotiationSummaries, interval: float = 2.0) -> None:
        self.projection = projection
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.error: BaseException | None = None
        self.projected = 0  # events projected by this thread's rounds
        self.busy = 0.0  # seconds spent in rounds that projected something (the rate's denominator)
        self.cpu = 0.0  # this thread's CPU seconds in those rounds (the database server's not counted)

    def start(self) -> CatchUpRunner:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="read-model-catch-up", daemon=True)
            self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            done = 0
            try:
                started, cpu = time.perf_counter(), time.thread_time()
                done = self.projection.catch_up()
                if done:
                    self.projected += done
                    self.busy += time.perf_counter() - started
                    self.cpu += time.thread_time() - cpu
                self.error = None
            except Exception as error:  # keep polling: the next round may succeed (database restarted...)
                self.error = error
                log.exception("read model catch-up failed")
            if done < rebuild.CATCH_UP_WINDOW:  # else behind: go on at once
                self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def __enter__(self) -> CatchUpRunner:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
