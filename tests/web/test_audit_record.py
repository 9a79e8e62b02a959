"""The record itself on the pages: the badge saying whether the stored hash chain is intact (checked
on the real SQLite file after someone edited it), the JSON and CSV downloads, and importing an export
through an upload form (CSRF-protected): a round trip gives the same history; an altered file is
refused with its reason and nothing is stored."""

from __future__ import annotations

import io
import json
import re

import pytest
from eventsourcing.cryptography import AESCipher

from tests.support.audit import opened
from tests.support.config import make_config
from tests.support.tamper import StoredTable
from tests.support.web import hidden_fields, make_app, text
from tracker.demo import load_demo


def badge(response) -> str:
    return re.sub(r"\s+", " ", re.search(r'<p class="record-badge.*?</p>', text(response), re.S).group(0))


@pytest.fixture
def sqlite_demo(tmp_path):
    config = make_config(
        store="sqlite",
        data_dir=str(tmp_path),
        sqlite_file="tracker.sqlite",
        csrf_enabled=False,
        secret_key="test",
    )
    with opened(config) as tracker:
        nid = load_demo(tracker)
    return config, nid


def app_on(config):
    return make_app(**{**config, "auth_required": False})  # one local user


def test_an_untouched_record_is_intact(client, demo):
    shown = badge(client.get(f"/negotiations/{demo}"))
    assert 'class="record-badge intact"' in shown and "Record intact: 40 events verified" in shown


def test_an_event_edited_in_the_sqlite_file_shows_the_altered_badge(sqlite_demo):
    config, nid = sqlite_demo
    app = app_on(config)
    try:
        assert "Record intact: 40 events verified" in badge(app.test_client().get(f"/negotiations/{nid}"))
    finally:
        app.extensions["tracker"].close()
    StoredTable(config, nid).replace_text(32, b'"118000"', b'"128000"')  # the first offer, made higher
    app = app_on(config)
    try:
        page = app.test_client().get(f"/negotiations/{nid}")
        assert page.status_code == 200
        shown = badge(page)
        assert 'class="record-badge altered"' in shown
        assert "Record altered at version 32: its content was altered after it was recorded" in shown
    finally:
        app.extensions["tracker"].close()


def test_a_deleted_newest_event_shows_the_altered_badge(sqlite_demo):
    """The chain alone cannot see it; the read model, caught up on an earlier visit, remembers version 40."""
    config, nid = sqlite_demo
    app = app_on(config)
    try:
        assert "Record intact: 40 events verified" in badge(app.test_client().get(f"/negotiations/{nid}"))
    finally:
        app.extensions["tracker"].close()
    StoredTable(config, nid).delete(40)
    app = app_on(config)
    try:
        shown = badge(app.test_client().get(f"/negotiations/{nid}"))
        assert 'class="record-badge altered"' in shown
        assert "Record altered at version 40: events after version 39 were deleted" in shown
    finally:
        app.extensions["tracker"].close()


def test_an_event_deleted_from_the_sqlite_file_is_a_clear_503_naming_the_version(sqlite_demo):
    config, nid = sqlite_demo
    StoredTable(config, nid).delete(20)
    app = app_on(config)
    try:
        client = app.test_client()
        for url in (
            f"/negotiations/{nid}",
            f"/negotiations/{nid}/compare?base=prop1&other=prop2",
            f"/negotiations/{nid}/export.json",
        ):
            page = client.get(url)
            assert page.status_code == 503, url
            assert "cannot be replayed" in text(page) and "Record altered at version 20" in text(page), url
    finally:
        app.extensions["tracker"].close()


def test_a_store_read_with_the_wrong_key_is_a_503_with_what_to_do(tmp_path):
    config = make_config(
        store="sqlite",
        data_dir=str(tmp_path),
        cipher_key=AESCipher.create_key(32),
        csrf_enabled=False,
        secret_key="test",
    )
    with opened(config) as tracker:
        nid = tracker.start_negotiation(actor="alex", title="Promotion to lead", kind="promotion")
    app = app_on({**config, "cipher_key": AESCipher.create_key(32)})
    try:
        page = app.test_client().get(f"/negotiations/{nid}")
        assert page.status_code == 503 and "TRACKER_CIPHER_KEY" in text(page)
    finally:
        app.extensions["tracker"].close()


