"""Signing up: valid, normalised email addresses; argon2 hashes, never the password itself."""

from __future__ import annotations

import pytest

from tracker.accounts import EmailTaken, SignInFailed
from tracker.accounts.user import User
from tracker.domain.errors import InvalidValue, NotFound

PASSWORD = "correct horse battery"


def test_sign_up_normalises_the_email_and_defaults_the_display_name(accounts, clock):
    account = accounts.sign_up("  Ana.Lopez@Example.COM ", PASSWORD)
    assert account.email == "ana.lopez@example.com"
    assert account.display_name == "ana.lopez"
    assert account.registered_at == clock.now
    assert accounts.get_user("ANA.LOPEZ@example.com") == account
    assert account.id == User.create_id("ana.lopez@example.com")


def test_display_name_is_kept(accounts):
    assert accounts.sign_up("ana@example.com", PASSWORD, "Ana López").display_name == "Ana López"


@pytest.mark.parametrize(
    "email",
    [
        "",
        "   ",
        "ana",
        "ana@",
        "@example.com",
        "ana@@example.com",
        "ana example@example.com",
        None,
        42,
        "a" * 250 + "@example.com",
    ],
)
def test_invalid_emails_are_refused_with_the_field_named(accounts, email):
    with pytest.raises(InvalidValue) as caught:
        accounts.sign_up(email, PASSWORD)
    assert caught.value.field == "email"


@pytest.mark.parametrize("password", ["", "short", "123456789", " " * 12, None, 12345678901, "x" * 1025])
def test_weak_or_odd_passwords_are_refused(accounts, password):
    with pytest.raises(InvalidValue) as caught:
        accounts.sign_up("ana@example.com", password)
    assert caught.value.field == "password"
    assert not accounts.user_exists("ana@example.com")  # nothing half-written


def test_an_address_signs_up_once(accounts):
    accounts.sign_up("ana@example.com", PASSWORD)
    with pytest.raises(EmailTaken) as caught:
        accounts.sign_up("ANA@example.com", "another password here")
    assert caught.value.field == "email"
    assert accounts.sign_in("ana@example.com", PASSWORD).email == "ana@example.com"


def test_the_store_holds_an_argon2_hash_not_the_password(store_accounts):
    account = store_accounts.sign_up("ana@example.com", PASSWORD)
    store_accounts.change_password("ana@example.com", PASSWORD, "a new long passphrase")
    stored = store_accounts.app.recorder.select_events(account.id)
    assert len(stored) == 2
    for record in stored:
        assert PASSWORD.encode() not in record.state
        assert b"a new long passphrase" not in record.state
        assert b"$argon2id$" in record.state


def test_accounts_live_in_their_own_events_table(store_accounts, store_config):
    store_accounts.sign_up("ana@example.com", PASSWORD)
    assert store_accounts.app.recorder.events_table_name.endswith("accounts_events")


def test_change_password_needs_the_current_one(accounts):
    accounts.sign_up("ana@example.com", PASSWORD)
    with pytest.raises(SignInFailed):
        accounts.change_password("ana@example.com", "not the password", "a new long passphrase")
    accounts.change_password("ana@example.com", PASSWORD, "a new long passphrase")
    assert accounts.verify_password("ana@example.com", "a new long passphrase")
    assert not accounts.verify_password("ana@example.com", PASSWORD)
    with pytest.raises(InvalidValue):
        accounts.change_password("ana@example.com", "a new long passphrase", "short")


def test_unknown_accounts(accounts):
    assert accounts.get_user("nobody@example.com") is None
    assert not accounts.verify_password("nobody@example.com", PASSWORD)
    with pytest.raises(NotFound):
        accounts.require_user("nobody@example.com")
    with pytest.raises(NotFound):
        accounts.set_password("nobody@example.com", PASSWORD, actor="cli")


def test_every_account_event_records_its_actor(accounts):
    account = accounts.sign_up("ana@example.com", PASSWORD, actor="cli")
    accounts.set_password("ana@example.com", "reset by operator", actor="cli")
    accounts.rename("ana@example.com", "Ana")
    events = list(accounts.app.events.get(account.id))
    assert [type(e).__name__ for e in events] == ["Registered", "PasswordChanged", "DisplayNameChanged"]
    assert [e.actor for e in events] == ["cli", "cli", "ana@example.com"]
