"""The record badge skips re-reading rows only while the store's change token shows that nothing
was written since it verified them (tracker.audit.change_tokens), on the real SQLite file and the
real PostgreSQL table; any write, even one that changes no byte, sends it back to the rows."""

from __future__ import annotations

from unittest import mock

import pytest

from tests.support.tamper import StoredTable
from tracker.audit import rows
from tracker.audit.change_tokens import change_token
from tracker.audit.verified import check_record, records_of
from tracker.bootstrap import build_tracker
from tracker.demo import load_demo


@pytest.fixture
def running(store_config):
    """(tracker, config, id): the 40-event demo (snapshots every 10), checked once, and once more
    after the first check kept its head in the store (a write: on SQLite it changes the token)."""
    config = dict(store_config, snapshot_interval=10)
    tracker = build_tracker(config)
    nid = load_demo(tracker)
    assert check_record(tracker, nid).intact
    assert check_record(tracker, nid).intact
    yield tracker, config, nid
    tracker.close()


def rows_read(call):
    """(result of ``call()``, how many times it read the stored rows of events or snapshots)."""
    with (
        mock.patch.object(
            rows.RowReader, "unchanged", autospec=True, side_effect=rows.RowReader.unchanged
        ) as a,
        mock.patch.object(
            rows.RowReader, "everything", autospec=True, side_effect=rows.RowReader.everything
        ) as b,
        mock.patch.object(rows.RowReader, "mark", autospec=True, side_effect=rows.RowReader.mark) as c,
    ):
        result = call()
    return result, a.call_count + b.call_count + c.call_count


def subclass_calls(tracker, nid):
    """Same as rows_read, counting the store's own reader subclass (they override those methods)."""
    reader = type(rows.reader(tracker.recorder))
    with (
        mock.patch.object(reader, "unchanged", autospec=True, side_effect=reader.unchanged) as a,
        mock.patch.object(reader, "everything", autospec=True, side_effect=reader.everything) as b,
        mock.patch.object(reader, "mark", autospec=True, side_effect=reader.mark) as c,
    ):
        report = check_record(tracker, nid)
    return report, a.call_count + b.call_count + c.call_count


def test_a_quiet_store_is_not_read_again(running):
    tracker, _, nid = running
    assert check_record(tracker, nid).intact  # the first check's token is now remembered
    report, reads = subclass_calls(tracker, nid)
    assert report.intact and report.events_checked == 40 and reads == 0


def test_an_edit_after_a_quiet_view_is_named(running):
    tracker, config, nid = running
    assert subclass_calls(tracker, nid)[1] == 0
    StoredTable(config, nid).replace_text(5, b"Dana Kim", b"Dana Kin")
    report, reads = subclass_calls(tracker, nid)
    assert report.first_bad_version == 5 and reads > 0
    assert records_of(tracker).get(nid).token is None  # never skipped while it is broken


def test_postgres_a_write_that_changes_no_byte_still_sends_the_badge_back_to_the_rows(pg_config):
    config = dict(pg_config, snapshot_interval=10)
    tracker = build_tracker(config)
    try:
        nid = load_demo(tracker)
        assert check_record(tracker, nid).intact
        before = change_token(tracker.recorder, nid)
        table = StoredTable(config, nid)
        table.set_row(7, *table.row(7))  # the same bytes, written again: a new row version
        assert change_token(tracker.recorder, nid) != before
        report, reads = subclass_calls(tracker, nid)
        assert report.intact and reads > 0
    finally:
        tracker.close()


def test_an_edited_snapshot_after_a_quiet_view_is_named(running):
    tracker, config, nid = running
    assert subclass_calls(tracker, nid)[1] == 0
    snapshots = StoredTable(config, nid, purpose="snapshots")
    newest = max(snapshots.versions())
    snapshots.replace_text(newest, b"Dana Kim", b"Dana Kin")
    report = check_record(tracker, nid)
    assert report.first_bad_version == newest and "snapshot" in report.problem


def test_another_view_version_is_checked_once_then_skipped(running):
    tracker, _, nid = running
    _report, reads = subclass_calls(tracker, nid)
    assert reads == 0
    with mock.patch(
        "tracker.audit.verified._check_snapshots",
        wraps=__import__("tracker.audit.verified", fromlist=["_check_snapshots"])._check_snapshots,
    ) as snapshots:
        assert check_record(tracker, nid, at=[15]).intact  # a page as of version 15: its snapshot is checked
        assert check_record(tracker, nid, at=[15]).intact  # then known
    assert snapshots.call_count == 1


def test_sqlite_any_commit_to_the_file_changes_the_token(sqlite_config):
    tracker = build_tracker(sqlite_config)
    try:
        one, other = load_demo(tracker), load_demo(tracker)
        before = change_token(tracker.recorder, one)
        assert change_token(tracker.recorder, one) == before  # nothing written in between
        tracker.step(other, "record_lessons", actor="alex", lessons="Another negotiation moved.")
        assert change_token(tracker.recorder, one) != before
    finally:
        tracker.close()


def test_postgres_the_token_follows_the_negotiation_s_own_rows(pg_config):
    tracker = build_tracker(pg_config)
    try:
        one, other = load_demo(tracker), load_demo(tracker)
        before = change_token(tracker.recorder, one)
        tracker.step(other, "record_lessons", actor="alex", lessons="Another negotiation moved.")
        assert change_token(tracker.recorder, one) == before
        tracker.step(one, "record_lessons", actor="alex", lessons="This one moved.")
        assert change_token(tracker.recorder, one) != before
    finally:
        tracker.close()


def test_the_events_and_snapshots_tokens_together_are_each_one_s(running):
    tracker, _, nid = running
    from tracker.audit.change_tokens import change_tokens

    recorders = [tracker.recorder, tracker.snapshots.recorder]
    assert change_tokens(recorders, nid) == tuple(change_token(r, nid) for r in recorders)
