"""The calendar feed on the settings page: make (or replace) the private feed URL, shown once on the
page that answers (only a hash of its token is kept), and turn it off. Replacing or turning it off
stops the old URL at once."""

from __future__ import annotations

import logging

from flask import flash, g, redirect, url_for

from tracker.domain.errors import NotFound
from tracker.web.auth.blueprint import bp, signed_in_only
from tracker.web.auth.settings import settings_page
from tracker.web.calendar_feed import feed_url
from tracker.web.identity import people

log = logging.getLogger(__name__)


@bp.post("/calendar-feed")
@signed_in_only
def open_calendar_feed():
    accounts = people().accounts
    issued = accounts.open_calendar_feed(g.user)
    log.info("calendar feed made by %s", g.user)  # never the token
    account = accounts.require_user(g.user)
    return settings_page(
        account.time_zone, account.locale or "", {}, 201, new_feed_url=feed_url(issued.token)
    )


@bp.post("/calendar-feed/off")
@signed_in_only
def close_calendar_feed():
    accounts = people().accounts
    try:
        accounts.close_calendar_feed(g.user)
    except NotFound:
        account = accounts.require_user(g.user)
        errors = {"calendar_feed": ["Your calendar feed is already off: there is nothing to turn off."]}
        return settings_page(account.time_zone, account.locale or "", errors, 422)
    log.info("calendar feed turned off by %s", g.user)
    flash("Your calendar feed is off: its link no longer works.", "success")
    return redirect(url_for("auth.settings", _anchor="calendar-feed"), code=303)
