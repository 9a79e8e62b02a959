"""Errors of the audit tools, each with a ``message`` a person can act on.

They are not domain errors (nothing about the negotiation is wrong): the web layer shows
``error.message``; ``StoreUnreadable`` is a server-side problem (HTTP 500/503 with the message),
``ImportRefused`` is bad input (HTTP 400/422).
"""

from __future__ import annotations


class AuditError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StoreUnreadable(AuditError):
    """Stored events cannot be decrypted or decoded: a wrong or missing cipher key, or bytes altered
    in the database."""


class ImportRefused(AuditError):
    """An export file that is not valid, was altered, or names a negotiation that already exists.
    Nothing was stored."""


class AlreadyStored(ImportRefused):
    """The export names a negotiation that this store already holds (HTTP 409). Nothing was stored."""
