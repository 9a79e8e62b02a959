"""``GET /calendar/<token>.ics``: a person's private calendar feed, without sign-in (a calendar
program cannot sign in: the unguessable token in the URL is the credential). An unknown, replaced or
turned-off token answers a bare 404, the same for each, so nothing hints which it was. The events are
the dated items of the person's "what's due" list (tracker.analysis.calendar_feed), from the
negotiations they may see at the moment of the fetch, read in their own time zone."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, Response, url_for

from tracker.analysis.calendar_feed import FEED_DAYS, build_feed
from tracker.analysis.due import DueItem
from tracker.projections import EVERYTHING
from tracker.web.identity import auth_required, people
from tracker.web.pages.negotiations.due import due_of
from tracker.web.preferences import zone_of

bp = Blueprint("calendar", __name__, url_prefix="/calendar")
PRIVATE = {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex"}
CONTENT_TYPE = "text/calendar; charset=utf-8"


def feed_url(token: str) -> str:
    """The feed's absolute URL (from the request's host), to paste into a calendar program."""
    return url_for("calendar.feed", token=token, _external=True)


@bp.get("/<token>.ics")
def feed(token: str):
    account = people().accounts.calendar_feed_owner(token)
    if account is None:
        return Response("Not found.\n", 404, PRIVATE, mimetype="text/plain")
    now = datetime.now(UTC)
    scope = account.email if auth_required() else EVERYTHING  # one local user: every negotiation
    found = due_of(scope, account.email, zone_of(account.time_zone), now, FEED_DAYS)
    body = build_feed(found.items, name=f"Negotiations: {account.display_name}", now=now, link=_link)
    return Response(body, 200, PRIVATE, content_type=CONTENT_TYPE)


def _link(item: DueItem) -> str:
    return url_for("pages.negotiation", nid=str(item.negotiation_id), _external=True) + f"#{item.anchor}"
