"""A real SMTP server for the email tests (aiosmtpd in a thread on 127.0.0.1, a free port the system
picks): it keeps every message it accepts, so a test reads what arrived. With a self-signed
certificate it offers (or requires) STARTTLS or speaks TLS from the start; with a user and password it
asks for a login."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass
class Arrived:
    """One accepted message: the envelope's sender and recipients and the message itself."""

    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    raw: bytes


@dataclass
class Inbox:
    """aiosmtpd's handler: each message accepted is appended to ``arrived``; recipients in ``refuse``
    are refused (550) as an unknown mailbox would be."""

    arrived: list[Arrived] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content
        message = message_from_bytes(raw, policy=policy.default)
        self.arrived.append(Arrived(envelope.mail_from, list(envelope.rcpt_tos), message, raw))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def only(self) -> EmailMessage:
        assert len(self.arrived) == 1, f"{len(self.arrived)} messages arrived"
        return self.arrived[0].message


class _AnyPortController(Controller):
    """aiosmtpd's Controller, listening on the port the system gave (port 0), which ``port`` then says."""

    def _trigger_server(self) -> None:
        assert self.server is not None
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@dataclass(frozen=True)
class Certificate:
    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        return context

    def client_context(self) -> ssl.SSLContext:
        """A client's context trusting this certificate alone (hostname checked: 127.0.0.1)."""
        return ssl.create_default_context(cafile=str(self.cert))


def self_signed(folder: Path) -> Certificate:
    """A certificate for localhost and 127.0.0.1, valid for a day, and its key, written to ``folder``."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return Certificate(cert_path, key_path)


def one_login(user: str, password: str):
    """An aiosmtpd authenticator that lets in ``user`` with ``password`` and nobody else."""

    def authenticate(server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == user.encode()
            and auth_data.password == password.encode()
        )
        return AuthResult(success=ok, handled=False)

    return authenticate


@contextmanager
def smtp_server(
    inbox: Inbox | None = None, **smtp_options: Any
) -> Iterator[tuple[_AnyPortController, Inbox]]:
    """A running server and its inbox; ``smtp_options`` go to aiosmtpd (tls_context, require_starttls,
    authenticator, auth_require_tls, ssl_context for TLS from the start...); ``inbox``: a handler of
    one's own (a slow one, say)."""
    inbox = inbox if inbox is not None else Inbox()
    controller = _AnyPortController(inbox, hostname="127.0.0.1", port=0, **smtp_options)
    controller.start()
    try:
        yield controller, inbox
    finally:
        controller.stop()
