"""What the webhook pages share (a person's at /notifications/webhooks, a team's on its page): the
section's data, reading the add form, and every input error at once beside its field."""

from __future__ import annotations

from typing import Any

from flask import request

from tracker.domain.errors import DomainError, each_refusal
from tracker.notify.webhook_registry import KNOWN_KINDS, MAIN_KINDS, WebhookRegistry
from tracker.web.webhook_registry import registry

EVERY_STEP = "every"
LOG_LENGTH = 50


def section(owner_kind: str, owner: str, user: str, created: Any = None) -> dict[str, Any]:
    """The webhooks of an owner with each one's delivery log (newest first), for the template."""
    hooks: WebhookRegistry = registry()
    found = hooks.owned(owner_kind, owner, user)
    return {
        "hooks": [(h, hooks.deliveries(h, LOG_LENGTH)) for h in found],
        "kinds": MAIN_KINDS,
        "created": created,
    }


def read_form() -> dict[str, Any]:
    chosen = [k for k in request.form.getlist("kinds") if k]
    return {"url": request.form.get("url", ""), "kinds": chosen}


def create(
    owner_kind: str, owner: str, user: str, values: dict[str, Any]
) -> tuple[Any, dict[str, list[str]]]:
    """(the new webhook, {}) or (None, errors by field)."""
    kinds = [] if EVERY_STEP in values["kinds"] else values["kinds"]
    try:
        return registry().create(owner_kind, owner, values["url"], kinds, actor=user), {}
    except DomainError as error:
        errors: dict[str, list[str]] = {}
        for each in each_refusal(error):
            errors.setdefault(each.field or "_schema", []).append(each.message)
        return None, errors


__all__ = ["KNOWN_KINDS", "create", "read_form", "section"]
