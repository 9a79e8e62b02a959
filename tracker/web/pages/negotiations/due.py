"""The "what's due" page at ``/due``: what the signed-in person's open negotiations need from them
next (tracker.analysis.due_list), overdue first, each with a link to where it is answered and its
date in the person's own time zone."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from flask import render_template

from tracker.analysis.due import WITHIN_DAYS
from tracker.analysis.due_list import due_for
from tracker.projections import EVERYTHING, Filters
from tracker.web.identity import current_actor, list_scope, people
from tracker.web.pages.blueprint import bp, service
from tracker.web.preferences import current_time_zone


def whats_due(now: datetime | None = None):
    """The signed-in person's DueList at ``now``."""
    return due_of(list_scope(), current_actor(), current_time_zone(), now or datetime.now(UTC))


def due_of(person: str | None, approver: str, zone: tzinfo, now: datetime, within_days: int = WITHIN_DAYS):
    """The DueList of ``person`` (their list scope: only the negotiations they may see now), read in
    ``zone``; the calendar feed asks for its owner's with no one signed in."""
    return due_for(
        person,
        people().read_model,
        service().get,
        now,
        zone,
        Filters(open=True),
        EVERYTHING,
        approver,
        within_days,
    )


@bp.get("/due")
def due():
    now = datetime.now(UTC)
    return render_template("pages/due.html", due=whats_due(now), now=now)