def test_the_record_downloads_as_json_with_its_digests(client, tracker, demo):
    response = client.get(f"/negotiations/{demo}/export.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert f'filename="negotiation-{demo}-v40.json"' in response.headers["Content-Disposition"]
    document = json.loads(response.data)
    assert document["format"] == "negotiation-tracker/events" and document["version"] == 40
    assert document["head_digest"] == tracker.timeline(demo)[-1].digest
    page = text(client.get(f"/negotiations/{demo}"))
    assert f'href="/negotiations/{demo}/export.json" download>Download the record (JSON)' in page


def upload(client, data: bytes, name: str = "negotiation.json", **extra):
    return client.post(
        "/negotiations/import",
        data={"file": (io.BytesIO(data), name), **extra},
        content_type="multipart/form-data",
    )


def test_import_round_trip_through_the_upload_form(client, demo):
    exported = client.get(f"/negotiations/{demo}/export.json").data
    other = make_app()
    try:
        form = other.test_client().get("/negotiations/import")
        assert form.status_code == 200 and 'enctype="multipart/form-data"' in text(form)
        response = upload(other.test_client(), exported)
        assert response.status_code == 302 and response.headers["Location"].endswith(f"/negotiations/{demo}")
        landed = other.test_client().get(f"/negotiations/{demo}")
        assert "Record intact: 41 events verified; imported, origin not proven" in badge(landed)
        mine = [
            (e.version, e.actor, e.recorded_at, e.digest) for e in other.extensions["tracker"].timeline(demo)
        ]
        assert mine[:40] == [
            (e.version, e.actor, e.recorded_at, e.digest)
            for e in client.application.extensions["tracker"].timeline(demo)
        ]
        assert mine[40][:2] == (41, "local user")  # the import, the importer's own step
    finally:
        other.extensions["tracker"].close()


def test_an_altered_file_is_refused_with_its_reason_and_nothing_is_stored(client, demo):
    document = json.loads(client.get(f"/negotiations/{demo}/export.json").data)
    document["events"][31]["stored_state"]["values"]["base_salary"]["amount"]["_data_"] = "128000"
    document["events"][31]["state"]["values"]["base_salary"]["amount"] = "128000"
    other = make_app()
    try:
        refused = upload(other.test_client(), json.dumps(document).encode())
        assert refused.status_code == 422
        assert "hash chain is broken at version 32" in text(refused) and "Nothing was imported" in text(
            refused
        )
        assert other.extensions["tracker"].negotiation_ids() == []
        assert other.extensions["tracker"].recorder.max_notification_id() in (None, 0)
    finally:
        other.extensions["tracker"].close()


def test_other_refusals(client, demo):
    exported = client.get(f"/negotiations/{demo}/export.json").data
    again = upload(client, exported)
    assert again.status_code == 409 and "already exists in this store" in text(again)
    assert upload(client, b"{not json").status_code == 422
    no_file = client.post("/negotiations/import", data={}, content_type="multipart/form-data")
    assert no_file.status_code == 422 and "Choose an export file" in text(no_file)


def test_the_upload_form_needs_its_csrf_token(tmp_path):
    app = make_app(csrf_enabled=True)
    source = make_app()
    try:
        exported = (
            source.test_client()
            .get(f"/negotiations/{load_demo(source.extensions['tracker'])}/export.json")
            .data
        )
        client = app.test_client()
        assert upload(client, exported).status_code == 400  # no token
        assert app.extensions["tracker"].negotiation_ids() == []
        token = hidden_fields(text(client.get("/negotiations/import")))["csrf_token"]
        assert upload(client, exported, csrf_token=token).status_code == 302
        assert len(app.extensions["tracker"].negotiation_ids()) == 1
    finally:
        app.extensions["tracker"].close()
        source.extensions["tracker"].close()
