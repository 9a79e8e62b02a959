"""The record badge in a running app, on SQLite and PostgreSQL: after a view, the next view still
reads the store again, so an event or snapshot edited in the database in between (plain SQL, the
app still running with what it verified cached) shows as altered; steps logged since are verified."""

from __future__ import annotations

import pytest

from tests.support.tamper import StoredTable
from tests.support.web import make_app
from tests.web.test_audit_record import badge
from tracker.demo import load_demo


@pytest.fixture
def running(store_config):
    app = make_app(
        **{
            **store_config,
            "snapshot_interval": 10,
            "auth_required": False,
            "csrf_enabled": False,
            "secret_key": "test",
        }
    )
    tracker = app.extensions["tracker"]
    nid = load_demo(tracker)
    client = app.test_client()
    assert "Record intact: 40 events verified" in badge(client.get(f"/negotiations/{nid}"))
    yield app, client, store_config, nid
    app.extensions["people"].close()
    tracker.close()


def test_the_badge_says_what_it_checks(running):
    _, client, _, nid = running
    page = client.get(f"/negotiations/{nid}").get_data(as_text=True)
    assert "the snapshots this page was read from" in page and "tracker verify</code> also checks" in page


def test_an_event_edited_after_a_view_shows_on_the_next_view(running):
    _, client, config, nid = running
    StoredTable(config, nid).replace_text(32, b'"118000"', b'"128000"')
    shown = badge(client.get(f"/negotiations/{nid}?order=newest"))
    assert 'class="record-badge altered"' in shown
    assert "Record altered at version 32: its content was altered after it was recorded" in shown


def test_a_step_logged_after_a_view_is_verified_and_a_deleted_one_noticed(running):
    app, client, config, nid = running
    app.extensions["tracker"].step(nid, "record_lessons", actor="alex", lessons="Ask for the band early.")
    assert "Record intact: 41 events verified" in badge(client.get(f"/negotiations/{nid}"))
    StoredTable(config, nid).delete(41)
    assert "Record altered at version 41: events after version 40 were deleted" in badge(
        client.get(f"/negotiations/{nid}")
    )


def test_a_snapshot_edited_after_a_view_shows_on_the_next_view(running):
    _, client, config, nid = running
    StoredTable(config, nid, purpose="snapshots").replace_text(40, b"Dana Kim", b"Dana Kin")
    shown = badge(client.get(f"/negotiations/{nid}"))
    assert "Record altered at version 40: the snapshot at this version does not match the events" in shown


def test_a_snapshot_an_as_of_page_reads_is_checked(running):
    _, client, config, nid = running
    assert "Record intact" in badge(client.get(f"/negotiations/{nid}?as_of_version=25"))
    StoredTable(config, nid, purpose="snapshots").replace_text(20, b"Dana Kim", b"Dana Kin")
    assert "Record altered at version 20" in badge(client.get(f"/negotiations/{nid}?as_of_version=25"))


def test_the_read_model_is_caught_up_for_the_badge_only_when_it_lags_behind(running):
    """The badge compares with the newest version the read model saw; a row that has seen the version
    just loaded is used as it is, a lagging one is caught up first (so it still remembers that
    version if the newest events are deleted later)."""
    from unittest import mock

    app, _client, _, nid = running
    projection = app.extensions["people"].read_model.projection
    with mock.patch.object(projection, "catch_up", wraps=projection.catch_up) as catch_up:
        with app.test_request_context():
            from tracker.web.pages.audit.view import read_model_head

            assert read_model_head(nid, 40) == (40, "")  # seen by the first view
            assert catch_up.call_count == 0
            app.extensions["tracker"].step(
                nid, "record_lessons", actor="alex", lessons="Ask for the band early."
            )
            assert read_model_head(nid, 41) == (41, "")  # lagged: caught up
            assert catch_up.call_count == 1
