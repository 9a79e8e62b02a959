"""Look-alike addresses: a full-width address is the plain account (NFKC), and a local part that mixes
alphabets or is written in letters that only look Latin is refused, naming the field. An account
stored before the check still loads and signs in."""

from __future__ import annotations

import pytest

from tracker.accounts import EmailTaken
from tracker.accounts.emails import normalise_email
from tracker.domain.errors import InvalidValue

PASSWORD = "correct horse battery"
OWNER = "owner@example.org"
FULL_WIDTH = "ｏｗｎｅｒ@example.org"
CYRILLIC_O = "\u043ewner@example.org"  # о (U+043E) then Latin "wner"


def test_a_full_width_address_is_the_plain_account(accounts):
    accounts.sign_up(OWNER, PASSWORD)
    with pytest.raises(EmailTaken):
        accounts.sign_up(FULL_WIDTH, "another password here")
    assert accounts.sign_in(FULL_WIDTH, PASSWORD).email == OWNER
    assert normalise_email("ＯＷＮＥＲ@ＥＸＡＭＰＬＥ.ＯＲＧ") == OWNER


@pytest.mark.parametrize(
    "email, words",
    [
        (CYRILLIC_O, "Cyrillic and Latin"),
        ("p\u0430ypal@example.org", "Cyrillic and Latin"),  # а
        ("\u043e\u0440\u0435\u0445@example.org", "looks like a Latin one"),  # орех: every letter
        ("\u03c1\u03b1\u03c5@example.org", "looks like a Latin one"),  # ραυ: Greek posing as Latin
    ],
)
def test_lookalike_local_parts_are_refused_naming_the_field(accounts, email, words):
    accounts.sign_up(OWNER, PASSWORD)
    with pytest.raises(InvalidValue) as caught:
        accounts.sign_up(email, PASSWORD)
    assert caught.value.field == "email" and words in caught.value.message
    assert not accounts.user_exists(email)


@pytest.mark.parametrize(
    "email", ["josé@example.org", "müller@example.org", "дмитрий@example.org", "o.w-n_e+r1@example.org"]
)
def test_addresses_in_one_real_alphabet_are_welcome(accounts, email):
    assert accounts.sign_up(email, PASSWORD).email == email


def test_an_account_stored_before_the_check_still_loads_and_signs_in(accounts, monkeypatch):
    import tracker.accounts.emails as emails

    monkeypatch.setattr(emails, "refuse_lookalike", lambda local, field: None)
    accounts.sign_up(CYRILLIC_O, PASSWORD)  # as it was stored before the check existed
    monkeypatch.undo()
    emails._key.cache_clear()
    assert accounts.sign_in(CYRILLIC_O, PASSWORD).email == CYRILLIC_O
    assert accounts.get_user(CYRILLIC_O).email == CYRILLIC_O
