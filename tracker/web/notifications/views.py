"""Views of the notifications pages: parse the form, call the outbox's store, answer. The list is
read after the outbox has caught up, so a step taken a moment ago is there."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from tracker.domain.errors import DomainError, NotFound, each_refusal
from tracker.notify.preferences import EMAIL, IN_APP, check_preferences
from tracker.web.auth.blueprint import signed_in_only
from tracker.web.identity import people

bp = Blueprint("notifications", __name__, url_prefix="/notifications")
PAGE = 30
NO_STORE = {"Cache-Control": "no-store"}


def outbox():
    return people().outbox


def unread_count() -> int:
    """The bell's number (what the outbox has delivered so far; it runs every second in `make run`)."""
    return outbox().store.unread_count(g.user) if getattr(g, "user", None) else 0


@bp.get("")
@signed_in_only
def notifications():
    outbox().catch_up()
    before = request.args.get("before", type=int)
    before = before if before is not None and 0 < before < 2**63 else None  # a mangled link: the first page
    shown = outbox().store.in_app(g.user, limit=PAGE + 1, before=before)
    return (
        render_template(
            "notifications/list.html",
            notifications=shown[:PAGE],
            older=shown[PAGE - 1].id if len(shown) > PAGE else None,
            unread=outbox().store.unread_count(g.user),
        ),
        200,
        NO_STORE,
    )


@bp.get("/<int:notification_id>")
@signed_in_only
def open_notification(notification_id: int):
    """Marks the notification read and goes to the step it is about."""
    found = outbox().store.notification(g.user, notification_id)
    if found is None:
        raise NotFound("No such notification of yours.")
    outbox().store.mark_read(g.user, [notification_id], datetime.now(UTC))
    return redirect(found.notice.path or url_for("notifications.notifications"), code=303)


@bp.post("/read")
@signed_in_only
def mark_read():
    """Marks the ones ticked (``id`` fields), or every one (no ``id``), as read."""
    ids = [int(v) for v in request.form.getlist("id") if v.isdigit()]
    changed = outbox().store.mark_read(g.user, ids or None, datetime.now(UTC))
    flash(f"Marked {changed} as read." if changed != 1 else "Marked 1 as read.", "success")
    return redirect(url_for("notifications.notifications"), code=303)


def _settings_page(in_app: str, email: str, errors: dict[str, list[str]], status: int = 200):
    return (
        render_template(
            "notifications/settings.html",
            in_app=in_app,
            email=email,
            in_app_choices=list(IN_APP.items()),
            email_choices=list(EMAIL.items()),
            email_on=outbox().email_on,
            errors=errors,
        ),
        status,
        NO_STORE,
    )


@bp.route("/settings", methods=["GET", "POST"])
@signed_in_only
def settings():
    store = outbox().store
    if request.method == "GET":
        chosen = store.preferences([g.user])[g.user]
        return _settings_page(chosen.in_app, chosen.email, {})
    in_app, email = request.form.get("in_app", ""), request.form.get("email", "")
    try:
        chosen = check_preferences(in_app, email)
    except DomainError as error:
        errors: dict[str, list[str]] = {}
        for each in each_refusal(error):
            errors.setdefault(each.field or "_schema", []).append(each.message)
        return _settings_page(in_app, email, errors, 422)
    store.set_preferences(g.user, chosen, datetime.now(UTC))
    flash(
        f"Saved. In the app: {IN_APP[chosen.in_app].lower()}. By email: {EMAIL[chosen.email].lower()}.",
        "success",
    )
    return redirect(url_for("notifications.settings"), code=303)
