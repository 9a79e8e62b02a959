"""Request ids: the idempotency key a step was recorded with, and what request it was first sent for.

A retried request must not be recorded twice, and a key reused for a different request must not
pass for a retry. So the JSON API records ``KEY sha256:HEX`` (the key, then a fingerprint of the
request's method, route and body); the negotiation looks requests up by key alone. Ids recorded
without a fingerprint (forms, the command line, events stored before) are their own key.
"""

from __future__ import annotations

#: Between a request id's key and the fingerprint of the request it was first sent with (the JSON API
#: records "KEY sha256:HEX", so a key reused for another request can be told apart).
FINGERPRINT = " sha256:"


def request_key(request_id: str) -> str:
    """The idempotency key of a recorded request id (the whole id when it carries no fingerprint)."""
    return request_id.partition(FINGERPRINT)[0]


def request_fingerprint(request_id: str | None) -> str | None:
    """The fingerprint recorded with a request id; None for one recorded without (or before them)."""
    _, separator, fingerprint = (request_id or "").partition(FINGERPRINT)
    return fingerprint if separator else None


def with_fingerprint(key: str, fingerprint: str) -> str:
    return f"{key}{FINGERPRINT}{fingerprint}"
