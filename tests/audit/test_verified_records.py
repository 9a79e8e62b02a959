"""The record badge's check (tracker.audit.verified) on the real stores: after a first, full check it
only decodes what was added, yet an edit, deletion, swap, insertion or rewrite of an event verified
earlier, or an edit of a snapshot the page reads, made in the database afterwards (plain SQL on the
SQLite file or the PostgreSQL table, the application still running), is reported on the next check."""

from __future__ import annotations

from unittest import mock

import pytest

from tests.support.tamper import StoredTable, forge_from
from tracker.audit import rows, verified, verify
from tracker.audit.verified import check_record, records_of
from tracker.bootstrap import build_tracker
from tracker.demo import load_demo
from tracker.eventstore.storage import decode_state


@pytest.fixture
def running(store_config):
    """(tracker, config, id): the 40-event demo, snapshots every 10, one check already done."""
    config = dict(store_config, snapshot_interval=10)
    tracker = build_tracker(config)
    nid = load_demo(tracker)
    first = check_record(tracker, nid)
    assert first.intact and first.events_checked == 40
    yield tracker, config, nid
    tracker.close()


def append(tracker, nid, count: int = 1) -> None:
    for i in range(count):  # the demo is agreed (closed): lessons can still be recorded
        tracker.step(nid, "record_lessons", actor="alex", lessons=f"Lesson {i}: ask for the band early.")


def decoded(tracker, nid, call):
    """(result of ``call()``, how many stored events it decoded for the chain)."""
    with mock.patch.object(verify, "decode_state", wraps=decode_state) as spy:
        result = call()
    return result, spy.call_count


def test_a_second_check_of_an_untouched_record_decodes_nothing(running):
    tracker, _, nid = running
    report, count = decoded(tracker, nid, lambda: check_record(tracker, nid))
    assert report.intact and report.events_checked == 40 and count == 0


def test_an_appended_event_is_verified_incrementally(running):
    tracker, _, nid = running
    append(tracker, nid)
    report, count = decoded(tracker, nid, lambda: check_record(tracker, nid))
    assert report.intact and report.events_checked == 41 and count == 1
    assert records_of(tracker).recall(nid).version == 41


def test_an_old_event_edited_after_a_check_is_named(running):
    tracker, config, nid = running
    table = StoredTable(config, nid)
    original = table.row(5)
    table.replace_text(5, b"Dana Kim", b"Dana Kin")
    report = check_record(tracker, nid)
    assert report.first_bad_version == 5 and "altered" in report.problem
    table.set_row(5, *original)  # put back as it was: intact again
    assert check_record(tracker, nid).intact


def test_an_edit_after_events_were_appended_is_named(running):
    tracker, config, nid = running
    append(tracker, nid)
    assert check_record(tracker, nid).intact
    StoredTable(config, nid).replace_text(32, b'"118000"', b'"128000"')
    assert check_record(tracker, nid).first_bad_version == 32


def test_a_deleted_newest_event_is_named_without_any_other_anchor(running):
    tracker, config, nid = running
    StoredTable(config, nid).delete(40)
    report = check_record(tracker, nid)  # no read-model head passed: the cache remembers version 40
    assert not report.intact and report.first_bad_version == 40 and "deleted" in report.problem


def test_swapped_and_inserted_events_are_named(running):
    tracker, config, nid = running
    table = StoredTable(config, nid)
    table.swap(33, 34)
    assert check_record(tracker, nid).first_bad_version == 33
    table.swap(33, 34)
    assert check_record(tracker, nid).intact
    table.insert_at(15, *table.row(12))
    assert check_record(tracker, nid).first_bad_version == 15


def test_a_consistent_rewrite_of_checked_events_is_named(running):
    """Event 5 edited and every digest after it recomputed: the chain is consistent again, but not
    with the digest this process verified at version 40."""
    tracker, config, nid = running
    forge_from(tracker, StoredTable(config, nid), nid)
    report = check_record(tracker, nid)
    assert report.first_bad_version == 40 and "rewritten" in report.problem


def test_the_newest_snapshot_edited_after_a_check_is_named(running):
    tracker, config, nid = running
    snapshots = StoredTable(config, nid, purpose="snapshots")
    assert snapshots.versions() == [10, 20, 30, 40]
    snapshots.replace_text(40, b"Dana Kim", b"Dana Kin")
    report = check_record(tracker, nid)
    assert report.first_bad_version == 40 and "snapshot" in report.problem


