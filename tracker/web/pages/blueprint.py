"""The pages blueprint and what every view shares: the application service, loading with access checks."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app

from tracker.application import NegotiationTracker
from tracker.web.identity import require_access

bp = Blueprint("pages", __name__)


def service() -> NegotiationTracker:
    return current_app.extensions["tracker"]


def load(negotiation_id: str, level: str = "read") -> Any:
    """The negotiation, after checking access (a missing one raises NotFound: 404)."""
    require_access(negotiation_id, level)
    return service().get(negotiation_id)


def can_read(negotiation_id: str) -> bool:
    from tracker.domain.errors import NotFound
    from tracker.web.identity import Forbidden

    try:
        require_access(negotiation_id, "read")
    except (NotFound, Forbidden):
        return False
    return True
