"""`tracker catch-up`: the read model's runner as its own process: once, or following new events
until stopped (SIGTERM)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.config import make_config
from tracker.bootstrap import build_people, build_tracker
from tracker.cli import main
from tracker.projections import EVERYTHING

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_STORE", "sqlite")
    monkeypatch.setenv("TRACKER_DATA_DIR", str(tmp_path))
    return make_config(store="sqlite", data_dir=str(tmp_path))


def positions(config) -> dict:
    tracker = build_tracker(config)
    people = build_people(config, tracker)
    try:
        return people.read_model.projection.position()
    finally:
        people.close()
        tracker.close()


def start(config, title: str) -> None:
    tracker = build_tracker(config)
    try:
        tracker.start_negotiation(actor="ana@example.org", title=title, kind="job_offer")
    finally:
        tracker.close()


def test_catching_up_once_projects_what_is_new(store, capsys):
    start(store, "Offer one")
    start(store, "Offer two")
    assert main(["catch-up"]) == 0
    assert capsys.readouterr().out.strip() == "projected 2 events"
    assert positions(store)["Tracker"] == 2
    assert main(["catch-up"]) == 0
    assert capsys.readouterr().out.strip() == "projected 0 events"


@pytest.mark.slow
def test_following_keeps_up_until_sigterm(store):
    env = {**os.environ, "TRACKER_STORE": "sqlite", "TRACKER_DATA_DIR": store["data_dir"]}
    command = [sys.executable, "-m", "tracker.cli", "catch-up", "--follow", "--interval", "0.2"]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout.readline().strip() == "projected 0 events"
        start(store, "Offer while following")
        deadline = time.monotonic() + 30
        while positions(store)["Tracker"] != 1:
            assert time.monotonic() < deadline, "the follower did not project the new event"
            time.sleep(0.1)
        tracker = build_tracker(store)
        people = build_people(store, tracker)
        try:
            people.read_model.catch_up_on_read = False  # what the follower wrote, not this reader's catch-up
            titles = [s.title for s in people.read_model.list_negotiations(visible_to=EVERYTHING).items]
        finally:
            people.close()
            tracker.close()
        assert titles == ["Offer while following"]
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0, process.stderr.read()
