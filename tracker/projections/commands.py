"""`tracker catch-up`: the read model's runner as its own process (optional).

Every list and dashboard query catches the read model up first, in the web process, so nothing is
required. On a busy installation a separate process keeps it caught up in the background
(``--follow``), so those queries find little left to do. Without ``--follow`` it catches up once and
prints how many events it projected (e.g. after restoring a backup, or from cron).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from typing import Any


def _catch_up(args: argparse.Namespace) -> int:
    from tracker.config import load_config
    from tracker.services import build_people, build_tracker

    config = load_config()
    tracker = build_tracker(config)
    people = build_people(config, tracker)
    try:
        count = people.read_model.catch_up()
        print(f"projected {count} events", flush=True)
        if args.follow:
            follow(people, args.interval)
    finally:
        people.close()
        tracker.close()
    return 0


def follow(people: Any, interval: float, stop: threading.Event | None = None) -> None:
    """Polls every ``interval`` seconds until SIGTERM or SIGINT (or ``stop`` is set)."""
    stop = stop or threading.Event()
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            previous[sig] = signal.signal(sig, lambda *_: stop.set())
    runner = people.start_catch_up(interval)
    try:
        stop.wait()
    finally:
        runner.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if runner.error is not None:
        print(f"tracker catch-up: the last round failed: {runner.error}", file=sys.stderr)


def add_projection_commands(sub: argparse._SubParsersAction) -> None:
    catch_up = sub.add_parser("catch-up", help="bring the read model (lists, dashboards) up to date; "
                                               "--follow keeps doing it (its own process)")
    catch_up.add_argument("--follow", action="store_true", help="keep polling until stopped (SIGTERM)")
    catch_up.add_argument("--interval", type=float, default=2.0, help="seconds between polls (default 2)")
    catch_up.set_defaults(func=_catch_up)
