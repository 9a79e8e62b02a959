"""`tracker notify`: one round against the configured store (what it handled, by channel and
status), and `--follow` running until SIGTERM, then exiting 0, as a process supervisor stops it."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

from tests.support.config import make_config
from tests.support.live_server import ROOT, run_cli, server_env
from tracker.bootstrap import build_people, build_tracker


def test_one_round_tells_what_it_handled(tmp_path):
    config = make_config(store="sqlite", data_dir=str(tmp_path), password_hash_profile="CHEAPEST")
    tracker = build_tracker(config)
    people = build_people(config, tracker)
    try:
        for email in ("olive@example.org", "vic@example.org"):
            people.accounts.sign_up(email, "a long enough password")
        nid = tracker.start_negotiation(actor="olive@example.org", title="Offer", kind="job_offer")
        people.access.share_with_user(nid, "vic@example.org", "viewer", actor="olive@example.org")
        tracker.step(nid, "add_note", actor="olive@example.org", text="Called Dana")
    finally:
        people.close()
        tracker.close()
    first = run_cli(config, "notify")
    assert "handled" in first.stdout and "in_app: 2 sent" in first.stdout  # the share and the note
    again = run_cli(config, "notify")
    assert "handled 0 events" in again.stdout and "in_app: 2 sent" in again.stdout  # nothing twice


def test_follow_runs_until_sigterm(tmp_path):
    config = make_config(store="sqlite", data_dir=str(tmp_path))
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker.cli", "notify", "--follow", "--interval", "0.2"],
        cwd=ROOT,
        env=server_env(config),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert "following the event log" in process.stdout.readline()
        time.sleep(0.5)
        assert process.poll() is None
        process.send_signal(signal.SIGTERM)
        assert process.wait(20) == 0
    finally:
        if process.poll() is None:
            process.kill()
