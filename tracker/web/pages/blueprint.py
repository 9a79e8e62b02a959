"""The pages blueprint and what every view shares: the application service, loading with access checks."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, request

from tracker.application import NegotiationTracker
from tracker.web.identity import require_access

bp = Blueprint("pages", __name__)


def service() -> NegotiationTracker:
    return current_app.extensions["tracker"]


def load(negotiation_id: str, level: str = "read") -> Any:
    """The negotiation, after checking access (a missing one raises NotFound: 404). A posted form
    names the version it was filled in on; a cached copy at that version needs no store read."""
    require_access(negotiation_id, level)
    return service().get(negotiation_id, seen_version=posted_version())


def posted_version() -> int | None:
    """The ``expected_version`` of a posted form when it is a plain number, else None."""
    if request.method != "POST":
        return None
    raw = request.form.get("expected_version", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 12 else None


def can_read(negotiation_id: str) -> bool:
    from tracker.domain.errors import NotFound
    from tracker.web.identity import Forbidden

    try:
        require_access(negotiation_id, "read")
    except (NotFound, Forbidden):
        return False
    return True
