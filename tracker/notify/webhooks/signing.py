"""Signing webhook calls the way Stripe does, so receivers can tell a call came from this tracker and
was not replayed: ``Tracker-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." + body>``.

``verify`` is the receiver's side, kept here as the reference (docs/notifications.md has a stdlib
version to copy). Several ``v1=`` parts may be present while a secret is being replaced."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

HEADER = "Tracker-Signature"
SECRET_PREFIX = "whsec_"
DEFAULT_TOLERANCE = 300

_HEX64 = re.compile(r"[0-9a-f]{64}")


def new_secret() -> str:
    """A fresh signing secret (256 bits of randomness), shown to the webhook's owner once."""
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def _digest(secret: str, body: bytes, timestamp: int) -> str:
    return hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The ``Tracker-Signature`` header value for ``body`` sent at ``timestamp`` (unix seconds)."""
    if isinstance(timestamp, bool) or not isinstance(timestamp, int) or timestamp < 0:
        raise ValueError("the timestamp is whole unix seconds")
    return f"t={timestamp},v1={_digest(secret, body, timestamp)}"


def verify(secret: str, header: object, body: bytes, *, now: int, tolerance: int = DEFAULT_TOLERANCE) -> bool:
    """Whether ``header`` signs exactly ``body`` with ``secret`` at a time within ``tolerance`` seconds
    of ``now`` (either way, so an old call replayed later is refused). Malformed headers are False."""
    if not isinstance(header, str) or not isinstance(body, bytes) or len(header) > 1_000:
        return False
    timestamp: int | None = None
    signatures: list[str] = []
    for part in header.split(","):
        key, sep, value = part.strip().partition("=")
        if not sep:
            return False
        if key == "t":
            if timestamp is not None or not value.isascii() or not value.isdigit():
                return False
            timestamp = int(value)
        elif key == "v1":
            if not _HEX64.fullmatch(value):
                return False
            signatures.append(value)
    if timestamp is None or not signatures or abs(now - timestamp) > tolerance:
        return False
    expected = _digest(secret, body, timestamp)
    return any(hmac.compare_digest(expected, candidate) for candidate in signatures)
