"""/auth/settings: the person's time zone (every time on the pages is shown in it and every date and
time field read in it) and locale (how numbers and money are written). Every problem beside its field,
all at once; on success a confirmation and the page again (post, redirect, get). It also lists the
person's signed-in sessions (started, device) and ends any of them, and the calendar feed
(tracker.web.auth.calendar_feed)."""

from __future__ import annotations

import logging

from flask import flash, g, redirect, render_template, request, url_for

from tracker.domain.errors import DomainError, NotFound, each_refusal
from tracker.web.auth.blueprint import bp, signed_in_only
from tracker.web.auth.preference_choices import locale_choices, zone_choices
from tracker.web.auth.sessions import current_session_id, end_session
from tracker.web.identity import people

log = logging.getLogger(__name__)
NO_STORE = {"Cache-Control": "no-store"}


def settings_page(
    time_zone: str, locale: str, errors: dict[str, list[str]], status: int = 200, new_feed_url: str = ""
):
    """The settings page; ``new_feed_url``: a calendar feed just made, shown this once."""
    return (
        render_template(
            "auth/settings.html",
            time_zone=time_zone,
            locale=locale,
            zones=zone_choices(time_zone),
            locales=locale_choices(locale or None),
            errors=errors,
            sessions=people().accounts.list_sessions(g.user),
            this_session=current_session_id(),
            feed=people().accounts.calendar_feed(g.user),
            new_feed_url=new_feed_url,
        ),
        status,
        NO_STORE,
    )


@bp.route("/settings", methods=["GET", "POST"])
@signed_in_only
def settings():
    accounts = people().accounts
    if request.method == "GET":
        account = accounts.require_user(g.user)
        return settings_page(account.time_zone, account.locale or "", {})
    time_zone = request.form.get("time_zone", "").strip()
    locale = request.form.get("locale", "").strip()
    try:
        account = accounts.change_preferences(g.user, time_zone, locale)
    except DomainError as error:
        errors: dict[str, list[str]] = {}
        for each in each_refusal(error):
            errors.setdefault(each.field or "_schema", []).append(each.message)
        return settings_page(time_zone, locale, errors, 422)
    log.info("settings changed: %s", account.email)
    flash(
        f"Saved. Times are shown in {account.time_zone}; numbers are read "
        + (f"as written in {account.locale}." if account.locale else "without a locale."),
        "success",
    )
    return redirect(url_for("auth.settings"), code=303)


@bp.post("/sessions/<session_id>/end")
@signed_in_only
def end_session_elsewhere(session_id: str):
    """Ends one of the person's sessions (this one too: then they are signed out here)."""
    if session_id == current_session_id():
        end_session()
        return redirect(url_for("auth.signin"), code=303)
    if not people().accounts.end_session(g.user, session_id):  # ended already, or not theirs
        raise NotFound("No such session is open on your account.")
    log.info("session ended by %s", g.user)
    flash("The session was ended: that browser is signed out.", "success")
    return redirect(url_for("auth.settings"), code=303)
