"""The record through the JSON API: verify (intact, or the first altered version, on a real SQLite
file edited behind the app's back; with an anchor kept from earlier), export and import (a round
trip gives the same history; an altered or duplicate file is refused and nothing is stored), and a
store read with the wrong cipher key (503 with what to do)."""

from __future__ import annotations

import copy
import uuid

import pytest
from eventsourcing.cryptography import AESCipher

from tests.support.api_client import PREFIX, Api, exported_elsewhere
from tests.support.audit import opened
from tests.support.config import make_config
from tests.support.tamper import StoredTable
from tracker import create_app
from tracker.demo import load_demo


@pytest.fixture
def demo(app) -> str:
    return str(load_demo(app.extensions["tracker"]))


@pytest.fixture
def sqlite_demo(tmp_path):
    config = make_config(store="sqlite", data_dir=str(tmp_path), sqlite_file="tracker.sqlite")
    with opened(config) as tracker:
        nid = load_demo(tracker)
    return config, str(nid)


def api_on(config) -> tuple[Api, object]:
    app = create_app({**config, "auth_required": False})  # one local user
    return Api(app.test_client()), app


def test_verify_an_intact_record(api, app, demo):
    body = api.get(demo, "/verify").get_json()
    head = app.extensions["tracker"].timeline(demo)[-1].digest
    assert body == {
        "negotiation_id": demo,
        "intact": True,
        "events_checked": 40,
        "first_bad_version": None,
        "problem": "",
        "message": "Record intact: 40 events verified",
        "head": {"version": 40, "digest": head},
    }


def test_verify_names_the_first_altered_version_in_the_sqlite_file(sqlite_demo):
    config, nid = sqlite_demo
    StoredTable(config, uuid.UUID(nid)).replace_text(35, b'"124000"', b'"134000"')
    api, app = api_on(config)
    try:
        body = api.get(nid, "/verify").get_json()
        assert body["intact"] is False and body["first_bad_version"] == 35
        assert (
            body["message"] == "Record altered at version 35: its content was altered after it was recorded"
        )
    finally:
        app.extensions["tracker"].close()


def test_an_anchor_kept_earlier_catches_deleted_newest_events(sqlite_demo):
    config, nid = sqlite_demo
    api, app = api_on(config)
    try:
        anchor = api.get(nid, "/verify").get_json()["head"]
    finally:
        app.extensions["tracker"].close()
    StoredTable(config, uuid.UUID(nid)).delete(40)
    api, app = api_on(config)
    try:
        plain = api.get(nid, "/verify").get_json()
        assert plain["intact"] is True and plain["events_checked"] == 39  # the chain alone cannot tell
        anchored = api.get(
            nid, "/verify", head_version=anchor["version"], head_digest=anchor["digest"]
        ).get_json()
        assert anchored["intact"] is False and anchored["first_bad_version"] == 40
        assert "deleted" in anchored["problem"]
        half = api.get(nid, "/verify", head_version=40)
        assert half.status_code == 422 and "head_version" in half.get_json()["errors"]
        bad = api.get(nid, "/verify", head_version=40, head_digest="xyz")
        assert bad.status_code == 422 and "head_digest" in bad.get_json()["errors"]
    finally:
        app.extensions["tracker"].close()


def test_a_deleted_middle_event_is_503_naming_it_and_verify_still_answers(sqlite_demo):
    config, nid = sqlite_demo
    StoredTable(config, uuid.UUID(nid)).delete(20)
    api, app = api_on(config)
    try:
        for path in ("", "/timeline", "/export", "/compare?base=prop1&other=prop2", "?as_of_version=3"):
            response = api.client.get(f"{PREFIX}/negotiations/{nid}{path}")
            assert response.status_code == 503, path
            assert "Record altered at version 20" in response.get_json()["message"], path
        assert api.get(nid, "/verify").get_json()["first_bad_version"] == 20
    finally:
        app.extensions["tracker"].close()


