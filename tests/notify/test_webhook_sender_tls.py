"""An https webhook call pinned to the checked address still verifies the certificate against the
host name (sent as the TLS server name): a real TLS receiver on this machine, with a certificate made
here, is reached by name through a stand-in resolver."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tracker.notify.webhooks.sender import post
from tracker.notify.webhooks.signing import verify

SECRET = "whsec_tls-test"
BODY = b'{"id":"del-tls","type":"ping"}'
HOST = "hooks.example.test"
NOW = 1_767_225_600


def certificate(tmp_path: Path, name: str) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / f"{name}.pem", tmp_path / f"{name}.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_file, key_file


@pytest.fixture
def tls_receiver(tmp_path, monkeypatch) -> Iterator[tuple[int, list[dict], Path]]:
    """An https receiver for HOST (resolved to 127.0.0.1); yields its port, its calls, its cert."""
    cert_file, key_file = certificate(tmp_path, HOST)
    calls: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            signature = self.headers.get("Tracker-Signature")
            calls.append({"host": self.headers["Host"], "verified": verify(SECRET, signature, body, now=NOW)})
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    real = socket.getaddrinfo

    def resolve(host, port, *args, **kwargs):
        if host == HOST:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield server.server_address[1], calls, cert_file
    server.shutdown()
    server.server_close()


def trusting(cert_file: Path) -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.load_verify_locations(cert_file)
    return context


def test_an_https_call_by_name_reaches_the_checked_address_and_is_verified(tls_receiver):
    port, calls, cert_file = tls_receiver
    attempt = post(
        f"https://{HOST}:{port}/hook",
        BODY,
        SECRET,
        allow_loopback=True,
        now=NOW,
        ssl_context=trusting(cert_file),
    )
    assert attempt.ok, attempt.error
    assert calls == [{"host": f"{HOST}:{port}", "verified": True}]


def test_a_certificate_for_another_name_is_refused(tls_receiver, tmp_path):
    port, calls, _ = tls_receiver
    other, _key = certificate(tmp_path, "other.example.test")
    attempt = post(
        f"https://{HOST}:{port}/hook", BODY, SECRET, allow_loopback=True, now=NOW, ssl_context=trusting(other)
    )
    assert not attempt.ok
    assert attempt.error.startswith("could not connect") and "certificate" in attempt.error
    assert calls == []


def test_the_certificate_is_checked_against_the_name_not_the_address(tls_receiver):
    """The same receiver called by its IP: the certificate names HOST, not 127.0.0.1, so it fails."""
    port, calls, cert_file = tls_receiver
    attempt = post(
        f"https://127.0.0.1:{port}/hook",
        BODY,
        SECRET,
        allow_loopback=True,
        now=NOW,
        ssl_context=trusting(cert_file),
    )
    assert not attempt.ok and "certificate" in attempt.error
    assert calls == []