def test_a_snapshot_the_page_reads_is_checked_and_one_it_does_not_is_left_to_tracker_verify(running):
    tracker, config, nid = running
    assert check_record(tracker, nid, at=[25]).intact  # a page as of version 25 loads snapshot 20
    snapshots = StoredTable(config, nid, purpose="snapshots")
    snapshots.replace_text(20, b"Dana Kim", b"Dana Kin")
    assert check_record(tracker, nid, at=[25]).first_bad_version == 20
    assert check_record(tracker, nid).intact  # the latest page does not read snapshot 20 ...
    assert verify.verify_negotiation(tracker, nid).first_bad_version == 20  # ... tracker verify names it


def test_a_deleted_snapshot_is_rebuilt_and_not_reported(running):
    tracker, config, nid = running
    StoredTable(config, nid, purpose="snapshots").delete(40)
    assert check_record(tracker, nid).intact


def test_a_new_snapshot_is_checked_from_the_one_verified_before(running):
    tracker, config, nid = running
    append(tracker, nid, 10)
    assert StoredTable(config, nid, purpose="snapshots").versions()[-1] == 50
    with mock.patch.object(verified, "state_at", wraps=verified.state_at) as replay:
        assert check_record(tracker, nid).intact
    (_, _, version, base), _ = replay.call_args
    assert version == 50 and base.originator_version == 40  # 10 events replayed, not 50
    StoredTable(config, nid, purpose="snapshots").replace_text(50, b"Dana Kim", b"Dana Kin")
    assert check_record(tracker, nid).first_bad_version == 50


def test_a_fresh_process_checks_everything_again(running):
    _tracker, config, nid = running
    StoredTable(config, nid, purpose="snapshots").replace_text(40, b"Dana Kim", b"Dana Kin")
    StoredTable(config, nid).replace_text(5, b"Dana Kim", b"Dana Kin")
    other = build_tracker(config)
    try:
        assert records_of(other).recall(nid) is None
        assert check_record(other, nid).first_bad_version == 5
    finally:
        other.close()


def test_an_encrypted_store_is_checked_the_same_way(sqlite_config):
    from eventsourcing.cryptography import AESCipher

    config = dict(sqlite_config, snapshot_interval=10, cipher_key=AESCipher.create_key(32))
    tracker = build_tracker(config)
    try:
        nid = load_demo(tracker)
        assert check_record(tracker, nid).intact
        append(tracker, nid)
        report, count = decoded(tracker, nid, lambda: check_record(tracker, nid))
        assert report.intact and report.events_checked == 41 and count == 1
        table = StoredTable(config, nid)
        topic, state = table.row(7)
        table.set_row(7, topic, state[:-1] + bytes([state[-1] ^ 1]))  # one bit of the ciphertext
        assert check_record(tracker, nid).first_bad_version == 7
    finally:
        tracker.close()


@pytest.mark.parametrize("chunk", [7, 40, 500])
def test_a_fingerprint_read_in_chunks_is_the_same_as_of_the_rows_it_covers(running, monkeypatch, chunk):
    """The rows stream a chunk at a time; the prefix verified may end anywhere in a chunk."""
    tracker, _config, nid = running
    monkeypatch.setattr(rows, "CHUNK", chunk)
    reader = rows.reader(tracker.recorder)
    every = reader.rows(nid)
    for version in (1, 6, 7, 8, 14, 39, 40):
        prefix, previous = reader.seal(rows.Reading(False, every[:version], every[:version]), None)
        assert prefix == reader.fingerprint(every[:version])
        reading = reader.unchanged(nid, version, prefix)  # on PostgreSQL, computed by the database
        assert reading.same and reading.rows == every[version:], version
        assert reader.seal(reading, previous)[0] == reader.fingerprint(every)  # extended by the rows after
    assert not reader.unchanged(nid, 40, b"another fingerprint").same
    assert not reader.unchanged(nid, 41, reader.fingerprint(every)).same  # fewer rows than verified


def test_edits_are_found_wherever_the_chunks_end(running, monkeypatch):
    tracker, config, nid = running
    monkeypatch.setattr(rows, "CHUNK", 7)
    records_of(tracker).clear()
    assert check_record(tracker, nid).intact
    append(tracker, nid, 3)  # 43: the verified prefix ends inside a chunk
    report, count = decoded(tracker, nid, lambda: check_record(tracker, nid))
    assert report.intact and report.events_checked == 43 and count == 3
    table = StoredTable(config, nid)
    for version in (7, 8, 42):
        original = table.row(version)
        table.replace_text(version, b'"actor":"', b'"actor":"x')
        assert check_record(tracker, nid).first_bad_version == version
        table.set_row(version, *original)
        assert check_record(tracker, nid).intact
    table.delete(43)
    assert "deleted" in check_record(tracker, nid).problem
