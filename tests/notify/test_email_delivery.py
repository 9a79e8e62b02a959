"""Email end to end: the app configured with a real SMTP server (aiosmtpd), a step taken, the outbox
run, and what arrived read back. Each person gets one email per step they want (none for their own
steps); the digest holds a day's steps for one email after the person's midnight; a server that
refuses is recorded as a failed delivery, with the reason, and tried again later."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.support.access import EDITOR, OWNER, VIEWER, build_world, web_config
from tests.support.config import make_config
from tracker.notify.preferences import Preferences
from tracker.notify.store import EMAIL, FAILED, QUEUED

COUNTER = {
    "from_party": "p2",
    "to_parties": ["p1"],
    "values": {"base_salary": {"amount": "99000", "currency": "EUR"}},
}


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def mailed(smtp, tmp_path, clock):
    from tracker import create_app

    controller, inbox = smtp
    config = make_config(
        store="sqlite",
        data_dir=str(tmp_path),
        smtp_host="127.0.0.1",
        smtp_port=controller.port,
        smtp_starttls=False,
        base_url="https://tracker.example.org",
        clock=clock,
    )
    world = build_world(create_app(web_config(config)))
    world.inbox = inbox
    yield world
    world.close()


def to(world, email):
    return [a.message for a in world.inbox.arrived if email in a.rcpt_tos]


def test_a_counter_is_emailed_to_the_candidate_with_a_link_to_the_step(mailed):
    mailed.people.accounts.change_preferences(OWNER, "Europe/Berlin", "de_DE")
    mailed.tracker.step(mailed.nid, "make_proposal", actor=EDITOR, **COUNTER)
    mailed.people.outbox.run_once()
    (message,) = about(mailed, OWNER, "99,000")
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    version = mailed.tracker.head_version(mailed.nid)
    link = f"https://tracker.example.org/negotiations/{mailed.nid}#v{version}"
    assert link in text and link in html
    assert "99.000" in text or "99,000" in text
    recorded = mailed.tracker.timeline(mailed.nid)[-1].recorded_at
    assert recorded.astimezone(ZoneInfo("Europe/Berlin")).strftime("%H:%M") in text  # in Olive's zone
    assert about(mailed, EDITOR, "99,000") == []  # their own step
    assert (
        about(mailed, VIEWER, "99,000") == []
    )  # the default: only what needs them; a viewer answers nothing


def test_the_digest_holds_the_day_for_one_email_after_midnight(mailed, clock):
    store = mailed.people.outbox.store
    store.set_preferences(VIEWER, Preferences("all", "digest"), clock())
    for text in ("Called Dana", "Sent the references"):
        mailed.tracker.step(mailed.nid, "add_note", actor=EDITOR, text=text)
    mailed.people.outbox.run_once()
    assert to(mailed, VIEWER) == []  # held until the day is over
    clock.now += timedelta(days=1)
    mailed.people.outbox.run_once()
    mailed.people.outbox.run_once()
    (digest,) = to(mailed, VIEWER)
    body = digest.get_body(("plain",)).get_content()
    assert "Called Dana" in body and "Sent the references" in body


def about(world, email, words):
    return [m for m in to(world, email) if words in m.get_body(("plain",)).get_content()]


def test_a_refused_email_is_recorded_failed_and_retried_later(mailed, clock):
    mailed.inbox.refuse.add(OWNER)
    mailed.tracker.step(mailed.nid, "make_proposal", actor=EDITOR, **COUNTER)
    mailed.people.outbox.run_once()
    (delivery,) = [
        d for d in _email_deliveries(mailed) if d.recipient == OWNER and "99,000" in d.notice.sentence
    ]
    assert delivery.status in (QUEUED, FAILED) and "550" in (delivery.last_error or "")
    assert about(mailed, OWNER, "99,000") == []


def _email_deliveries(world):
    store = world.people.outbox.store
    return store.deliveries(EMAIL, [OWNER, VIEWER, EDITOR])


def test_the_daily_reminder_tells_of_a_deadline_within_two_days_once(mailed, clock):
    now = datetime.now(UTC)
    mailed.tracker.step(
        mailed.nid,
        "make_proposal",
        actor=OWNER,
        respond_by=now + timedelta(days=1),
        **{**COUNTER, "from_party": "p1", "to_parties": ["p2"]},
    )
    clock.now = now.replace(hour=6, minute=0)  # before 08:00 (Olive's zone is UTC): no reminder yet
    mailed.people.outbox.run_once()
    assert reminders(mailed, OWNER) == []
    clock.now = now.replace(hour=9, minute=0)
    mailed.people.outbox.run_once()
    clock.now += timedelta(minutes=10)
    mailed.people.outbox.run_once()  # the same day again: nothing more
    (reminder,) = reminders(mailed, OWNER)
    body = reminder.get_body(("plain",)).get_content()
    assert "Dana Kim should answer proposal #2" in body and mailed.nid in body


def reminders(world, email):
    return [m for m in to(world, email) if "due" in m["Subject"].lower()]
