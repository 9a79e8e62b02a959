"""Production serving: gunicorn with several workers, each building its own app (and store
connections) after the fork. ``tracker serve --dev`` uses Flask's development server instead."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gunicorn.app.base import BaseApplication


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
        import sys

        from tracker import create_app
        from tracker.config import load_config

        interval = float(load_config(self.overrides or None).get("switch_interval_ms") or 0)
        if interval > 0:
            # A worker's threads share one interpreter lock. A thread whose database answered waits
            # for it up to this long (Python's default is 5 ms) while another thread computes, and a
            # request waits so at each of its store reads and writes.
            sys.setswitchinterval(interval / 1000)
        return create_app(self.overrides or None)


def serve(
    host: str,
    port: int,
    workers: int,
    threads: int = 4,
    overrides: Mapping[str, Any] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> None:
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "timeout": 60,
        "graceful_timeout": 20,
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": "info",
        **(extra or {}),
    }
    TrackerServer(options, overrides).run()
