"""Bodies over the size limit (2 MB) are refused with 413 however they are sent: with a Content-Length,
or chunked (no length: the server only learns the size by reading), on the real server (gunicorn)."""

from __future__ import annotations

import http.client
import json

import pytest

from tests.support.live_server import LiveServer, signed_up_token

LIMIT = 2 * 1024 * 1024
START = json.dumps({"title": "Offer at Northwind", "kind": "job_offer"}).encode()


def post(server: LiveServer, token: str, body: bytes, *, chunked: bool) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    try:
        if chunked:
            pieces = (body[i : i + 64 * 1024] for i in range(0, len(body), 64 * 1024))
            conn.request("POST", "/api/v1/negotiations", body=pieces, headers=headers, encode_chunked=True)
        else:
            conn.request("POST", "/api/v1/negotiations", body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    except (BrokenPipeError, ConnectionResetError):  # refused before it was all sent: read the answer
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def listed(server: LiveServer, token: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.request("GET", "/api/v1/negotiations", headers={"Authorization": f"Bearer {token}"})
    total = json.loads(conn.getresponse().read())["total"]
    conn.close()
    return total


@pytest.mark.slow
def test_a_chunked_body_over_the_limit_is_413_like_one_with_a_length(sqlite_config, tmp_path):
    token = signed_up_token(sqlite_config, "owner@example.org", "a long enough password 1")
    server = LiveServer(sqlite_config, tmp_path / "server.log", workers=1, threads=2).start()
    try:
        padded = START + b" " * (LIMIT + 1024)  # valid JSON if cut anywhere after the object
        with_length = post(server, token, padded, chunked=False)
        assert with_length[0] == 413
        assert post(server, token, padded, chunked=True) == with_length  # the same JSON answer
        assert json.loads(with_length[1])["error"]
        assert listed(server, token) == 0
        small = START + b" " * 1024
        assert post(server, token, small, chunked=True)[0] == 201  # chunked under the limit: fine
        assert listed(server, token) == 1
    finally:
        server.stop()


def test_a_chunked_body_over_the_limit_is_413_in_process(sqlite_config):
    """The same check without a live server: the WSGI environ a server gives a chunked body."""
    import io

    from tests.support.auth import api_token, bearer
    from tracker import create_app

    app = create_app(sqlite_config)
    try:
        headers = {**bearer(api_token(app, "owner@example.org")), "Transfer-Encoding": "chunked"}

        def send(body: bytes):
            return app.test_client().post(
                "/api/v1/negotiations",
                input_stream=io.BytesIO(body),
                content_type="application/json",
                headers=headers,
                environ_overrides={"wsgi.input_terminated": True},
            )

        assert send(START + b" " * (LIMIT + 10)).status_code == 413
        assert app.extensions["tracker"].negotiation_ids() == []
        assert send(START + b" " * 10).status_code == 201
    finally:
        app.extensions["people"].close()
        app.extensions["tracker"].close()
