"""Guessing is slowed: after signin_max_failures wrong passwords an account is locked (429 with
Retry-After, even for the right password) until the lock ends; one address trying many accounts, or
many API tokens, has each failure past client_max_failures answered more slowly (0.25 s, doubling, up
to client_max_delay_seconds), but the right password or a valid token from that address, which
behind a proxy many people share, is never refused. The clock is the app's own, moved by hand; the
delays are recorded rather than slept."""

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
def delays() -> list[float]:
    return []


@pytest.fixture
def app(secure_config, clock, delays):
    app = create_app(
        {
            **secure_config,
            "clock": clock,
            "sleep": delays.append,
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


def test_one_address_trying_many_accounts_is_slowed_but_its_right_passwords_pass(app, delays):
    people = [ensure_user(app, f"person{n}@example.org") for n in range(10)]
    attacker = app.test_client()
    attacker.environ_base["REMOTE_ADDR"] = "203.0.113.7"
    answers = [sign_in(attacker, people[n % 10], f"guess {n}").status_code for n in range(30)]
    assert answers == [401] * 30 and delays == []  # three guesses each: no account is locked
    more = [sign_in(attacker, people[n % 10], f"guess {n}").status_code for n in range(30, 38)]
    assert more == [401] * 8
    assert delays == [0.25, 0.5, 1.0, 2.0, 3.0, 3.0, 3.0, 3.0]  # doubling, capped at a few seconds
    colleague = app.test_client()
    colleague.environ_base["REMOTE_ADDR"] = "203.0.113.7"  # the same address (one office, one proxy)
    assert sign_in(colleague, people[0], PASSWORD).status_code == 303
    assert len(delays) == 8  # the right password waited for nothing
    report("security", "brute force", {"spread password guesses": 39})


def test_token_guessing_is_slowed_and_a_valid_token_still_passes(app, clock, delays):
    valid = api_token(app, VICTIM)
    attacker = app.test_client()
    answers = [
        attacker.get("/api/v1/negotiations", headers={"Authorization": f"Bearer trk_guess{n:04d}"})
        for n in range(33)
    ]
    assert [a.status_code for a in answers] == [401] * 33
    assert delays == [0.25, 0.5, 1.0]
    ok = attacker.get("/api/v1/negotiations", headers={"Authorization": f"Bearer {valid}"})
    assert ok.status_code == 200 and len(delays) == 3
    clock.advance(minutes=16)  # the window has passed: failures are answered at once again
    attacker.get("/api/v1/negotiations", headers={"Authorization": "Bearer trk_guess9999"})
    assert len(delays) == 3
    report("security", "brute force", {"token guesses slowed": 3})


def test_guards_stop_growing_at_the_cap(app, delays):
    from tracker.accounts.throttle import Guard

    attacker = app.test_client()
    for n in range(60):
        attacker.get("/api/v1/negotiations", headers={"Authorization": f"Bearer trk_guess{n:04d}"})
    accounts = app.extensions["people"].accounts
    guard = accounts.app.repository.get(Guard.create_id("client", "127.0.0.1"))
    assert delays[-1] == 3.0 and guard.version < 40  # at the cap nothing more is recorded
