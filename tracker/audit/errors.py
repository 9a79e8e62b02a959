"""Errors of the audit tools, each with a ``message`` a person can act on.

They are not domain errors (nothing about the negotiation is wrong): the web layer shows
``error.message``; ``ImportRefused`` is bad input (HTTP 400/422). ``StoreUnreadable`` (a store that
cannot be read, HTTP 503) belongs to the event store and is part of this package's public face.
"""

from __future__ import annotations

from tracker.eventstore.errors import StoreUnreadable


class AuditError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ImportRefused(AuditError):
    """An export file that is not valid, was altered, or names a negotiation that already exists.
    Nothing was stored. ``version`` and ``field`` name the event and field at fault, when one is."""

    def __init__(self, message: str, *, version: int | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.version = version
        self.field = field


class AlreadyStored(ImportRefused):
    """The export names a negotiation that this store already holds (HTTP 409). Nothing was stored."""


__all__ = ["AlreadyStored", "AuditError", "ImportRefused", "StoreUnreadable"]
