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


def test_sessions_are_recorded_on_the_account_and_ended_one_by_one(accounts, clock):
    accounts.sign_up("ana@example.com", PASSWORD)
    laptop = accounts.start_session("ana@example.com", device="Firefox on Linux")
    clock.advance(minutes=5)
    phone = accounts.start_session("ana@example.com", device="Mobile Safari on iOS (iPhone)")
    now = clock()
    assert accounts.session_user("ana@example.com", now, session_id=laptop) is not None
    listed = accounts.list_sessions("ana@example.com")  # newest first
    assert [(s.session_id, s.device) for s in listed] == [
        (phone, "Mobile Safari on iOS (iPhone)"),
        (laptop, "Firefox on Linux"),
    ]
    assert accounts.end_session("ana@example.com", laptop) is True
    assert accounts.session_user("ana@example.com", now, session_id=laptop) is None  # ended
    assert accounts.session_user("ana@example.com", now, session_id=phone) is not None
    assert accounts.end_session("ana@example.com", laptop) is False  # already ended
    assert [s.session_id for s in accounts.list_sessions("ana@example.com")] == [phone]


def test_a_password_change_ends_every_recorded_session(accounts):
    accounts.sign_up("ana@example.com", PASSWORD)
    accounts.start_session("ana@example.com", device="Firefox on Linux")
    accounts.change_password("ana@example.com", PASSWORD, "another long password")
    assert accounts.list_sessions("ana@example.com") == []


def test_a_user_stored_without_session_events_still_loads(sqlite_config, clock):
    """Accounts stored before sessions were recorded (no SessionStarted, no live_sessions attribute on a
    cached or snapshotted User) load, list no session, and sign in as before."""
    from tests.support.accounts import people_config
    from tracker.accounts import build_accounts

    before = build_accounts(people_config(sqlite_config), clock=clock)
    try:
        before.sign_up("ana@example.com", PASSWORD)
        user = before._user("ana@example.com")
        del user.__dict__["live_sessions"]  # as a User made before the attribute existed
        assert user.sessions_open() == {}
    finally:
        before.close()
    after = build_accounts(people_config(sqlite_config), clock=clock)  # a restart: read from the store
    try:
        assert after.get_user("ana@example.com").email == "ana@example.com"
        assert after.list_sessions("ana@example.com") == []
        assert after.sign_in("ana@example.com", PASSWORD).email == "ana@example.com"
        sid = after.start_session("ana@example.com")
        assert after.session_user("ana@example.com", clock(), session_id=sid) is not None
    finally:
        after.close()
