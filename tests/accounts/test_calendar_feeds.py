"""Calendar feed tokens: made once (only a hash stored), found in one get by that hash, replaced or
turned off by their owner; a replaced or closed token opens nothing."""

from __future__ import annotations

import pytest

from tracker.accounts.calendar_feeds import CalendarFeed, feed_hash
from tracker.domain.errors import NotFound

PASSWORD = "correct horse battery"


@pytest.fixture
def ana(accounts):
    return accounts.sign_up("ana@example.com", PASSWORD)


def test_a_feed_token_opens_its_owners_feed_until_replaced(accounts, ana, clock):
    assert not accounts.calendar_feed("ana@example.com").on
    first = accounts.open_calendar_feed("ana@example.com")
    assert len(first.token) >= 43 and accounts.calendar_feed_owner(first.token) == ana
    info = accounts.calendar_feed("ana@example.com")
    assert info.on and info.opened_at == first.opened_at
    second = accounts.open_calendar_feed("ana@example.com")
    assert second.token != first.token
    assert accounts.calendar_feed_owner(first.token) is None
    assert accounts.calendar_feed_owner(second.token) == ana


def test_turning_the_feed_off_closes_it_and_a_second_time_is_not_found(accounts, ana):
    issued = accounts.open_calendar_feed("ana@example.com")
    accounts.close_calendar_feed("ana@example.com")
    assert accounts.calendar_feed_owner(issued.token) is None
    assert not accounts.calendar_feed("ana@example.com").on
    with pytest.raises(NotFound):
        accounts.close_calendar_feed("ana@example.com")


def test_only_the_hash_is_stored_and_the_events_name_their_actor(accounts, ana):
    issued = accounts.open_calendar_feed("ana@example.com", actor="ana@example.com")
    accounts.close_calendar_feed("ana@example.com")
    record = accounts.app.repository.get(CalendarFeed.create_id(feed_hash(issued.token)))
    assert record.owner_email == "ana@example.com" and not record.active
    stored = [e for log in (ana.id, record.id) for e in accounts.app.repository.event_store.get(log)]
    kinds = [type(e).__qualname__ for e in stored]
    assert {"User.CalendarFeedOpened", "User.CalendarFeedClosed", "CalendarFeed.Opened"} <= set(kinds)
    assert all(getattr(e, "actor", "ana@example.com") == "ana@example.com" for e in stored)
    assert not any(issued.token in repr(e.__dict__) for e in stored)


@pytest.mark.parametrize("token", [None, "", "short", "x" * 100, "not a token with spaces!" * 3])
def test_anything_but_a_real_token_opens_nothing(accounts, ana, token):
    accounts.open_calendar_feed("ana@example.com")
    assert accounts.calendar_feed_owner(token) is None
