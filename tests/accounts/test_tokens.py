"""API tokens: trk_ tokens, stored only as a hash, found in one get, revoked by their owner."""

from __future__ import annotations

import pytest

from tests.support.accounts import people_config
from tracker.accounts import SignInFailed, build_accounts
from tracker.accounts.tokens import ApiToken, token_hash
from tracker.domain.errors import InvalidValue, NotFound
from tracker.domain.limits import SHORT_TEXT

PASSWORD = "correct horse battery"


@pytest.fixture
def ana(accounts):
    return accounts.sign_up("ana@example.com", PASSWORD)


def test_a_token_authenticates_its_owner_until_revoked(accounts, ana):
    issued = accounts.create_token("ana@example.com", label="laptop script")
    assert issued.token.startswith("trk_") and len(issued.token) > 40
    assert issued.hint == issued.token[:8] + "…"
    assert accounts.authenticate_token(issued.token) == ana
    [info] = accounts.list_tokens("ana@example.com")
    assert (info.token_id, info.label, info.active) == (issued.token_id, "laptop script", True)
    accounts.revoke_token("ana@example.com", issued.token_id)
    with pytest.raises(SignInFailed):
        accounts.authenticate_token(issued.token)
    [info] = accounts.list_tokens("ana@example.com")
    assert not info.active
    accounts.revoke_token("ana@example.com", issued.token_id)  # again: nothing more happens


def test_tokens_are_distinct_and_independent(accounts, ana):
    first = accounts.create_token("ana@example.com")
    second = accounts.create_token("ana@example.com")
    assert first.token != second.token
    accounts.revoke_token("ana@example.com", first.token_id)
    assert accounts.authenticate_token(second.token) == ana


def test_the_record_is_found_by_the_hash_of_the_token(accounts, ana):
    issued = accounts.create_token("ana@example.com")
    assert issued.token_id == ApiToken.create_id(token_hash(issued.token))
    record = accounts.app.repository.get(issued.token_id)
    assert record.owner_email == "ana@example.com"


def test_only_the_owner_revokes(accounts, ana):
    accounts.sign_up("ben@example.com", PASSWORD)
    issued = accounts.create_token("ana@example.com")
    with pytest.raises(NotFound):
        accounts.revoke_token("ben@example.com", issued.token_id)
    assert accounts.authenticate_token(issued.token) == ana


@pytest.mark.parametrize(
    "token", [None, "", "Bearer x", "trk_short", "trk_" + "A" * 43 + "!", 42, "tok_" + "A" * 43]
)
def test_malformed_tokens_fail(accounts, ana, token):
    with pytest.raises(SignInFailed):
        accounts.authenticate_token(token)


def test_guessing_tokens_slows_the_client_address_but_a_valid_token_passes(accounts, ana):
    issued = accounts.create_token("ana@example.com")
    delays: list[float] = []
    accounts.sleep = delays.append
    for _ in range(31):
        with pytest.raises(SignInFailed):
            accounts.authenticate_token("trk_" + "x" * 43, client="203.0.113.7")
    assert delays == [0.25]
    assert accounts.authenticate_token(issued.token, client="203.0.113.7") == ana


def test_only_a_hash_is_stored(store_accounts):
    store_accounts.sign_up("ana@example.com", PASSWORD)
    issued = store_accounts.create_token("ana@example.com", label="ci")
    secret = issued.token[len("trk_") :].encode()
    states = [n.state for n in store_accounts.app.recorder.select_notifications(1, 100)]
    assert len(states) == 3  # registered, token listed on the user, token record
    assert not any(secret in state for state in states)
    assert any(token_hash(issued.token).encode() in state for state in states)
    assert store_accounts.authenticate_token(issued.token).email == "ana@example.com"


def test_token_labels_are_checked(accounts, ana):
    with pytest.raises(InvalidValue):
        accounts.create_token("ana@example.com", label="x" * (SHORT_TEXT + 1))
    with pytest.raises(NotFound):
        accounts.create_token("nobody@example.com")


def test_a_known_token_costs_one_read_of_its_owner(accounts, ana):
    issued = accounts.create_token("ana@example.com")
    accounts.authenticate_token(issued.token)  # the first time, its record says whose it is
    read = []
    get = accounts.app.repository.get
    accounts.app.repository.get = lambda aggregate_id, **kw: (
        read.append(aggregate_id) or get(aggregate_id, **kw)
    )
    assert accounts.authenticate_token(issued.token) == ana
    assert issued.token_id not in read and len(read) == 1  # the owner's account, read fresh


def test_a_token_revoked_on_another_server_fails_at_once(store_config, clock):
    here = build_accounts(people_config(store_config), clock=clock)
    there = build_accounts(people_config(store_config), clock=clock)
    try:
        here.sign_up("ana@example.com", PASSWORD)
        issued = here.create_token("ana@example.com")
        assert here.authenticate_token(issued.token).email == "ana@example.com"
        there.revoke_token("ana@example.com", issued.token_id)
        with pytest.raises(SignInFailed):
            here.authenticate_token(issued.token)
    finally:
        there.close()
        here.close()


def test_a_token_its_owner_does_not_list_is_checked_against_its_record(accounts, ana, clock):
    token = "trk_" + "L" * 43
    record = ApiToken(
        token_hash=token_hash(token),
        owner_id=ana.id,
        owner_email="ana@example.com",
        label="",
        hint=token[:8],
        actor="ana@example.com",
        at=clock(),
    )
    accounts.app.save(record)
    assert accounts.authenticate_token(token) == ana
    record.revoke(actor="ana@example.com", at=clock())
    accounts.app.save(record)
    with pytest.raises(SignInFailed):
        accounts.authenticate_token(token)
