"""What the badge verified, kept in the store (tracker.audit.kept_heads): a restarted worker's first
view decodes only what came after it, yet an edit, a deletion or a consistent rewrite of rows
verified before the restart is still named, and a kept row that is not sealed with this
installation's key is ignored (the whole chain checked, as without it). Both real stores."""

from __future__ import annotations

from unittest import mock

import pytest

from tests.support.tamper import StoredTable, forge_from
from tracker.audit import kept_heads, verified, verify
from tracker.audit.verified import KEEP_EVERY, check_record
from tracker.bootstrap import build_tracker
from tracker.demo import load_demo
from tracker.eventstore.errors import StoreUnavailable
from tracker.eventstore.storage import decode_state


@pytest.fixture
def kept(store_config):
    """(config, id): the 40-event demo (snapshots every 10), checked by a process that has ended."""
    config = dict(store_config, snapshot_interval=10)
    tracker = build_tracker(config)
    try:
        nid = load_demo(tracker)
        assert check_record(tracker, nid).intact
    finally:
        tracker.close()
    return config, nid


@pytest.fixture
def restarted(kept):
    """(tracker, config, id): a new process on the same store, nothing verified in it yet."""
    config, nid = kept
    tracker = build_tracker(config)
    yield tracker, config, nid
    tracker.close()


def first_view(tracker, nid):
    """(report, stored events decoded for the chain, snapshots replayed) of one check."""
    with (
        mock.patch.object(verify, "decode_state", wraps=decode_state) as decoded,
        mock.patch.object(verified, "state_at", wraps=verified.state_at) as replayed,
    ):
        report = check_record(tracker, nid)
    return report, decoded.call_count, replayed.call_count


def append(tracker, nid, count: int = 1) -> None:
    for i in range(count):
        tracker.step(nid, "record_lessons", actor="alex", lessons=f"Lesson {i}: ask for the band early.")


def test_a_restarted_worker_starts_from_what_was_kept(restarted):
    tracker, _, nid = restarted
    report, decoded, replayed = first_view(tracker, nid)
    assert report.intact and report.events_checked == 40 and decoded == 0 and replayed == 0


def test_only_the_events_after_the_kept_head_are_decoded(restarted):
    tracker, _, nid = restarted
    append(tracker, nid, 3)
    report, decoded, _ = first_view(tracker, nid)
    assert report.intact and report.events_checked == 43 and decoded == 3


def test_an_edit_made_while_no_worker_ran_is_named(kept):
    config, nid = kept
    StoredTable(config, nid).replace_text(5, b"Dana Kim", b"Dana Kin")
    tracker = build_tracker(config)
    try:
        assert check_record(tracker, nid).first_bad_version == 5
    finally:
        tracker.close()


def test_a_consistent_rewrite_is_named_after_a_restart(kept):
    """Event 5 edited and every digest after it recomputed: the chain holds together, but not with
    the head kept before the restart (without it, a new process had nothing to compare with)."""
    config, nid = kept
    tracker = build_tracker(config)
    try:
        forge_from(tracker, StoredTable(config, nid), nid)
        report = check_record(tracker, nid)
        assert report.first_bad_version == 40 and "rewritten" in report.problem
    finally:
        tracker.close()


def test_deleted_newest_events_are_named_after_a_restart(kept):
    config, nid = kept
    table = StoredTable(config, nid)
    table.delete(40)
    table.delete(39)
    StoredTable(config, nid, purpose="snapshots").delete(40)
    tracker = build_tracker(config)
    try:
        assert not check_record(tracker, nid).intact
    finally:
        tracker.close()


def test_a_kept_row_not_sealed_by_this_installation_is_ignored(kept):
    """Someone with the database but not the key changes the kept head (to match a rewritten
    chain, say): the seal no longer matches, so the whole chain is checked from the first event."""
    config, nid = kept
    heads = StoredTable(config, nid, purpose="events")
    table = f'"{config["postgres_schema"]}".verified_heads' if heads.postgres else "verified_heads"
    heads.run(f"UPDATE {table} SET head = ? WHERE negotiation_id = ?", "0" * 64, str(nid))
    tracker = build_tracker(config)
    try:
        report, decoded, _ = first_view(tracker, nid)
        assert report.intact and decoded == 40
    finally:
        tracker.close()


def test_the_head_is_kept_again_every_so_many_events_verified(restarted):
    tracker, _, nid = restarted
    assert check_record(tracker, nid).intact
    append(tracker, nid)
    with mock.patch.object(kept_heads.KeptHeads, "keep", wraps=tracker.kept_heads.keep) as keep:
        assert check_record(tracker, nid).intact  # 41 verified: not yet worth a write
        assert keep.call_count == 0
        append(tracker, nid, KEEP_EVERY - 1)
        assert check_record(tracker, nid).intact
        assert keep.call_count == 1
    assert tracker.kept_heads.recall(nid)[0] == 40 + KEEP_EVERY


def test_a_store_that_refuses_the_write_leaves_the_check_as_it_is(restarted, caplog):
    tracker, _, nid = restarted
    append(tracker, nid, KEEP_EVERY)
    refused = StoreUnavailable("The event store's SQLite file cannot be written.", "not writable")
    with mock.patch.object(kept_heads.KeptHeads, "keep", side_effect=refused):
        assert check_record(tracker, nid).intact
    assert "Could not keep the verified head" in caplog.text
    assert tracker.kept_heads.recall(nid)[0] == 40


def test_the_memory_store_keeps_nothing(memory_tracker):
    nid = load_demo(memory_tracker)
    assert memory_tracker.kept_heads is None and check_record(memory_tracker, nid).intact
