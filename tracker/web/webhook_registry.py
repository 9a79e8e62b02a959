"""The webhook registry of the running app (pages and API share it): over the outbox's store and
webhook channel, with team roles from the team service."""

from __future__ import annotations

from flask import current_app

from tracker.notify.webhook_registry import WebhookRegistry


def registry() -> WebhookRegistry:
    people = current_app.extensions["people"]
    outbox = people.outbox
    return WebhookRegistry(
        outbox.store,
        outbox.webhooks,
        member_role=people.teams.member_role,
        clock=outbox.clock,
        allow_loopback=outbox.webhooks.allow_loopback,
    )
