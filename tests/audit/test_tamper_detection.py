"""Tamper evidence on the real stores: rows of the events table are edited, deleted, swapped and
inserted with plain SQL (sqlite3 on the SQLite file, psycopg on the PostgreSQL table), and
verification names the first bad version."""

from __future__ import annotations

import pytest

from tests.support.audit import opened
from tests.support.tamper import StoredTable, forge_from
from tracker.audit import head_of, verify_all, verify_negotiation


def check(config, nid, expected_head=None):
    with opened(config) as tracker:
        return verify_negotiation(tracker, nid, expected_head)


def test_untouched_store_is_intact(demo_store):
    config, nid = demo_store
    report = check(config, nid)
    assert report.intact and report.events_checked == 40
    assert str(report) == f"{nid}: intact (40 events)"


def test_an_edited_event_is_named(demo_store):
    config, nid = demo_store
    StoredTable(config, nid).replace_text(5, b"Dana Kim", b"Dana Kin")
    report = check(config, nid)
    assert (report.first_bad_version, report.intact) == (5, False)
    assert "altered" in report.problem


def test_an_edited_amount_in_a_proposal_is_named(demo_store):
    config, nid = demo_store
    StoredTable(config, nid).replace_text(32, b'"118000"', b'"128000"')
    assert check(config, nid).first_bad_version == 32


def test_a_deleted_event_in_the_middle_is_named(demo_store):
    config, nid = demo_store
    StoredTable(config, nid).delete(20)
    report = check(config, nid)
    assert report.first_bad_version == 20
    assert "missing" in report.problem


def test_swapped_events_are_named(demo_store):
    config, nid = demo_store
    StoredTable(config, nid).swap(33, 34)
    report = check(config, nid)
    assert report.first_bad_version == 33
    assert "does not link" in report.problem


def test_an_inserted_event_is_named(demo_store):
    config, nid = demo_store
    table = StoredTable(config, nid)
    topic, state = table.row(12)  # a copy of a real, well-formed event
    table.insert_at(15, topic, state)
    report = check(config, nid)
    assert table.versions() == list(range(1, 42))
    assert report.first_bad_version == 15


def test_an_event_moved_from_another_negotiation_is_named(demo_store):
    config, nid = demo_store
    table = StoredTable(config, nid)
    with opened(config) as tracker:
        from tracker.demo import load_demo

        other = load_demo(tracker)
    topic, state = StoredTable(config, other).row(5)
    table.set_row(5, topic, state)  # same content, chained in the other negotiation
    assert check(config, nid).first_bad_version == 5
    assert check(config, other).intact


def test_deleting_the_newest_event_needs_an_expected_head(demo_store):
    config, nid = demo_store
    with opened(config) as tracker:
        anchor = head_of(tracker, nid)
    assert anchor[0] == 40
    StoredTable(config, nid).delete(40)
    assert check(config, nid).intact  # the chain alone cannot tell
    report = check(config, nid, expected_head=anchor)
    assert report.first_bad_version == 40
    assert "deleted" in report.problem


def test_a_rewritten_chain_is_caught_by_an_older_anchor(demo_store):
    """Someone who knows the digest recipe edits event 5 and recomputes every digest after it."""
    config, nid = demo_store
    with opened(config) as tracker:
        anchor = (30, tracker.get(nid, version=30).head_digest)
        forge_from(tracker, StoredTable(config, nid), nid)
    assert check(config, nid).intact  # a consistent forgery: only an anchor kept elsewhere helps
    report = check(config, nid, expected_head=anchor)
    assert report.first_bad_version == 30 and "rewritten" in report.problem


def test_verify_all_finds_a_negotiation_whose_first_event_was_deleted(demo_store):
    config, nid = demo_store
    with opened(config) as tracker:
        from tracker.demo import load_demo

        other = load_demo(tracker)
    StoredTable(config, other).delete(1)
    with opened(config) as tracker:
        reports = {r.negotiation_id: r for r in verify_all(tracker)}
    assert reports[str(nid)].intact
    assert reports[str(other)].first_bad_version == 1


def test_an_edited_snapshot_is_named(store_config):
    config = dict(store_config, snapshot_interval=10)
    with opened(config) as tracker:
        from tracker.demo import load_demo

        nid = load_demo(tracker)
    snapshots = StoredTable(config, nid, purpose="snapshots")
    assert snapshots.versions() == [10, 20, 30, 40]
    assert check(config, nid).intact
    snapshots.replace_text(40, b"Dana Kim", b"Dana Kin")
    with opened(config) as tracker:
        assert tracker.get(nid).party_name("p2").startswith("Dana Kin ")  # what users would now see
    report = check(config, nid)
    assert report.first_bad_version == 40 and "snapshot" in report.problem


def test_an_edited_interaction_inside_a_snapshot_s_rows_text_is_named(store_config):
    """Interactions (and notes) are stored in a snapshot as one JSON text, decoded only when read."""
    config = dict(store_config, snapshot_interval=10)
    with opened(config) as tracker:
        from tracker.demo import load_demo

        nid = load_demo(tracker)
    snapshots = StoredTable(config, nid, purpose="snapshots")
    assert b'"tracker_rows"' in snapshots.row(40)[1]
    snapshots.replace_text(40, b"open to discussing remote days", b"open to discussing remote work")
    with opened(config) as tracker:
        summaries = [i.summary for i in tracker.get(nid).interactions]
        assert any("remote work" in summary for summary in summaries)  # what users would now see
    report = check(config, nid)
    assert report.first_bad_version == 40 and "snapshot" in report.problem


def test_rows_text_that_is_not_json_is_reported_when_read_and_steps_still_go_on(store_config):
    """The snapshot's own JSON is intact, the rows text inside it is not: nothing fails on loading;
    reading the rows names the problem (the API answers 503 with it, not a 500), later steps are
    stored (the snapshot due meanwhile is left out), and verification names the altered snapshot."""
    from tests.support.api_client import Api
    from tracker import create_app
    from tracker.audit import StoreUnreadable
    from tracker.demo import ACTOR, load_demo

    config = dict(store_config, snapshot_interval=10, aggregate_cache_size=0)
    with opened(config) as tracker:
        nid = load_demo(tracker)
    snapshots = StoredTable(config, nid, purpose="snapshots")
    snapshots.replace_text(40, b'"_data_":"[[', b'"_data_":"[[oops')
    with opened(config) as tracker:
        negotiation = tracker.get(nid)
        with pytest.raises(StoreUnreadable, match="cannot be read"):
            list(negotiation.interactions)
        tracker.step(nid, "reopen", actor=ACTOR, reason="The start date moved.")  # the demo is agreed
        for i in range(9):
            tracker.step(nid, "add_note", actor=ACTOR, text=f"Still going {i}.")
        assert tracker.head_version(nid) == 50
    assert snapshots.versions() == [10, 20, 30, 40]
    app = create_app(dict(config, auth_required=False))
    try:
        answer = Api(app.test_client()).get(str(nid))
        assert answer.status_code == 503 and "cannot be read" in answer.get_json()["message"], (
            answer.get_json()
        )
    finally:
        app.extensions["people"].close()
        app.extensions["tracker"].close()
    report = check(config, nid)
    assert report.first_bad_version == 40 and "snapshot" in report.problem, report


@pytest.mark.parametrize("version", [1, 40])
def test_garbage_bytes_are_reported_not_raised(demo_store, version):
    config, nid = demo_store
    table = StoredTable(config, nid)
    table.set_row(version, table.row(version)[0], b"\x00not json")
    report = check(config, nid)
    assert report.first_bad_version == version
    assert "cannot be decrypted or decoded" in report.problem
