"""Signing in: one vague message for every failure; five failures in 15 minutes lock for 15 minutes;
the counts live in the store, so every process sees them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.support.accounts import FakeClock, people_config
from tracker.accounts import Passwords, SignInFailed, SignInLocked, build_accounts

PASSWORD = "correct horse battery"


@pytest.fixture
def ana(accounts):
    return accounts.sign_up("ana@example.com", PASSWORD)


def fail(accounts, times, email="ana@example.com", client=None):
    for _ in range(times):
        with pytest.raises(SignInFailed):
            accounts.sign_in(email, "wrong password", client=client)


def test_right_password_signs_in_and_wrong_ones_do_not(accounts, ana):
    assert accounts.sign_in("Ana@Example.com", PASSWORD) == ana
    with pytest.raises(SignInFailed) as wrong:
        accounts.sign_in("ana@example.com", "wrong password")
    with pytest.raises(SignInFailed) as unknown:
        accounts.sign_in("nobody@example.com", PASSWORD)
    assert str(wrong.value) == str(unknown.value)  # nothing tells which part was wrong
    assert not isinstance(wrong.value, SignInLocked)


def test_five_failures_lock_the_account_for_fifteen_minutes(accounts, ana, clock):
    fail(accounts, 5)
    with pytest.raises(SignInLocked) as locked:
        accounts.sign_in("ana@example.com", PASSWORD)  # even the right password waits
    assert locked.value.until == clock.now + timedelta(minutes=15)
    assert accounts.locked_until("ana@example.com") == locked.value.until
    clock.advance(minutes=14, seconds=59)
    with pytest.raises(SignInLocked):
        accounts.sign_in("ana@example.com", PASSWORD)
    clock.advance(seconds=1)
    assert accounts.sign_in("ana@example.com", PASSWORD) == ana
    assert accounts.locked_until("ana@example.com") is None


def test_the_lock_lasts_fifteen_minutes_from_the_fifth_failure(accounts, ana, clock):
    fail(accounts, 4)
    clock.advance(minutes=3)
    assert accounts.locked_until("ana@example.com") is None
    fail(accounts, 1)
    assert accounts.locked_until("ana@example.com") == clock.now + timedelta(minutes=15)


def test_failures_older_than_the_window_do_not_count(accounts, ana, clock):
    fail(accounts, 4)
    clock.advance(minutes=16)
    fail(accounts, 4)
    assert accounts.sign_in("ana@example.com", PASSWORD) == ana


def test_a_successful_sign_in_clears_the_count(accounts, ana):
    fail(accounts, 4)
    accounts.sign_in("ana@example.com", PASSWORD)
    fail(accounts, 4)
    assert accounts.sign_in("ana@example.com", PASSWORD) == ana


def test_unknown_addresses_lock_the_same_way(accounts):
    fail(accounts, 5, email="nobody@example.com")
    with pytest.raises(SignInLocked):
        accounts.sign_in("nobody@example.com", PASSWORD)


def test_a_client_address_failing_on_many_accounts_is_slowed_never_locked(accounts, ana):
    delays: list[float] = []
    accounts.sleep = delays.append
    for n in range(32):
        with pytest.raises(SignInFailed) as caught:
            accounts.sign_in(f"guess{n}@example.com", "wrong password", client="203.0.113.9")
        assert not isinstance(caught.value, SignInLocked)
    assert delays == [0.25, 0.5]  # the 31st and 32nd failures from the address
    assert accounts.sign_in("ana@example.com", PASSWORD, client="203.0.113.9") == ana  # same address
    assert delays == [0.25, 0.5]


def test_the_counts_are_shared_by_processes_on_the_same_store(store_config):
    clock = FakeClock()
    first = build_accounts(people_config(store_config), clock=clock)
    second = build_accounts(people_config(store_config), clock=clock)  # another worker process
    try:
        first.sign_up("ana@example.com", PASSWORD)
        fail(first, 3)
        fail(second, 2)
        with pytest.raises(SignInLocked):
            first.sign_in("ana@example.com", PASSWORD)
        with pytest.raises(SignInLocked):
            second.sign_in("ana@example.com", PASSWORD)
        restarted = build_accounts(people_config(store_config), clock=clock)
        try:
            assert restarted.locked_until("ana@example.com") is not None  # durable
        finally:
            restarted.close()
    finally:
        first.close()
        second.close()


def test_an_old_hash_is_upgraded_at_the_next_sign_in(store_config):
    weak = build_accounts(people_config(store_config, password_hash_profile="CHEAPEST"))
    try:
        account = weak.sign_up("ana@example.com", PASSWORD)
    finally:
        weak.close()
    strong = build_accounts(people_config(store_config, password_hash_profile="RFC_9106_LOW_MEMORY"))
    try:
        strong.sign_in("ana@example.com", PASSWORD)
        events = [type(e).__name__ for e in strong.app.events.get(account.id)]
        assert events == ["Registered", "PasswordRehashed"]
        assert not strong.passwords.needs_rehash(strong.app.repository.get(account.id).password_hash)
        assert strong.sign_in("ana@example.com", PASSWORD).email == "ana@example.com"
    finally:
        strong.close()


def test_passwords_helper_rejects_unknown_profiles():
    with pytest.raises(ValueError):
        Passwords("FASTEST_EVER")
    passwords = Passwords("CHEAPEST")
    assert passwords.verify(passwords.hash(PASSWORD), PASSWORD)
    assert not passwords.verify(None, PASSWORD)
    assert not passwords.verify("not a hash", PASSWORD)
    assert not passwords.verify(passwords.hash(PASSWORD), None)
