"""Guessing is slowed: after signin_max_failures wrong passwords an account is locked (429 with
Retry-After, even for the right password) until the lock ends; one address trying many accounts, or
many API tokens, is locked after client_max_failures (429 for everything it sends, a valid token
included). The clock is the app's own, moved by hand."""

from __future__ import annotations

import itertools

import pytest

from tests.support.accounts import FakeClock
from tests.support.auth import PASSWORD, api_token, csrf_token, ensure_user
from tests.support.report import report
from tracker import create_app

VICTIM = "victim@example.org"
ATTEMPTS = itertools.count(1)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def app(secure_config, clock):
    app = create_app(
        {
            **secure_config,
            "clock": clock,
            "signin_max_failures": 5,
            "client_max_failures": 30,
            "signin_lock_minutes": 15,
        }
    )
    yield app
    app.extensions["people"].close()
    app.extensions["tracker"].close()


def sign_in(client, email: str, password: str):
    next(ATTEMPTS)
    token = csrf_token(client, "/auth/signin")
    return client.post("/auth/signin", data={"csrf_token": token, "email": email, "password": password})


def test_password_guessing_locks_the_account(app, clock):
    ensure_user(app, VICTIM)
    attacker = app.test_client()
    answers = [sign_in(attacker, VICTIM, f"guess {n}").status_code for n in range(5)]
    assert answers == [401] * 5
    locked = sign_in(attacker, VICTIM, PASSWORD)  # the right one, too late
    assert locked.status_code == 429 and int(locked.headers["Retry-After"]) > 0
    assert sign_in(app.test_client(), VICTIM, PASSWORD).status_code == 429  # from anywhere
    clock.advance(minutes=16)
    assert sign_in(app.test_client(), VICTIM, PASSWORD).status_code == 303
    report("security", "brute force", {"password guesses refused": 5 + 2})


def test_one_address_trying_many_accounts_is_locked(app):
    people = [ensure_user(app, f"person{n}@example.org") for n in range(10)]
    attacker = app.test_client()
    attacker.environ_base["REMOTE_ADDR"] = "203.0.113.7"
    answers = [sign_in(attacker, people[n % 10], f"guess {n}").status_code for n in range(30)]
    assert answers == [401] * 30  # three guesses each: no account is locked...
    assert sign_in(attacker, people[0], PASSWORD).status_code == 429  # ...but the address is
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "198.51.100.2"
    assert sign_in(elsewhere, people[0], PASSWORD).status_code == 303
    report("security", "brute force", {"spread password guesses": 31})


def test_token_guessing_locks_the_address(app, clock):
    valid = api_token(app, VICTIM)
    attacker = app.test_client()
    answers = [
        attacker.get("/api/v1/negotiations", headers={"Authorization": f"Bearer trk_guess{n:04d}"})
        for n in range(31)
    ]
    assert [a.status_code for a in answers[:30]] == [401] * 30
    assert answers[30].status_code == 429 and int(answers[30].headers["Retry-After"]) > 0
    assert (
        attacker.get("/api/v1/negotiations", headers={"Authorization": f"Bearer {valid}"}).status_code == 429
    )
    clock.advance(minutes=16)
    assert (
        attacker.get("/api/v1/negotiations", headers={"Authorization": f"Bearer {valid}"}).status_code == 200
    )
    report("security", "brute force", {"token guesses refused": 32})
