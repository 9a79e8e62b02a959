"""`tracker user add`, `tracker token create`, `tracker rebuild-projections` on a SQLite store."""

from __future__ import annotations

import pytest

from tests.support.accounts import people_config
from tests.support.config import make_config
from tracker.accounts import build_accounts
from tracker.cli import main


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_STORE", "sqlite")
    monkeypatch.setenv("TRACKER_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TRACKER_PASSWORD_HASH_PROFILE", "CHEAPEST")
    return people_config(make_config(store="sqlite", data_dir=str(tmp_path)))


def accounts_of(config):
    return build_accounts(config)


def test_user_add_generates_and_prints_a_password(store, capsys):
    assert main(["user", "add", "Ana@Example.com", "--name", "Ana López"]) == 0
    password = capsys.readouterr().out.strip()
    assert len(password) >= 16
    accounts = accounts_of(store)
    try:
        assert accounts.sign_in("ana@example.com", password).display_name == "Ana López"
    finally:
        accounts.close()


def test_user_add_with_a_password_prints_nothing_secret(store, capsys):
    assert main(["user", "add", "ben@example.com", "--password", "a long enough password"]) == 0
    assert capsys.readouterr().out == ""
    accounts = accounts_of(store)
    try:
        assert accounts.sign_in("ben@example.com", "a long enough password").email == "ben@example.com"
    finally:
        accounts.close()


def test_user_add_refuses_bad_input_and_duplicates(store, capsys):
    assert main(["user", "add", "not-an-email"]) == 2
    assert "valid email" in capsys.readouterr().err
    assert main(["user", "add", "ana@example.com", "--password", "short"]) == 2
    assert main(["user", "add", "ana@example.com", "--password", "a long enough password"]) == 0
    assert main(["user", "add", "ana@example.com", "--password", "another long password"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["user", "add", "ana@example.com", "--password", "another long password", "--reset"]) == 0


def test_token_create_prints_a_working_token(store, capsys):
    main(["user", "add", "ana@example.com", "--password", "a long enough password"])
    capsys.readouterr()
    assert main(["token", "create", "ana@example.com", "--label", "ci"]) == 0
    token = capsys.readouterr().out.strip()
    assert token.startswith("trk_")
    accounts = accounts_of(store)
    try:
        assert accounts.authenticate_token(token).email == "ana@example.com"
    finally:
        accounts.close()
    assert main(["token", "create", "nobody@example.com"]) == 2


def test_rebuild_projections(store, capsys):
    from tracker.bootstrap import build_people, build_tracker

    tracker = build_tracker(store)
    try:
        tracker.start_negotiation(
            actor="ana@example.com", title="Team lead role", kind="internal_role_change"
        )
    finally:
        tracker.close()
    assert main(["rebuild-projections"]) == 0
    assert "from 1 events" in capsys.readouterr().out
    tracker = build_tracker(store)
    people = build_people(store, tracker)
    try:
        people.read_model.catch_up_on_read = False  # what the rebuild left behind, untouched
        page = people.read_model.list_negotiations(visible_to="ana@example.com")
        assert [s.title for s in page.items] == ["Team lead role"]
    finally:
        people.close()
        tracker.close()
