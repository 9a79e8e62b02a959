"""`tracker serve` (gunicorn, its defaults, signed-in API clients) on PostgreSQL behind a TCP proxy the
test cuts and restores: 503 JSON with Retry-After within the store timeout, /ping still answering,
/healthz 503 with its reason; a worker killed during the outage is replaced by one that answers 503
too (it does not fail to boot and take the server down); after the restore the server answers
again within a couple of seconds, with every acknowledged step stored once."""

from __future__ import annotations

import time

import pytest

from tests.support.http_json import JsonClient
from tests.support.live_server import LiveServer, signed_up_token
from tests.support.outage import proxied_postgres
from tests.support.report import report

API = "/api/v1"
OWNER = "owner@example.org"


@pytest.mark.slow
@pytest.mark.postgres
def test_served_app_through_a_postgres_outage(tmp_path):
    with proxied_postgres(password_hash_profile="CHEAPEST") as (config, proxy):
        token = signed_up_token(config, OWNER, "outage-password-1")
        server = LiveServer(config, tmp_path / "serve.log").start()
        try:
            client = JsonClient(server.base_url, token, timeout=20)
            nid = client.post(f"{API}/negotiations", {"title": "Offer", "kind": "job_offer"}).body["id"]
            note = client.request(
                "POST", f"{API}/negotiations/{nid}/notes", {"text": "Before."}, {"If-Match": '"1"'}
            )
            assert note.status == 201, note.body
            proxy.cut()

            started = time.monotonic()
            during = client.request("GET", f"{API}/negotiations/{nid}")
            to_503 = time.monotonic() - started
            assert during.status == 503 and during.headers.get("retry-after") == "5", during.body
            assert (
                during.body["error"] == "Service Unavailable" and "did not answer" in during.body["message"]
            )
            write = client.request(
                "POST", f"{API}/negotiations/{nid}/notes", {"text": "Lost?"}, {"If-Match": '"2"'}
            )
            assert write.status == 503
            assert JsonClient(server.base_url).request("GET", "/ping").status == 200
            health = JsonClient(server.base_url).request("GET", "/healthz")
            assert health.status == 503 and health.body["reason"]

            server.kill_a_worker()
            for _ in range(6):  # new connections, spread over both workers
                assert JsonClient(server.base_url).request("GET", "/ping").status == 200
                again = JsonClient(server.base_url, token).request("GET", f"{API}/negotiations/{nid}")
                assert again.status == 503 and again.headers.get("retry-after") == "5", again.body
                assert again.body["error"] == "Service Unavailable"
                page = JsonClient(server.base_url).request("GET", "/healthz")
                assert page.status == 503 and page.body["status"] == "unavailable"

            proxy.restore()
            started = time.monotonic()
            client = JsonClient(server.base_url, token, timeout=20)  # the idle kept-alive one was closed
            while True:  # as a client told Retry-After would: each worker and store recovers on its own
                after = client.request(
                    "POST", f"{API}/negotiations/{nid}/notes", {"text": "After."}, {"If-Match": '"2"'}
                )
                if after.status != 503 or time.monotonic() - started > 15:
                    break
                time.sleep(0.2)
            to_recover = time.monotonic() - started
            assert after.status == 201, after.body
            health = None  # each worker finds its store back on its own: the other may ask a moment later
            while time.monotonic() - started < 20:
                health = JsonClient(server.base_url).request("GET", "/healthz")
                if health.status == 200:
                    break
                time.sleep(0.2)
            assert health is not None and health.status == 200, health.body if health else None
            timeline = client.request("GET", f"{API}/negotiations/{nid}/timeline").body["entries"]
            assert [e["event_type"] for e in timeline].count("NoteAdded") == 2
            assert "Traceback" not in server.log_text()
        finally:
            server.stop()
    report(
        "postgres outage (served)",
        "cut",
        {"first 503 s": round(to_503, 2), "recovery s": round(to_recover, 2)},
    )
