"""What can go wrong below the domain, in reading what the store holds."""

from __future__ import annotations


class StoreUnreadable(Exception):
    """Stored events cannot be decrypted or decoded: a wrong or missing cipher key, or bytes altered
    in the database. A server-side problem (HTTP 503 with the ``message``, which a person can act on)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StoreUnavailable(Exception):
    """The store cannot be reached, or cannot be written, within the configured time
    (``store_timeout_seconds``): PostgreSQL down or read-only, a SQLite file that cannot be written.
    Nothing was stored. A passing condition: HTTP 503 with ``Retry-After`` and the ``message``."""

    def __init__(self, message: str, reason: str = "unavailable") -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason
