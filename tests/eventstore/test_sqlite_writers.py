"""SQLite's writers take turns through a lock file beside the database (tracker.eventstore.sqlite_writers):
a write waits for its turn, a read never does, a turn not given within the store timeout is
StoreUnavailable as a locked file is, and a thread's nested writes do not wait for themselves."""

from __future__ import annotations

import os
import threading

import pytest

from tracker.bootstrap import build_tracker
from tracker.config import sqlite_path
from tracker.eventstore.errors import StoreUnavailable
from tracker.eventstore.sqlite_writers import WriterTurns, writer_turns

ACTOR = "dana@example.org"


def other_process(config) -> WriterTurns:
    """The turns another process would take: its own open lock file (flock locks conflict between
    open files, within a process too)."""
    return WriterTurns(f"{os.path.abspath(sqlite_path(config))}.writers")


def test_a_write_waits_for_its_turn_and_a_read_does_not(sqlite_config):
    tracker = build_tracker(dict(sqlite_config, store_timeout_seconds=1))
    try:
        nid = tracker.start_negotiation(actor=ACTOR, title="Offer", kind="job_offer")
        other = other_process(sqlite_config)
        with other.turn(timeout=1):
            assert tracker.get(nid).version == 1  # reads go on
            with pytest.raises(StoreUnavailable) as refused:
                tracker.step(nid, "add_note", actor=ACTOR, text="While another writer holds its turn.")
            assert refused.value.reason == "timeout"
            assert "locked by another writer" in refused.value.message
        tracker.step(nid, "add_note", actor=ACTOR, text="After it.")
        assert tracker.get(nid).version == 2  # the refused note stored nothing
    finally:
        tracker.close()


def test_a_waiting_write_goes_on_once_the_turn_is_given_back(sqlite_config):
    tracker = build_tracker(sqlite_config)
    try:
        nid = tracker.start_negotiation(actor=ACTOR, title="Offer", kind="job_offer")
        other = other_process(sqlite_config)
        held, done = threading.Event(), []
        with other.turn(timeout=1):
            writer = threading.Thread(
                target=lambda: done.append(tracker.step(nid, "add_note", actor=ACTOR, text="Queued."))
            )
            writer.start()
            held.wait(0.2)
            assert not done  # still waiting for the turn
        writer.join(timeout=10)
        assert [r.version for r in done] == [2]
    finally:
        tracker.close()


def test_turns_are_reentrant_in_a_thread_and_one_per_process_and_file(tmp_path):
    turns = writer_turns(str(tmp_path / "store.sqlite"))
    assert writer_turns(str(tmp_path / "store.sqlite")) is turns
    assert writer_turns(str(tmp_path / "other.sqlite")) is not turns
    with turns.turn(timeout=1), turns.turn(timeout=1):  # a nested write does not wait for itself
        with pytest.raises(StoreUnavailable):
            with WriterTurns(turns.lock_path).turn(timeout=0.05):
                pass
    with WriterTurns(turns.lock_path).turn(timeout=0.05):  # given back when the outer turn ended
        pass
