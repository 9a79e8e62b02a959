"""A worker that boots while its store is down still serves: every request answers 503 with
``Retry-After`` (JSON under /api, a page elsewhere), ``/ping`` answers 200, and the real app is built
on the first request after the store is back. Without it, a worker restarted during an outage fails to
boot, and gunicorn stops the whole server when a worker fails to boot."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, jsonify, render_template_string, request

from tracker.eventstore.errors import StoreUnavailable
from tracker.web.errors import PAGE, RETRY_AFTER

log = logging.getLogger(__name__)

#: Seconds between two attempts to build the real app while the store stays down.
RETRY_EVERY = 1.0


def waiting_app(store: str, message: str) -> Flask:
    """The answers a worker gives until its store can be opened."""
    app = Flask(__name__)
    headers = {"Retry-After": str(RETRY_AFTER), "Cache-Control": "no-store"}

    @app.get("/ping")
    def ping():
        return "ok", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}

    @app.get("/healthz")
    def healthz():
        return jsonify(status="unavailable", store=store, reason=message), 503, headers

    @app.route("/", defaults={"path": ""}, methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
    @app.route("/<path:path>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
    def unavailable(path: str):
        if request.path.startswith("/api/"):
            body = jsonify(error="Service Unavailable", message=message, reason="unavailable")
            return body, 503, headers
        page = render_template_string(PAGE, code=503, name="The store is unavailable", description=message)
        return page, 503, headers

    return app


class StoreWaitingApp:
    """WSGI: the app ``build`` returns, once it can be built; until then ``waiting_app``'s answers."""

    def __init__(self, build: Callable[[], Any], store: str, error: StoreUnavailable) -> None:
        self._build = build
        self._store = store
        self._app: Any = None
        self._waiting = waiting_app(store, error.message)
        self._lock = threading.Lock()
        self._next_try = time.monotonic() + RETRY_EVERY

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        app = self._app or self._try_build()
        return (app or self._waiting)(environ, start_response)

    def _try_build(self) -> Any:
        if time.monotonic() < self._next_try or not self._lock.acquire(blocking=False):
            return None
        try:
            if self._app is None and time.monotonic() >= self._next_try:
                try:
                    self._app = self._build()
                    log.warning("the store answers again: this worker now serves")
                except StoreUnavailable as error:
                    self._waiting = waiting_app(self._store, error.message)
                    self._next_try = time.monotonic() + RETRY_EVERY
            return self._app
        finally:
            self._lock.release()


def build_or_wait(build: Callable[[], Any], store: str) -> Any:
    """``build()``, or a ``StoreWaitingApp`` when the store cannot be opened right now."""
    try:
        return build()
    except StoreUnavailable as error:
        log.warning(
            "worker started while the store is unavailable (%s): answering 503 until it is back",
            error.message,
        )
        return StoreWaitingApp(build, store, error)
