"""A store that is down or cannot be written answers 503 with Retry-After: JSON naming the problem
under /api, a readable page elsewhere; never a 500 or a hang. /healthz says why (not readable, or
not writable), and everything answers again once the store is back, with nothing lost."""

from __future__ import annotations

import os
import time

import pytest

from tests.support.api_client import Api, prepare
from tests.support.config import make_config
from tests.support.outage import immutable, make_read_only, proxied_postgres, read_only_role, seconds_until
from tests.support.report import report
from tests.support.services import postgres_config, postgres_schema
from tracker import create_app
from tracker.config import sqlite_path

NOTE = {"text": "Dana called back."}


def close(app) -> None:
    app.extensions["people"].close()
    app.extensions["tracker"].close()


def assert_unavailable_json(response, *words: str) -> dict:
    assert response.status_code == 503, response.get_data(as_text=True)[:300]
    assert int(response.headers["Retry-After"]) > 0
    body = response.get_json()
    assert body["error"] == "Service Unavailable"
    for word in words:
        assert word in body["message"]
    return body


def notes_stored(api: Api, nid: str) -> int:
    timeline = api.get(nid, "/timeline").get_json()
    return sum(1 for entry in timeline["entries"] if entry["event_type"] == "NoteAdded")


def test_postgres_cut_off_answers_503_then_recovers():
    with proxied_postgres(auth_required=False) as (config, proxy):
        app = create_app(config)
        try:
            api = Api(app.test_client())
            nid = prepare(api)
            version = api.version(nid)
            assert api.post(nid, "/notes", NOTE, version=version).status_code == 201
            proxy.cut()

            started = time.monotonic()
            read = api.get(nid)
            to_503 = time.monotonic() - started
            assert_unavailable_json(read, "did not answer")
            page = api.client.get(f"/negotiations/{nid}")
            assert page.status_code == 503 and "Retry-After" in page.headers
            assert "text/html" in page.content_type
            assert "The store is unavailable" in page.get_data(as_text=True)
            assert_unavailable_json(api.post(nid, "/notes", NOTE, version=version + 1))
            health = api.client.get("/healthz")
            assert health.status_code == 503 and "did not answer" in health.get_json()["reason"]

            proxy.restore()

            def healthy() -> None:
                assert api.client.get("/healthz").status_code == 200

            to_recover = seconds_until(healthy, limit=10)
            assert api.post(nid, "/notes", NOTE, version=version + 1).status_code == 201
            assert api.version(nid) == version + 2 and notes_stored(api, nid) == 2  # nothing lost or doubled
        finally:
            close(app)
    report(
        "postgres outage (web)", "cut", {"first 503 s": round(to_503, 2), "recovery s": round(to_recover, 2)}
    )


@pytest.mark.slow
def test_postgres_that_stops_answering_gives_503_not_a_hang():
    """The server accepts connections but answers nothing (frozen, or a network holding packets)."""
    with proxied_postgres(auth_required=False) as (config, proxy):
        app = create_app(config)
        try:
            api = Api(app.test_client())
            nid = api.start()["id"]
            proxy.stall()
            started = time.monotonic()
            read = api.get(nid)
            to_503 = time.monotonic() - started
            assert_unavailable_json(read)
            proxy.unstall()
            to_recover = seconds_until(
                lambda: api.post(nid, "/notes", NOTE, version=1).status_code == 201 or 1 / 0, limit=15
            )
            assert api.version(nid) == 2
        finally:
            close(app)
    report(
        "postgres outage (web)",
        "stall",
        {"first 503 s": round(to_503, 2), "recovery s": round(to_recover, 2)},
    )


def test_read_only_postgres_is_unhealthy_and_refuses_writes():
    with read_only_role() as role, postgres_schema() as schema:
        app = create_app(
            make_config(**{**postgres_config(schema), "postgres_user": role, "auth_required": False})
        )
        try:
            api = Api(app.test_client())
            nid = api.start()["id"]
            make_read_only(role)
            health = api.client.get("/healthz")
            assert health.status_code == 503
            assert "read-only" in health.get_json()["reason"]
            body = assert_unavailable_json(api.post(nid, "/notes", NOTE, version=1), "read-only")
            assert body["reason"] == "read-only"
            assert api.get(nid).status_code == 200  # reads still answer
        finally:
            close(app)


@pytest.fixture
def sqlite_app(sqlite_config):
    app = create_app({**sqlite_config, "auth_required": False, "csrf_enabled": False})  # raw form posts
    yield app
    close(app)


def test_immutable_sqlite_file_is_unhealthy_and_refuses_writes(sqlite_app, sqlite_config):
    api = Api(sqlite_app.test_client())
    nid = api.start()["id"]
    with immutable(sqlite_path(sqlite_config)):
        health = api.client.get("/healthz")
        assert health.status_code == 503 and "cannot be written" in health.get_json()["reason"]
        assert_unavailable_json(api.post(nid, "/notes", NOTE, version=1), "cannot be written")
        assert api.get(nid).status_code == 200
    assert api.client.get("/healthz").status_code == 200
    assert api.post(nid, "/notes", NOTE, version=1).status_code == 201


def test_deleted_write_ahead_log_is_unhealthy_and_refuses_writes(sqlite_app, sqlite_config):
    api = Api(sqlite_app.test_client())
    nid = api.start()["id"]
    os.remove(f"{sqlite_path(sqlite_config)}-wal")
    health = api.client.get("/healthz")
    assert health.status_code == 503 and "write-ahead log" in health.get_json()["reason"]
    assert_unavailable_json(api.post(nid, "/notes", NOTE, version=1), "write-ahead log")
    form = api.client.post(f"/negotiations/{nid}/steps/add_note", data={"text": "x", "expected_version": "1"})
    assert form.status_code == 503 and "text/html" in form.content_type
    assert "write-ahead log" in form.get_data(as_text=True) and "Retry-After" in form.headers


def test_data_directory_that_cannot_be_written_is_unhealthy(sqlite_app, sqlite_config):
    api = Api(sqlite_app.test_client())
    nid = api.start()["id"]
    with immutable(sqlite_path(sqlite_config).parent):
        health = api.client.get("/healthz")
        assert health.status_code == 503 and "data directory" in health.get_json()["reason"]
        assert_unavailable_json(api.post(nid, "/notes", NOTE, version=1), "data directory")
    assert api.client.get("/healthz").status_code == 200
