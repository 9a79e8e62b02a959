"""A worker booted during a store outage: 503s with Retry-After until the store is back, then the app."""

from __future__ import annotations

import pytest
from flask import Flask
from werkzeug.test import Client

from tracker.eventstore.errors import StoreUnavailable
from tracker.web import store_wait
from tracker.web.store_wait import build_or_wait


@pytest.fixture
def no_pause(monkeypatch):
    monkeypatch.setattr(store_wait, "RETRY_EVERY", 0.0)


def real_app() -> Flask:
    app = Flask("real")
    app.get("/api/v1/negotiations")(lambda: {"items": []})
    return app


def test_a_store_that_answers_gives_the_app_itself():
    app = real_app()
    assert build_or_wait(lambda: app, "sqlite") is app


def test_while_the_store_is_down_every_request_is_a_503_and_ping_answers(no_pause):
    tries = []

    def build():
        tries.append(1)
        raise StoreUnavailable("cannot connect to PostgreSQL at 127.0.0.1:5432: Connection refused")

    client = Client(build_or_wait(build, "postgres"))
    api = client.get("/api/v1/negotiations")
    assert api.status_code == 503 and api.headers["Retry-After"] == "5"
    assert api.json == {
        "error": "Service Unavailable",
        "message": "cannot connect to PostgreSQL at 127.0.0.1:5432: Connection refused",
        "reason": "unavailable",
    }
    page = client.post("/negotiations/new")
    assert page.status_code == 503 and "The store is unavailable" in page.text
    assert "Connection refused" in page.text and page.headers["Retry-After"] == "5"
    health = client.get("/healthz")
    assert health.status_code == 503 and health.json["status"] == "unavailable"
    assert client.get("/ping").status_code == 200
    assert len(tries) == 5  # the boot, then one try per request (no pause here)


def test_the_app_is_built_on_the_first_request_after_the_store_is_back(no_pause):
    down = [True]

    def build():
        if down[0]:
            raise StoreUnavailable("The event store (PostgreSQL) did not answer within 5 s.")
        return real_app()

    client = Client(build_or_wait(build, "postgres"))
    assert client.get("/api/v1/negotiations").status_code == 503
    down[0] = False
    answer = client.get("/api/v1/negotiations")
    assert answer.status_code == 200 and answer.json == {"items": []}


def test_tries_are_spaced_while_the_store_stays_down():
    tries = []

    def build():
        tries.append(1)
        raise StoreUnavailable("down")

    client = Client(build_or_wait(build, "postgres"))
    for _ in range(20):
        assert client.get("/api/v1/negotiations").status_code == 503
    assert len(tries) == 1  # the boot's; the next try waits RETRY_EVERY
