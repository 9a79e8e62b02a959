"""Importing with sign-in required: a person imports only negotiations they started, so nobody can
slip a negotiation into someone else's list (nor store one they could not open afterwards)."""

from __future__ import annotations

import pytest

from tests.support.access import OWNER, STRANGER, web_config
from tests.support.auth import api_token, bearer, sign_up_and_sign_in
from tests.support.config import make_config


def exported_by(owner: str) -> dict:
    from tracker.audit.exporting import export_negotiation
    from tracker.bootstrap import build_tracker

    elsewhere = build_tracker(make_config(store="memory"))
    try:
        nid = elsewhere.start_negotiation(actor=owner, title="Promotion to staff engineer", kind="promotion")
        elsewhere.step(nid, "add_note", actor=owner, text="Ask for the staff title first")
        return export_negotiation(elsewhere, nid)
    finally:
        elsewhere.close()


@pytest.fixture
def app():
    from tracker import create_app

    app = create_app(web_config(make_config(store="memory")))
    yield app
    app.extensions["people"].close()
    app.extensions["tracker"].close()


def test_the_api_imports_only_ones_own_negotiations(app):
    client = app.test_client()
    theirs = client.post("/api/v1/imports", json=exported_by(OWNER), headers=bearer(api_token(app, STRANGER)))
    assert theirs.status_code == 422 and "only negotiations you started" in theirs.get_json()["message"]
    assert app.extensions["tracker"].negotiation_ids() == []
    mine = client.post("/api/v1/imports", json=exported_by(OWNER), headers=bearer(api_token(app, OWNER)))
    assert mine.status_code == 201
    assert client.get(mine.headers["Location"], headers=bearer(api_token(app, OWNER))).status_code == 200


def test_the_import_page_imports_only_ones_own_negotiations(app):
    import io
    import json

    client = app.test_client()
    sign_up_and_sign_in(client, app, STRANGER)
    upload = {"file": (io.BytesIO(json.dumps(exported_by(OWNER)).encode()), "record.json")}
    refused = client.post("/negotiations/import", data=upload, content_type="multipart/form-data")
    assert refused.status_code == 422 and "only negotiations you started" in refused.get_data(as_text=True)
    assert app.extensions["tracker"].negotiation_ids() == []


def forged_title(owner: str) -> dict:
    from tests.support.forged_exports import exported_history, forged

    return forged(exported_history(owner), {1: lambda state: state.update(title="x" * 1_000_000)})


def test_the_api_refuses_a_forged_import_naming_version_and_field(app):
    client = app.test_client()
    answer = client.post("/api/v1/imports", json=forged_title(OWNER), headers=bearer(api_token(app, OWNER)))
    body = answer.get_json()
    assert answer.status_code == 422 and list(body["errors"]) == ["events.1.title"]
    assert "Event 1" in body["message"] and "under 200 characters" in body["message"]
    assert app.extensions["tracker"].negotiation_ids() == []


def test_the_import_page_shows_the_refusal_beside_the_file(app):
    import io
    import json

    client = app.test_client()
    sign_up_and_sign_in(client, app, OWNER)
    upload = {"file": (io.BytesIO(json.dumps(forged_title(OWNER)).encode()), "record.json")}
    refused = client.post("/negotiations/import", data=upload, content_type="multipart/form-data")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    beside = page.split('id="f-file-error">', 1)[1].split("</p>", 1)[0]
    assert "Event 1" in beside and "&#39;title&#39;" in beside and "under 200 characters" in beside
    assert app.extensions["tracker"].negotiation_ids() == []
