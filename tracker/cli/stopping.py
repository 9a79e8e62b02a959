"""Waiting for a `--follow` command to be stopped: SIGTERM or Ctrl-C (SIGINT), or an event a test
sets; the signal handlers are put back after."""

from __future__ import annotations

import signal
import threading


def wait_until_stopped(stop: threading.Event | None = None) -> None:
    stop = stop or threading.Event()
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            previous[sig] = signal.signal(sig, lambda *_: stop.set())
    try:
        stop.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
