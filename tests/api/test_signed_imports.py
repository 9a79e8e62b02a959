"""Signed exports through the API: the public keys at a well-known URL, exports signed by this
installation, and imports that say whether the file's origin is proven."""

from __future__ import annotations

import pytest

from tests.support.access import OWNER, web_config
from tests.support.auth import api_token, bearer
from tests.support.config import make_config
from tests.support.forged_exports import exported_history, forged
from tracker import create_app


@pytest.fixture
def app(tmp_path):
    app = create_app(web_config(make_config(store="sqlite", data_dir=str(tmp_path))))
    yield app
    app.extensions["people"].close()
    app.extensions["tracker"].close()


def test_the_public_keys_are_published_without_sign_in(app, tmp_path):
    answer = app.test_client().get("/.well-known/negotiation-tracker-keys")
    [key] = answer.get_json()["keys"]
    assert answer.status_code == 200 and key["algorithm"] == "Ed25519" and key["current"] is True
    assert (tmp_path / "signing-keys" / f"{key['key_id']}.pem").exists()  # made on the first start


def test_an_export_is_signed_and_its_import_elsewhere_is_marked_by_whom(app, tmp_path):
    headers = bearer(api_token(app, OWNER))
    client = app.test_client()
    nid = client.post("/api/v1/negotiations", json={"title": "Offer", "kind": "job_offer"}, headers=headers)
    nid = nid.get_json()["id"]
    document = client.get(f"/api/v1/negotiations/{nid}/export", headers=headers).get_json()
    [key] = client.get("/.well-known/negotiation-tracker-keys").get_json()["keys"]
    assert document["signature"]["key_id"] == key["key_id"]

    trusting = create_app(
        web_config(
            make_config(
                store="memory", trusted_keys={"Northwind HR": key["public_key"]}, data_dir=str(tmp_path / "b")
            )
        )
    )
    try:
        other = trusting.test_client()
        answer = other.post("/api/v1/imports", json=document, headers=bearer(api_token(trusting, OWNER)))
        body = answer.get_json()
        assert answer.status_code == 201, body
        assert (body["origin"], body["signer"], body["events"]) == ("trusted", "Northwind HR", 2)
        shown = other.get(answer.headers["Location"], headers=bearer(api_token(trusting, OWNER))).get_json()
        assert shown["imported"]["origin"] == "trusted" and shown["imported"]["by"] == OWNER
    finally:
        trusting.extensions["people"].close()
        trusting.extensions["tracker"].close()


def test_a_forged_file_is_kept_but_not_believed(app):
    headers = bearer(api_token(app, OWNER))
    client = app.test_client()
    document = forged(exported_history(OWNER), {4: lambda state: state.update(text="They promised 150k")})
    answer = client.post("/api/v1/imports", json=document, headers=headers)
    body = answer.get_json()
    assert answer.status_code == 201 and body["origin"] == "not_proven"
    assert body["reason"] == "the file is not signed"
    shown = client.get(answer.headers["Location"], headers=headers).get_json()
    assert shown["imported"] == {**shown["imported"], "origin": "not_proven", "by": OWNER, "version": 5}
