"""The floor for the web benchmark (benchmark-only, not part of the product): a WSGI app whose one
write route does exactly one eventsourcing save of a comparable event, served by the same gunicorn
set-up as ``tracker serve`` (``python -m bench.floor_app``; the same options, worker class, workers
x threads and switch interval, through ``tracker.cli.serving.serve``).

``POST /save`` with a form field ``text``: one ``Jotted`` event of bench_steps' ``Jotter`` appended
to an existing aggregate and saved by a plain eventsourcing Application on the configured store, with
the settings the product gives eventsourcing (``eventsourcing_env``: the same SQLite file settings,
or PostgreSQL with the one-statement append; on SQLite its writers take turns through the lock file
as the product's do, tracker.eventstore.sqlite_writers); answers 201 with the new version. Each worker keeps a
pool of its own jotters (created at start, one per thread at a time), so no save conflicts with
another and none reloads anything. ``GET /ping`` and ``GET /healthz`` answer 200.
"""

from __future__ import annotations

import argparse
import queue
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from eventsourcing.sqlite import SQLiteDatastore
from flask import Flask, jsonify, request

from bench.bench_steps import Jotter, RawAppends
from tracker.cli.serving import TrackerServer, serve, settle_heap, use_switch_interval
from tracker.config import eventsourcing_env, load_config, store_timeout
from tracker.eventstore.sqlite_writers import take_turns

JOTTERS = 16  # more than a worker's threads: a request never waits for a jotter


def create_floor_app(config: Mapping[str, Any]) -> Flask:
    app = Flask(__name__)
    store = RawAppends(env=eventsourcing_env(config))
    datastore = getattr(store.recorder, "datastore", None)
    if isinstance(datastore, SQLiteDatastore):  # the product's SQLite writers take turns: so do these
        take_turns(datastore, store_timeout(config))
    jotters: queue.Queue[Jotter] = queue.Queue()
    made = [Jotter() for _ in range(JOTTERS)]
    store.save(*made)
    for jotter in made:
        jotters.put(jotter)

    @app.post("/save")
    def save():
        jotter = jotters.get()
        try:
            jotter.jot(request.form.get("text", ""))
            store.save(jotter)
            version = jotter.version
        finally:
            jotters.put(jotter)
        return jsonify(version=version), 201

    @app.get("/ping")
    def ping():
        return "ok", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok", store=str(config.get("store")))

    app.extensions["store"] = store
    return app


class FloorServer(TrackerServer):
    """What each gunicorn worker loads: the floor app, after the fork, with the product's switch
    interval, and its start-up heap frozen as theirs is."""

    def load(self):
        config = load_config(self.overrides or None)
        use_switch_interval(config)
        app = create_floor_app(config)
        settle_heap()
        return app


def main(argv: Sequence[str] | None = None) -> int:
    """As ``tracker serve`` does: workers and threads from the configuration (TRACKER_*)."""
    parser = argparse.ArgumentParser(prog="python -m bench.floor_app", description=__doc__)
    parser.add_argument("--host", default=None)
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args(argv)
    config = load_config()
    serve(
        args.host or config["host"],
        args.port or config["port"],
        workers=args.workers or config["workers"],
        threads=config["threads"],
        header_timeout=float(config["header_timeout_seconds"]),
        application=FloorServer,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
