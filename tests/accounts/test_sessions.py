"""Sessions expire (lifetime, idle time) and end when the password changes."""

from __future__ import annotations

from datetime import timedelta

from tests.support.accounts import START
from tracker.accounts import SessionPolicy

PASSWORD = "correct horse battery"


def test_policy_lifetime_and_idle():
    policy = SessionPolicy(lifetime=timedelta(hours=12), idle=timedelta(hours=2))
    assert policy.is_current(START, START + timedelta(hours=1))
    assert not policy.is_current(START, START + timedelta(hours=2))  # idle since sign-in
    assert policy.is_current(START, START + timedelta(hours=3), last_seen=START + timedelta(hours=2))
    assert not policy.is_current(START, START + timedelta(hours=12), last_seen=START + timedelta(hours=11))
    assert not policy.is_current(START, START - timedelta(minutes=1))  # issued in the future
    assert not policy.is_current(
        START, START + timedelta(minutes=1), valid_after=START + timedelta(seconds=1)
    )


def test_policy_from_config():
    policy = SessionPolicy.from_config({"session_lifetime_minutes": 30, "session_idle_minutes": 0})
    assert policy == SessionPolicy(timedelta(minutes=30), None)
    assert policy.expires_at(START, START + timedelta(minutes=29)) == START + timedelta(minutes=30)


def test_session_user_follows_the_policy(accounts, clock):
    accounts.sign_up("ana@example.com", PASSWORD)
    issued = clock.now
    assert accounts.session_user("ana@example.com", issued).email == "ana@example.com"
    clock.advance(hours=3)
    assert accounts.session_user("ana@example.com", issued) is None  # idle too long
    assert accounts.session_user("ana@example.com", issued, last_seen=clock.now - timedelta(minutes=5))
    assert accounts.session_user("nobody@example.com", issued) is None


def test_changing_the_password_ends_older_sessions(accounts, clock):
    accounts.sign_up("ana@example.com", PASSWORD)
    old_session = clock.now
    clock.advance(minutes=10)
    accounts.change_password("ana@example.com", PASSWORD, "a new long passphrase")
    assert accounts.session_user("ana@example.com", old_session, last_seen=clock.now) is None
    new_session = clock.now
    clock.advance(minutes=1)
    assert accounts.session_user("ana@example.com", new_session) is not None


def test_sign_out_everywhere(accounts, clock):
    accounts.sign_up("ana@example.com", PASSWORD)
    session = clock.now
    clock.advance(minutes=5)
    accounts.sign_out_everywhere("ana@example.com")
    assert accounts.session_user("ana@example.com", session, last_seen=clock.now) is None
