"""A person's own webhooks (/notifications/webhooks), and the actions on any webhook its manager may
take from a page: send a test event (posted at once; the answer's code is shown), turn it off or on.
Someone else's webhook is 404, a team's for a member who is not an owner 403 (the registry decides)."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for

from tracker.notify.webhook_registry import TEAM, USER
from tracker.web.auth.blueprint import signed_in_only
from tracker.web.notifications.views import NO_STORE, bp
from tracker.web.webhook_pages import create, read_form, section
from tracker.web.webhook_registry import registry


def _page(errors=None, values=None, created=None, status: int = 200):
    return (
        render_template(
            "notifications/webhooks.html",
            errors=errors or {},
            values=values or {"url": "", "kinds": []},
            add_url=url_for("notifications.webhooks"),
            webhooks=section(USER, g.user, g.user, created),
        ),
        status,
        NO_STORE,
    )


@bp.route("/webhooks", methods=["GET", "POST"])
@signed_in_only
def webhooks():
    if request.method == "GET":
        return _page()
    values = read_form()
    made, errors = create(USER, g.user, g.user, values)
    if errors:
        return _page(errors, values, status=422)
    return _page(created=made, status=201)  # the secret, once: never in a redirect or the session


def _back(hook):
    if hook.owner_kind == TEAM:
        return redirect(url_for("teams.team", team_id=hook.owner) + "#webhooks", code=303)
    return redirect(url_for("notifications.webhooks"), code=303)


@bp.post("/webhooks/<webhook_id>/test")
@signed_in_only
def test_webhook(webhook_id: str):
    hooks = registry()
    hook = hooks.get(webhook_id, g.user)
    sent = hooks.send_test(hook, g.user)
    if sent.status == "sent":
        flash(f"Test event sent to {hook.url}: answered HTTP {sent.response_code}.", "success")
    else:
        flash(f"The test event to {hook.url} failed: {sent.last_error}", "error")
    return _back(hook)


@bp.post("/webhooks/<webhook_id>/disable")
@signed_in_only
def disable_webhook(webhook_id: str):
    hooks = registry()
    hook = hooks.disable(hooks.get(webhook_id, g.user), g.user)
    flash(f"The webhook to {hook.url} is off: nothing is sent to it until it is turned on again.", "success")
    return _back(hook)


@bp.post("/webhooks/<webhook_id>/enable")
@signed_in_only
def enable_webhook(webhook_id: str):
    hooks = registry()
    hook = hooks.enable(hooks.get(webhook_id, g.user))
    flash(f"The webhook to {hook.url} is on again (steps from now on are sent).", "success")
    return _back(hook)