def test_export_then_import_elsewhere_gives_the_same_history(api, app, demo):
    document = api.get(demo, "/export").get_json()
    assert document["version"] == 40 and len(document["events"]) == 40
    other = create_app(make_config(store="memory", auth_required=False))
    try:
        client = other.test_client()
        response = client.post(f"{PREFIX}/imports", json=document)
        assert response.status_code == 201
        answer = response.get_json()
        assert answer == {
            "negotiation_id": demo,
            "title": "Senior Data Engineer offer at Northwind",
            "events": 41,  # and the import's own step
            "head_digest": answer["head_digest"],
            "origin": "not_proven",  # the other installation does not trust this one's key
            "signer": "",
            "key_id": document["signature"]["key_id"],
            "reason": f"it is signed by a key this installation does not trust ({answer['key_id']})",
        }
        assert response.headers["Location"] == f"{PREFIX}/negotiations/{demo}"
        again = Api(client).get(demo, "/export").get_json()
        assert again["events"][:40] == document["events"] and again["events"][40]["type"] == "Imported"
        assert Api(client).get(demo, "/verify").get_json()["intact"] is True
    finally:
        other.extensions["tracker"].close()


def altered_copies(document):
    edited = copy.deepcopy(document)
    edited["events"][1]["stored_state"]["text"] = edited["events"][1]["state"]["text"] = "Edited"
    truncated = copy.deepcopy(document)
    truncated["events"].pop()
    readable_only = copy.deepcopy(document)
    readable_only["events"][1]["state"]["text"] = "Edited"
    return {
        "hash chain is broken at version 2": edited,
        "events after version 1 were deleted": truncated,
        "differs from its stored_state": readable_only,
        "not a negotiation export": {**document, "format": "something/else"},
        "holds no events": {**document, "events": []},
    }


def test_altered_files_are_refused_and_nothing_is_stored(api, app):
    document = exported_elsewhere()
    store = app.extensions["tracker"]
    before = store.recorder.max_notification_id()
    for words, altered in altered_copies(document).items():
        response = api.client.post(f"{PREFIX}/imports", json=altered)
        assert response.status_code == 422, words
        assert (
            words in response.get_json()["message"]
            and "Nothing was imported" in response.get_json()["message"]
        )
        assert store.recorder.max_notification_id() == before
    assert api.client.post(f"{PREFIX}/imports", json=document).status_code == 201
    duplicate = api.client.post(f"{PREFIX}/imports", json=document)
    assert duplicate.status_code == 409 and "already exists" in duplicate.get_json()["message"]


def test_import_needs_a_json_object(api):
    assert (
        api.client.post(f"{PREFIX}/imports", data="[1]", content_type="application/json").status_code == 400
    )
    assert api.client.post(f"{PREFIX}/imports", data="{}", content_type="text/plain").status_code == 400
    assert api.client.post(f"{PREFIX}/imports", json={}).status_code == 422


def test_reads_with_the_wrong_cipher_key_are_503_with_what_to_do(tmp_path):
    config = make_config(store="sqlite", data_dir=str(tmp_path), cipher_key=AESCipher.create_key(32))
    with opened(config) as tracker:
        nid = str(tracker.start_negotiation(actor="alex", title="Promotion to lead", kind="promotion"))
    api, app = api_on({**config, "cipher_key": AESCipher.create_key(32)})
    try:
        for path in ("/timeline", "/timeline.csv", "/export", "/compare?base=targets&other=prop1"):
            response = api.client.get(f"{PREFIX}/negotiations/{nid}{path}")
            assert response.status_code == 503, path
            assert "TRACKER_CIPHER_KEY" in response.get_json()["message"]
        verdict = api.get(nid, "/verify").get_json()
        assert verdict["intact"] is False and "cannot be decrypted" in verdict["problem"]
        assert verdict["head"] is None
    finally:
        app.extensions["tracker"].close()
