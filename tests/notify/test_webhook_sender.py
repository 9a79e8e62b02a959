"""Webhook calls against real HTTP receivers on this machine (``allow_loopback``): the receiver checks
the signature with ``verify``; error answers, redirects, slow receivers and closed ports fail with a
reason, and nothing is sent to loopback unless allowed."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tracker.notify.webhooks.sender import Attempt, _drain, post
from tracker.notify.webhooks.signing import verify

SECRET = "whsec_sender-test"
BODY = b'{"id":"del-1","type":"ping"}'


@dataclass
class Receiver:
    """A local HTTP server recording what it was sent; ``answer`` decides each reply."""

    answer: Callable[[BaseHTTPRequestHandler], None]
    calls: list[dict] = field(default_factory=list)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"


def answering(status: int, headers: dict[str, str] | None = None, delay: float = 0, body: bytes = b"ok"):
    def answer(handler: BaseHTTPRequestHandler) -> None:
        if delay:
            time.sleep(delay)
        handler.send_response(status)
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        try:
            handler.wfile.write(body)
        except OSError:
            pass

    return answer


@pytest.fixture
def receivers() -> Iterator[Callable[..., Receiver]]:
    servers: list[ThreadingHTTPServer] = []

    def start(answer) -> Receiver:
        receiver = Receiver(answer)

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.calls.append(
                    {
                        "path": self.path,
                        "headers": dict(self.headers),
                        "body": body,
                        "verified": verify(
                            SECRET, self.headers.get("Tracker-Signature"), body, now=int(time.time())
                        ),
                    }
                )
                receiver.answer(self)

            do_GET = do_POST

            def log_message(self, *args) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        receiver.port = server.server_address[1]
        servers.append(server)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return receiver

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_a_2xx_answer_is_a_success_and_the_receiver_verifies_the_signature(receivers):
    receiver = receivers(answering(200))
    attempt = post(receiver.url, BODY, SECRET, allow_loopback=True, delivery_id="del-1")
    assert attempt == Attempt(200, None, True, attempt.duration_ms)
    assert attempt.duration_ms >= 0
    [call] = receiver.calls
    assert call["verified"] is True
    assert call["body"] == BODY
    assert call["path"] == "/hook"
    headers = {k.lower(): v for k, v in call["headers"].items()}
    assert headers["content-type"] == "application/json"
    assert headers["user-agent"] == "negotiation-tracker-webhooks/1"
    assert headers["tracker-delivery"] == "del-1"
    assert headers["host"] == f"127.0.0.1:{receiver.port}"


def test_a_receiver_with_another_secret_does_not_verify_the_call(receivers):
    receiver = receivers(answering(204, body=b""))
    assert post(receiver.url, BODY, "whsec_someone-else", allow_loopback=True).ok
    assert receiver.calls[0]["verified"] is False


def test_the_signature_carries_the_given_time(receivers):
    receiver = receivers(answering(200))
    post(receiver.url, BODY, SECRET, allow_loopback=True, now=1_000)
    assert receiver.calls[0]["headers"]["Tracker-Signature"].startswith("t=1000,v1=")
    assert receiver.calls[0]["verified"] is False  # far outside the receiver's tolerance


def test_a_500_answer_fails_with_its_code(receivers):
    receiver = receivers(answering(500))
    attempt = post(receiver.url, BODY, SECRET, allow_loopback=True)
    assert (attempt.ok, attempt.status_code, attempt.error) == (False, 500, "HTTP 500 Internal Server Error")
    assert len(receiver.calls) == 1


def test_a_redirect_is_not_followed(receivers):
    elsewhere = receivers(answering(200))
    receiver = receivers(answering(302, {"Location": elsewhere.url}))
    attempt = post(receiver.url, BODY, SECRET, allow_loopback=True)
    assert (attempt.ok, attempt.status_code) == (False, 302)
    assert attempt.error == "HTTP 302: redirects are not followed"
    assert len(receiver.calls) == 1
    assert elsewhere.calls == []


def test_a_slow_receiver_times_out(receivers):
    receiver = receivers(answering(200, delay=3))
    started = time.monotonic()
    attempt = post(receiver.url, BODY, SECRET, allow_loopback=True, timeout=0.5)
    assert time.monotonic() - started < 2.5
    assert (attempt.ok, attempt.status_code, attempt.error) == (False, None, "timed out after 0.5 s")


def test_a_long_answer_does_not_hold_the_call(receivers):
    receiver = receivers(answering(200, body=b"x" * (5 * 1024 * 1024)))
    assert post(receiver.url, BODY, SECRET, allow_loopback=True).ok


def test_the_answer_is_read_only_up_to_64_kib():
    sent = []

    def chunks():
        for _ in range(10 * 1024):
            sent.append(1024)
            yield b"x" * 1024

    _drain(httpx.Response(200, content=chunks()), deadline=time.monotonic() + 60)
    assert sum(sent) == 64 * 1024


def test_reading_the_answer_stops_at_the_deadline():
    sent = []

    def chunks():
        for _ in range(10):
            sent.append(1)
            yield b"x"

    _drain(httpx.Response(200, content=chunks()), deadline=time.monotonic() - 1)
    assert sent == [1]


def test_a_closed_port_fails_to_connect():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    attempt = post(f"http://127.0.0.1:{port}/hook", BODY, SECRET, allow_loopback=True, timeout=2)
    assert not attempt.ok and attempt.status_code is None
    assert attempt.error.startswith("could not connect")
    assert "\n" not in attempt.error


def test_loopback_is_refused_before_any_connection_unless_allowed(receivers):
    receiver = receivers(answering(200))
    attempt = post(receiver.url, BODY, SECRET)
    assert not attempt.ok and attempt.status_code is None
    assert attempt.error.startswith("refused: ")
    assert "loopback" in attempt.error
    assert receiver.calls == []


def test_the_call_goes_to_the_checked_address_even_if_dns_answers_differently_later(receivers, monkeypatch):
    """DNS rebinding: the first answer is checked, a later one would point elsewhere (here a closed
    port); the call must reach the checked address, with the host name kept in the Host header."""
    receiver = receivers(answering(200))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    real = socket.getaddrinfo
    answers = {"hooks.example.test": 0}

    def rebinding(host, port, *args, **kwargs):
        if host != "hooks.example.test":
            return real(host, port, *args, **kwargs)
        answers[host] += 1
        target_port = port if answers[host] == 1 else closed
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", target_port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    url = f"http://hooks.example.test:{receiver.port}/hook"
    attempt = post(url, BODY, SECRET, allow_loopback=True)
    assert attempt.ok, attempt.error
    assert answers["hooks.example.test"] == 1
    assert receiver.calls[0]["headers"]["Host"] == f"hooks.example.test:{receiver.port}"


def test_a_public_address_passes_the_check_and_fails_only_on_the_network(monkeypatch):
    """No outside network is assumed: the connection itself is made to fail, after the check."""

    def no_network(self, request):
        raise httpx.ConnectError("network unreachable", request=request)

    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", no_network)
    attempt = post("https://93.184.216.34/hook", BODY, SECRET, timeout=1)
    assert attempt.error == "could not connect: network unreachable"


def test_when_the_first_checked_address_refuses_the_connection_the_next_is_tried(receivers, monkeypatch):
    receiver = receivers(answering(200))
    real = socket.getaddrinfo

    def two_addresses(host, port, *args, **kwargs):
        if host != "hooks.example.test":
            return real(host, port, *args, **kwargs)
        # Nothing listens on 127.0.0.2 (the receiver is bound to 127.0.0.1 alone): refused at once.
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.2", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", two_addresses)
    attempt = post(f"http://hooks.example.test:{receiver.port}/hook", BODY, SECRET, allow_loopback=True)
    assert attempt.ok, attempt.error
    assert len(receiver.calls) == 1


def test_an_error_answer_from_the_first_address_is_not_retried_elsewhere(receivers, monkeypatch):
    """Only a failed connection moves on: once a receiver answered, that answer is the attempt's."""
    receiver = receivers(answering(503))
    real = socket.getaddrinfo

    def two_addresses(host, port, *args, **kwargs):
        if host != "hooks.example.test":
            return real(host, port, *args, **kwargs)
        # Were the call retried on 127.0.0.2 (nothing listens there), it would fail to connect.
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.2", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", two_addresses)
    attempt = post(f"http://hooks.example.test:{receiver.port}/hook", BODY, SECRET, allow_loopback=True)
    assert (attempt.ok, attempt.status_code) == (False, 503)
    assert len(receiver.calls) == 1


def test_a_2xx_whose_body_then_stalls_is_still_a_success(receivers):
    """The status decides: retrying a call the receiver took would deliver the event twice."""

    def stall(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "1000")
        handler.end_headers()
        handler.wfile.write(b"partial")
        handler.wfile.flush()
        time.sleep(3)

    receiver = receivers(stall)
    started = time.monotonic()
    attempt = post(receiver.url, BODY, SECRET, allow_loopback=True, timeout=0.5)
    assert time.monotonic() - started < 2.5
    assert (attempt.ok, attempt.status_code, attempt.error) == (True, 200, None)
