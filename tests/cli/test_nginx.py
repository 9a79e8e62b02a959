"""config/nginx.conf.example, run by Debian's nginx in front of `tracker serve` (its defaults): slow
clients, dribbling headers or bodies, do not keep other clients from being served."""

from __future__ import annotations

import http.client
import json
from pathlib import Path

import pytest

from tests.support.live_server import LiveServer
from tests.support.nginx import Nginx, require_nginx
from tests.support.report import report
from tests.support.slow_clients import SlowClients, median_ms, ping_latencies

SLOW = 32


@pytest.fixture
def server(tmp_path):
    require_nginx()  # skips (fails in CI) without nginx
    server = LiveServer({}, tmp_path / "serve.log").start()
    yield server
    server.stop()


@pytest.fixture
def proxy(tmp_path, server):
    nginx = Nginx(tmp_path / "nginx", app_port=server.port).start()
    yield nginx
    nginx.stop()


@pytest.mark.parametrize("body", [False, True], ids=["slow-headers", "slow-bodies"])
def test_other_clients_are_served_while_slow_clients_dribble(proxy, body):
    slow = SlowClients("127.0.0.1", proxy.port, count=SLOW, body=body).start()
    try:
        latencies, failed = ping_latencies("127.0.0.1", proxy.port, seconds=5)
        held = slow.held()
    finally:
        slow.stop()
    kind = "bodies" if body else "headers"
    report("nginx slow clients", kind, {"slow": SLOW, "held": held, "median ms": median_ms(latencies)})
    assert held == SLOW
    assert failed == 0 and len(latencies) >= 10


def test_the_apps_own_503_passes_through(proxy, server):
    """A store the app cannot write reaches the client as the app's 503, reason and Retry-After kept."""
    wal = Path(server.config["data_dir"]) / "tracker.sqlite-wal"
    assert wal.exists()
    wal.unlink()
    conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=10)
    conn.request("GET", "/healthz")
    response = conn.getresponse()
    body = json.loads(response.read())
    assert response.status == 503 and response.getheader("Retry-After") == "5"
    assert "write-ahead log" in body["reason"]
