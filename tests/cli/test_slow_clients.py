"""`tracker serve` with its defaults (2 workers x 4 threads, as `make run`) keeps answering /ping
while 32 slow clients dribble header lines (one every 2 s, never finishing): their headers are read
by the workers' event loops, not by threads. After header_timeout_seconds (10) each is answered 408."""

from __future__ import annotations

import http.client
import socket

import pytest

from tests.support.live_server import LiveServer
from tests.support.report import report
from tests.support.slow_clients import SlowClients, median_ms, ping_latencies

SLOW = 32


@pytest.fixture
def server(tmp_path):
    server = LiveServer({}, tmp_path / "serve.log")  # the defaults: SQLite in a fresh data dir
    server.start()
    yield server
    server.stop()


def test_ping_answers_while_slow_clients_hold_their_connections(server):
    slow = SlowClients("127.0.0.1", server.port, count=SLOW).start()
    try:
        latencies, failed = ping_latencies("127.0.0.1", server.port, seconds=5)
        held = slow.held()
    finally:
        slow.stop()
    report(
        "slow clients",
        "held",
        {"slow": SLOW, "held": held, "pings": len(latencies), "median ms": median_ms(latencies)},
    )
    assert held == SLOW, "the slow clients were still connected while /ping was timed"
    assert failed == 0 and len(latencies) >= 10


@pytest.mark.slow
def test_slow_headers_are_answered_408_after_the_deadline(server):
    slow = SlowClients("127.0.0.1", server.port, count=SLOW).start()
    try:
        latencies, failed = ping_latencies("127.0.0.1", server.port, seconds=13)
    finally:
        slow.stop()
    report(
        "slow clients", "deadline", {"slow": SLOW, "408": slow.timed_out(), "median ms": median_ms(latencies)}
    )
    assert failed == 0
    assert slow.timed_out() == SLOW


def test_kept_alive_and_pipelined_requests_still_work(server):
    """Headers read by the event loop reach the parser whole: several requests on one connection,
    one after another and two sent at once, a POST body arriving after its headers."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    for _ in range(3):
        conn.request("GET", "/ping")
        response = conn.getresponse()
        assert (response.status, response.read()) == (200, b"ok")
    conn.request(
        "POST", "/api/v1/negotiations", body=b'{"title": "x"}', headers={"Content-Type": "application/json"}
    )
    assert conn.getresponse().status == 401  # read whole (a signed-out client), not a hang or a 400
    conn.close()

    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(
            b"GET /ping HTTP/1.1\r\nHost: a\r\n\r\nGET /ping HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
        )
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    assert received.count(b"HTTP/1.1 200 OK") == 2
