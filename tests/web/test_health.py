"""/healthz answers 200 only when the event store answers a query; 503 in JSON with a reason when not
(on both real stores: the events table dropped under a running app), and it recovers on its own
once the store answers again (PostgreSQL connections killed by the server are replaced)."""

from __future__ import annotations

import sqlite3

import pytest

from tests.support.services import PG
from tracker import create_app
from tracker.config import sqlite_path


@pytest.fixture
def app(store_config):
    app = create_app({**store_config, "auth_required": False})
    yield app
    app.extensions["tracker"].close()


def drop_events_table(config) -> None:
    """What an operator's mistake (or a broken disk) does to the store under a running app."""
    if config["store"] == "sqlite":
        with sqlite3.connect(sqlite_path(config)) as db:
            db.execute("DROP TABLE stored_events")
        return
    import psycopg

    with psycopg.connect(**PG, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{config["postgres_schema"]}" CASCADE')


def test_healthy_store_answers_ok(app, store_config):
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "store": store_config["store"]}
    assert response.headers["Cache-Control"] == "no-store"


def test_needs_no_sign_in(store_config):
    app = create_app({**store_config, "auth_required": True})
    try:
        assert app.test_client().get("/healthz").status_code == 200
    finally:
        app.extensions["tracker"].close()


def test_store_that_does_not_answer_is_503_with_a_reason(app, store_config):
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    drop_events_table(store_config)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "unavailable" and body["store"] == store_config["store"]
    assert body["reason"].startswith("The event store did not answer (")
    assert "stored_events" not in body["reason"]  # details stay in the log


@pytest.mark.postgres
def test_recovers_when_postgres_drops_the_connections(pg_config):
    import psycopg

    app = create_app({**pg_config, "auth_required": False})
    try:
        client = app.test_client()
        assert client.get("/healthz").status_code == 200
        with psycopg.connect(**PG, autocommit=True) as conn:
            killed = conn.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle' "
                "AND query ILIKE %s",
                (f"%{pg_config['postgres_schema']}%",),
            ).fetchone()[0]
        response = client.get("/healthz")
        assert killed >= 1
        assert response.status_code == 200, response.get_json()
    finally:
        app.extensions["tracker"].close()
