"""Negotiation ids as given by a URL, a CLI argument or a stored row."""

from __future__ import annotations

from uuid import UUID

from tracker.domain.errors import NotFound


def negotiation_uuid(value: UUID | str) -> UUID:
    """The id as a UUID; anything that is not one is an unknown negotiation (NotFound)."""
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value))
    except ValueError:
        raise NotFound(f"No negotiation {value}.") from None
