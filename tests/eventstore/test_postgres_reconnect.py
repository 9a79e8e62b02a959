"""The database drops the app's connections (a PostgreSQL restart, a failover, an idle timeout):
the next requests still succeed on fresh connections, with nothing lost or stored twice.

Pooled connections are not pinged before each use (``postgres_pre_ping`` is off by default: a
round trip per use is a fifth of a step's cost); a broken one fails its first use instead, and
every read and write of the store and the read model retries on a fresh connection."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from tests.support.api_client import Api, prepare
from tests.support.config import make_config
from tests.support.services import PG, postgres_config, postgres_schema
from tracker import create_app

pytestmark = pytest.mark.usefixtures("named_connections")


@pytest.fixture
def app_name() -> str:
    return f"tracker-reconnect-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def named_connections(monkeypatch, app_name):
    """libpq names every connection this process opens from now on (to find the app's alone)."""
    monkeypatch.setenv("PGAPPNAME", app_name)


def drop_connections(app_name: str) -> int:
    with psycopg.connect(**PG, autocommit=True, application_name="tracker-test-killer") as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s", (app_name,)
        ).fetchall()
    return len(rows)


@pytest.fixture(params=[False, True], ids=["no-pre-ping", "pre-ping"])
def app(request):
    with postgres_schema() as schema:
        app = create_app(
            make_config(**postgres_config(schema), auth_required=False, postgres_pre_ping=request.param)
        )
        yield app
        app.extensions["people"].close()
        app.extensions["tracker"].close()


def test_requests_after_the_database_dropped_every_connection(app, app_name):
    api = Api(app.test_client())
    nid = prepare(api)
    assert api.client.get("/api/v1/negotiations").status_code == 200
    version = api.version(nid)
    assert drop_connections(app_name) >= 1

    answers = {
        "page": api.client.get(f"/negotiations/{nid}").status_code,
        "list": api.client.get("/api/v1/negotiations").status_code,
        "read": api.get(nid).status_code,
        "step": api.post(nid, "/notes", {"text": "Dana called back."}, version=version).status_code,
        "health": api.client.get("/healthz").status_code,
    }
    assert answers == {"page": 200, "list": 200, "read": 200, "step": 201, "health": 200}
    assert drop_connections(app_name) >= 1
    listed = api.client.get("/api/v1/negotiations").get_json()
    assert [(item["id"], item["version"]) for item in listed["negotiations"]] == [(nid, version + 1)]
    timeline = app.extensions["tracker"].timeline(nid)
    assert [e.event_type for e in timeline].count("NoteAdded") == 1 and len(timeline) == version + 1


def test_each_pooled_connection_broken_under_the_read_model(app, app_name):
    """Every connection in the pool is broken: each read-model query still answers."""
    api = Api(app.test_client())
    prepare(api)
    read_model = app.extensions["people"].read_model
    read_model.catch_up()
    view = read_model.view
    for _ in range(3):  # use (and so open) every connection of the pool
        assert view.rows("SELECT COUNT(*) AS n FROM {negotiations}")[0]["n"] == 1
    assert drop_connections(app_name) >= 1
    for _ in range(8):
        assert view.rows("SELECT COUNT(*) AS n FROM {negotiations}")[0]["n"] == 1
