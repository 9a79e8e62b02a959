"""Production serving: gunicorn with several workers, each building its own app (and store
connections) after the fork. ``tracker serve --dev`` uses Flask's development server instead."""

from __future__ import annotations

import gc
import sys
from collections.abc import Mapping
from typing import Any

from gunicorn.app.base import BaseApplication


def use_switch_interval(config: Mapping[str, Any]) -> None:
    """A worker's threads share one interpreter lock. A thread whose database answered waits for it
    up to ``switch_interval_ms`` (Python's default is 5 ms) while another thread computes, and a
    request waits so at each of its store reads and writes."""
    interval = float(config.get("switch_interval_ms") or 0)
    if interval > 0:
        sys.setswitchinterval(interval / 1000)


def settle_heap() -> None:
    """What a worker built at start (modules, templates, the app) lives as long as the worker: frozen
    out of the garbage collector's full passes, which otherwise walk all of it while every thread
    of the worker waits."""
    gc.collect()
    gc.freeze()


class TrackerServer(BaseApplication):
    def __init__(self, options: Mapping[str, Any], overrides: Mapping[str, Any] | None = None) -> None:
        self.options = dict(options)
        self.overrides = dict(overrides or {})
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings and value is not None:
                self.cfg.set(key, value)

    def load(self):
        from tracker import create_app
        from tracker.config import load_config
        from tracker.web.store_wait import build_or_wait

        config = load_config(self.overrides or None)
        use_switch_interval(config)

        # A worker (re)started during a store outage serves 503s until the store is back, instead of
        # failing to boot (which makes gunicorn stop the whole server).
        def build():
            app = create_app(self.overrides or None)
            if config.get("notify_in_serve", True):  # the outbox in each worker: `make run` tells people
                app.extensions["people"].start_outbox(float(config.get("notify_interval_seconds") or 1))
            return app

        app = build_or_wait(build, str(config.get("store")))
        settle_heap()
        return app


def serve(
    host: str,
    port: int,
    workers: int,
    threads: int = 4,
    overrides: Mapping[str, Any] | None = None,
    extra: Mapping[str, Any] | None = None,
    header_timeout: float = 10.0,
    application: type[TrackerServer] = TrackerServer,
) -> None:
    """gunicorn with the product's settings; ``application`` (a TrackerServer) says what each worker
    loads (the benchmarks serve their baseline app in the same set-up)."""
    from tracker.cli.header_deadline import HeaderDeadlineWorker

    HeaderDeadlineWorker.header_timeout = header_timeout  # the workers are forked from this process
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        # gthread with request headers read by the event loop, under a deadline (slow clients).
        "worker_class": "tracker.cli.header_deadline.HeaderDeadlineWorker",
        "timeout": 60,
        "graceful_timeout": 20,
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": "info",
        # gunicorn's control socket (one path per user, shared by every server it runs) is not used.
        "control_socket_disable": True,
        **(extra or {}),
    }
    application(options, overrides).run()
