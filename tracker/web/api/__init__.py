"""The JSON API under /api/v1, documented at /api/v1/openapi.json (OpenAPI 3.1).

The same commands and queries as the pages, through the same marshmallow schemas. The API uses
no cookies for writes (clients send tokens), so the app factory exempts it from CSRF.
"""

from __future__ import annotations

from flask import Blueprint

from tracker.web.api import (
    analysis,
    audit,
    calendar_feed,
    due,
    errors,
    negotiations,
    notifications,
    openapi,
    steps,
    team_settings,
    teams,
    webhooks,
)

CSRF_EXEMPT = True

bp = Blueprint("api", __name__, url_prefix="/api/v1")
errors.register(bp)
negotiations.register(bp)
due.register(bp)
notifications.register(bp)
calendar_feed.register(bp)
team_settings.register(bp)
audit.register(bp)
steps.register(bp)
analysis.register(bp)
teams.register(bp)
webhooks.register(bp)
openapi.register(bp)
