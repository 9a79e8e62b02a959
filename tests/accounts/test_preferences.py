"""A person's time zone and locale: PreferencesChanged on the User, checked values, every problem at
once, and accounts stored before the event existed (no preferences) still loading with the defaults."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.accounts import people_config
from tests.support.config import make_config
from tracker.accounts import build_accounts
from tracker.accounts.preferences import check_locale, check_time_zone
from tracker.accounts.user import User
from tracker.domain.errors import InvalidValue, Refusals

PASSWORD = "correct horse battery"
OLD_STORE = Path(__file__).resolve().parents[1] / "fixtures" / "store-before-move.sqlite"
OLD_USER = "alex.morgan@example.org"


def test_a_new_account_without_preferences_is_utc_with_no_locale(accounts):
    account = accounts.sign_up("ana@example.com", PASSWORD)
    assert (account.time_zone, account.locale) == ("UTC", None)


def test_sign_up_records_the_time_zone_and_locale_given(accounts):
    account = accounts.sign_up("ana@example.com", PASSWORD, time_zone="Europe/Berlin", locale="de-DE")
    assert (account.time_zone, account.locale) == ("Europe/Berlin", "de_DE")
    assert accounts.get_user("ana@example.com") == account
    user = accounts.app.repository.get(User.create_id("ana@example.com"))
    assert [type(e).__name__ for e in accounts.app.events.get(user.id)][-1] == "PreferencesChanged"


def test_change_preferences_is_an_event_with_its_actor(accounts):
    accounts.sign_up("ana@example.com", PASSWORD)
    account = accounts.change_preferences("ana@example.com", "America/New_York", "en_US")
    assert (account.time_zone, account.locale) == ("America/New_York", "en_US")
    events = list(accounts.app.events.get(User.create_id("ana@example.com")))
    changed = events[-1]
    assert type(changed).__name__ == "PreferencesChanged"
    assert (changed.time_zone, changed.locale, changed.actor) == (
        "America/New_York",
        "en_US",
        "ana@example.com",
    )


def test_an_unchanged_choice_records_nothing(accounts):
    accounts.sign_up("ana@example.com", PASSWORD, time_zone="Europe/Berlin")
    uid = User.create_id("ana@example.com")
    before = len(list(accounts.app.events.get(uid)))
    accounts.change_preferences("ana@example.com", "Europe/Berlin", "")
    assert len(list(accounts.app.events.get(uid))) == before


def test_the_locale_can_be_unset_again(accounts):
    accounts.sign_up("ana@example.com", PASSWORD, time_zone="Europe/Berlin", locale="de_DE")
    assert accounts.change_preferences("ana@example.com", "Europe/Berlin", None).locale is None


def test_both_bad_values_are_refused_at_once_each_naming_its_field(accounts):
    accounts.sign_up("ana@example.com", PASSWORD)
    with pytest.raises(Refusals) as refused:
        accounts.change_preferences("ana@example.com", "Mars/Olympus_Mons", "xx_NOPE")
    assert {e.field for e in refused.value.errors} == {"time_zone", "locale"}
    assert accounts.get_user("ana@example.com").time_zone == "UTC"


def test_sign_up_refuses_an_unknown_zone_and_stores_nothing(accounts):
    with pytest.raises(InvalidValue) as refused:
        accounts.sign_up("ana@example.com", PASSWORD, time_zone="Berlin")
    assert refused.value.field == "time_zone"
    assert not accounts.user_exists("ana@example.com")


@pytest.mark.parametrize(
    "zone", ["Europe/Berlin", "America/New_York", "UTC", "Asia/Kolkata", " Europe/Berlin "]
)
def test_known_zones(zone):
    assert check_time_zone(zone) == zone.strip()


@pytest.mark.parametrize("zone", ["", None, 3, "Berlin", "../etc/passwd", "Europe/", "x" * 200, "CET-1"])
def test_unknown_zones_name_the_field(zone):
    with pytest.raises(InvalidValue) as refused:
        check_time_zone(zone)
    assert refused.value.field == "time_zone"


@pytest.mark.parametrize(
    ("written", "identifier"),
    [("de_DE", "de_DE"), ("de-DE", "de_DE"), ("en", "en"), ("fr-CH", "fr_CH"), ("", None), (None, None)],
)
def test_locales_babel_knows(written, identifier):
    assert check_locale(written) == identifier


@pytest.mark.parametrize("written", ["xx_NOPE", "klingon", "de_DE; DROP", 42, "e" * 100])
def test_unknown_locales_name_the_field(written):
    with pytest.raises(InvalidValue) as refused:
        check_locale(written)
    assert refused.value.field == "locale"


def test_accounts_stored_before_the_event_existed_load_with_the_defaults(tmp_path):
    """The committed store from an earlier version: its users never had a PreferencesChanged."""
    shutil.copy(OLD_STORE, tmp_path / "tracker.sqlite")  # never touch the committed file
    config = make_config(store="sqlite", data_dir=str(tmp_path), sqlite_file="tracker.sqlite")
    accounts = build_accounts(people_config(config))
    try:
        account = accounts.require_user(OLD_USER)
        assert (account.time_zone, account.locale) == ("UTC", None)
        changed = accounts.change_preferences(OLD_USER, "Europe/Berlin", "de_DE")
        assert (changed.time_zone, changed.locale) == ("Europe/Berlin", "de_DE")
    finally:
        accounts.close()
    reopened = build_accounts(people_config(config))
    try:
        assert reopened.require_user(OLD_USER).time_zone == "Europe/Berlin"
    finally:
        reopened.close()


def test_preferences_survive_a_real_store(store_accounts):
    store_accounts.sign_up("ana@example.com", PASSWORD, time_zone="America/New_York", locale="en_US")
    store_accounts.change_preferences("ana@example.com", "Europe/Berlin", "de_DE")
    account = store_accounts.require_user("ana@example.com")
    assert (account.time_zone, account.locale) == ("Europe/Berlin", "de_DE")
