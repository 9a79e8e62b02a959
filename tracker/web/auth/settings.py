"""/auth/settings: the person's time zone (every time on the pages is shown in it and every date and
time field read in it) and locale (how numbers and money are written). Every problem beside its field,
all at once; on success a confirmation and the page again (post, redirect, get)."""

from __future__ import annotations

import logging

from flask import flash, g, redirect, render_template, request, url_for

from tracker.domain.errors import DomainError, each_refusal
from tracker.web.auth.blueprint import bp, signed_in_only
from tracker.web.auth.preference_choices import locale_choices, zone_choices
from tracker.web.identity import people

log = logging.getLogger(__name__)
NO_STORE = {"Cache-Control": "no-store"}


def _page(time_zone: str, locale: str, errors: dict[str, list[str]], status: int = 200):
    return (
        render_template(
            "auth/settings.html",
            time_zone=time_zone,
            locale=locale,
            zones=zone_choices(time_zone),
            locales=locale_choices(locale or None),
            errors=errors,
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
        return _page(account.time_zone, account.locale or "", {})
    time_zone = request.form.get("time_zone", "").strip()
    locale = request.form.get("locale", "").strip()
    try:
        account = accounts.change_preferences(g.user, time_zone, locale)
    except DomainError as error:
        errors: dict[str, list[str]] = {}
        for each in each_refusal(error):
            errors.setdefault(each.field or "_schema", []).append(each.message)
        return _page(time_zone, locale, errors, 422)
    log.info("settings changed: %s", account.email)
    flash(
        f"Saved. Times are shown in {account.time_zone}; numbers are read "
        + (f"as written in {account.locale}." if account.locale else "without a locale."),
        "success",
    )
    return redirect(url_for("auth.settings"), code=303)
