"""``/healthz``: does this app server answer, and can its event store be read and written?

Load balancers and process managers poll it without signing in, so it says little: 200
``{"status": "ok", "store": "sqlite"}``, or 503 ``{"status": "unavailable", "store": ..., "reason": ...}``
naming the kind of failure (the details go to the log, not to the caller).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from eventsourcing.application import Application
from flask import Flask, jsonify

from tracker.eventstore.availability import write_problem
from tracker.eventstore.errors import StoreUnavailable
from tracker.web.errors import RETRY_AFTER

log = logging.getLogger(__name__)


def store_problem(tracker: Application) -> str | None:
    """None when the store answers and can be written; otherwise why not. The query reads one index
    entry; the write check asks the files' permissions (SQLite) or the session (PostgreSQL), and
    writes nothing."""
    try:
        tracker.recorder.max_notification_id()
    except StoreUnavailable as error:
        log.warning("health check: %s", error.message)
        return error.message
    except Exception as error:  # any failure to answer means: not healthy
        log.warning("health check: the event store did not answer", exc_info=True)
        return f"The event store did not answer ({type(error).__name__})."
    try:
        problem = write_problem(getattr(tracker.recorder, "datastore", None))
    except Exception as error:
        log.warning("health check: the event store's write check failed", exc_info=True)
        return f"The event store did not answer ({type(error).__name__})."
    if problem:
        log.warning("health check: %s", problem)
    return problem


def register_health(app: Flask, tracker: Application, config: Mapping[str, Any]) -> None:
    @app.get("/healthz")
    def healthz():
        problem = store_problem(tracker)
        headers = {"Cache-Control": "no-store"}
        if problem:
            headers["Retry-After"] = str(RETRY_AFTER)
            return jsonify(status="unavailable", store=config["store"], reason=problem), 503, headers
        return jsonify(status="ok", store=config["store"]), 200, headers

    @app.get("/ping")
    def ping():
        """The smallest answer this server gives (no store, no session): the HTTP benchmark's baseline."""
        return "ok", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}
