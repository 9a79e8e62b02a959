"""The outbox killed mid-batch (SIGKILL, as a crash or an OOM kill would) while it sends emails to
a real SMTP server, then started again: every delivery ends sent exactly once, or marked failed
(a call that was in flight when the process died may have arrived, so it is never sent again);
none arrives twice and none is left behind."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.support.config import make_config
from tests.support.report import report
from tests.support.smtp_server import Inbox, smtp_server
from tracker.notify.preferences import Preferences
from tracker.notify.store import EMAIL, FAILED, QUEUED, SENDING, SENT

OWNER, READERS = "olive@example.org", [f"reader{i}@example.org" for i in range(3)]
NOTES = 40


class SlowInbox(Inbox):
    """Takes a moment over each message, so the kill lands while calls are in flight."""

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.03)
        return await super().handle_DATA(server, session, envelope)


def seed(data_dir: Path) -> None:
    from tracker.bootstrap import build_people, build_tracker

    config = make_config(store="sqlite", data_dir=str(data_dir), password_hash_profile="CHEAPEST")
    tracker = build_tracker(config)
    people = build_people(config, tracker)
    try:
        for email in (OWNER, *READERS):
            people.accounts.sign_up(email, "correct horse battery staple")
        nid = tracker.start_negotiation(actor=OWNER, title="Staff engineer offer", kind="job_offer")
        for email in READERS:
            people.access.share_with_user(nid, email, "viewer", actor=OWNER)
            people.outbox.store.set_preferences(email, Preferences("all", "all"), people.outbox.clock())
        for i in range(NOTES):
            tracker.step(nid, "add_note", actor=OWNER, text=f"note {i:02d}")
    finally:
        people.close()
        tracker.close()


def start(data_dir: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "TRACKER_STORE": "sqlite",
        "TRACKER_DATA_DIR": str(data_dir),
        "TRACKER_SMTP_HOST": "127.0.0.1",
        "TRACKER_SMTP_PORT": str(port),
        "TRACKER_SMTP_STARTTLS": "false",
        "TRACKER_NOTIFY_LEASE_SECONDS": "1",
    }
    command = [sys.executable, "-m", "tracker.cli", "notify", "--follow", "--interval", "0.1"]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def email_deliveries(data_dir: Path):
    from tracker.bootstrap import build_people, build_tracker

    config = make_config(store="sqlite", data_dir=str(data_dir))
    tracker = build_tracker(config)
    people = build_people(config, tracker)
    try:
        found = people.outbox.store.deliveries(EMAIL, READERS, limit=10_000)
        return [d for d in found if d.notice.kind == "NoteAdded"]
    finally:
        people.close()
        tracker.close()


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@pytest.mark.slow
def test_sigkill_mid_batch_sends_nothing_twice_and_leaves_nothing_behind(tmp_path):
    seed(tmp_path)
    inbox = SlowInbox()
    with smtp_server(inbox) as (controller, _):
        first = start(tmp_path, controller.port)
        try:
            wait_for(lambda: len(inbox.arrived) >= 15, 60, "the first emails")
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        at_kill = len(inbox.arrived)
        assert at_kill < NOTES * len(READERS), "killed too late: everything had gone out"
        time.sleep(1.2)  # the dead process's claims outlive their lease
        second = start(tmp_path, controller.port)
        try:
            wait_for(
                lambda: all(d.status in (SENT, FAILED) for d in email_deliveries(tmp_path)),
                90,
                "every delivery",
            )
        finally:
            second.terminate()
            second.wait(10)
    deliveries = email_deliveries(tmp_path)
    assert len(deliveries) == NOTES * len(READERS)  # each event handled once: none missing, none twice
    bodies = [(a.rcpt_tos[0], a.message.get_body(("plain",)).get_content()) for a in inbox.arrived]
    arrived = Counter((to, body.split("note ")[1][:2]) for to, body in bodies if "Note: note " in body)
    assert max(arrived.values()) == 1, [k for k, n in arrived.items() if n > 1]  # none twice
    for d in deliveries:
        key = (d.recipient, d.notice.sentence.split("note ")[1][:2])
        if d.status == SENT:
            assert arrived[key] == 1, d
        else:  # failed: only a call cut short by the kill, said so
            assert d.status == FAILED and "interrupted" in (d.last_error or ""), d
    assert not [d for d in deliveries if d.status in (QUEUED, SENDING)]
    interrupted = sum(d.status == FAILED for d in deliveries)
    assert interrupted <= 1  # only a call in flight at the kill; the rest of its batch went back to the queue
    report(
        "outbox",
        "SIGKILL mid-batch, SQLite, real SMTP server",
        {
            "deliveries": len(deliveries),
            "arrived before the kill": at_kill,
            "sent once": sum(d.status == SENT for d in deliveries),
            "marked failed (in flight at the kill)": interrupted,
            "arrived twice": 0,
        },
    )
