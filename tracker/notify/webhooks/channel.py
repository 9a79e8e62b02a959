"""The webhook channel as the outbox uses it: which webhooks hear of a step (one delivery each), the
signed call for a delivery, when to try a failed one again, and what happens when one gives up (the
webhook is turned off and its owner told in the app).

A person's webhook hears of a step if the person could see the negotiation when the step was taken
and still can; a team's webhook if the negotiation was shared with the team then and still is (the
same rule as for the people told, tracker.notify.audience). Unlike a person, a webhook also hears of
its owner's own steps: it feeds another system, not someone's attention. A webhook hears of the steps
taken after it was registered, not of the history before."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from tracker.notify.notice import Notice
from tracker.notify.outbox import Attempt
from tracker.notify.store import FAILED, IN_APP, QUEUED, SENT, WEBHOOK, NewDelivery, OutboxStore, Webhook
from tracker.notify.webhooks import backoff
from tracker.notify.webhooks.payload import PING, payload, test_payload
from tracker.notify.webhooks.sender import post

#: How long a failed email is tried again (the webhook schedule, cut short: a mail server that
#: refuses for hours is unlikely to take the mail later, and a late email is worse than none).
EMAIL_GIVE_UP_AFTER_HOURS = 4


class WebhookChannel:
    def __init__(
        self,
        store: OutboxStore,
        access: Any,
        *,
        clock: Callable[[], datetime],
        allow_loopback: bool = False,
        timeout: float = 10,
    ) -> None:
        self.store, self.access, self.clock = store, access, clock
        self.allow_loopback = allow_loopback
        self.timeout = timeout
        self._batch = threading.local()  # per thread, as the outbox's batches

    # -- one batch of the outbox -----------------------------------------------------------------
    def begin(self) -> None:
        """A new batch of events: the enabled webhooks are read once for it (on first need), and each
        negotiation's access history once."""
        self._batch.hooks = None
        self._batch.sources = {}

    def end(self) -> None:
        self._batch.hooks = self._batch.sources = None

    def listening(self) -> bool:
        """Whether any webhook is on (if none, no step needs describing for webhooks)."""
        return bool(self._hooks())

    def _hooks(self) -> list[Webhook]:
        if getattr(self._batch, "sources", None) is None:  # outside a batch: read each time
            return self.store.enabled_webhooks()
        if self._batch.hooks is None:
            self._batch.hooks = self.store.enabled_webhooks()
        return self._batch.hooks

    def _sources(self, negotiation_id: str) -> Any:
        kept = getattr(self._batch, "sources", None)
        if kept is None:
            return self.access.history_sources(negotiation_id)
        if negotiation_id not in kept:
            kept[negotiation_id] = self.access.history_sources(negotiation_id)
        return kept[negotiation_id]

    # -- steps to deliveries ---------------------------------------------------------------------
    def __call__(
        self, negotiation_id: str, notice: Notice, step: dict[str, Any], notification_id: int
    ) -> list[NewDelivery]:
        """One queued delivery per enabled webhook that wants this kind and whose owner could see the
        step (the outbox's ``extra``)."""
        hooks = [
            h
            for h in self._hooks()
            if h.wants(notice.kind) and h.created_at <= notice.occurred_at  # no history for a new one
        ]
        if not hooks:
            return []
        people = {h.owner for h in hooks if h.owner_kind == "user"}
        teams = {h.owner for h in hooks if h.owner_kind == "team"}
        seen_by: set[str] = set()
        sources = self._sources(negotiation_id)
        if people:
            then, now = self.access.who_could_see_each(
                negotiation_id, [notice.occurred_at, None], sources=sources
            )
            seen_by |= {v.email for v in then} & {v.email for v in now}
        if teams:
            then_teams, now_teams = self.access.teams_shared_each(
                negotiation_id, [notice.occurred_at, None], sources=sources
            )
            seen_by |= then_teams & now_teams
        return [
            NewDelivery(WEBHOOK, h.id, notification_id, notice, step, QUEUED)
            for h in hooks
            if h.owner in seen_by
        ]

    # -- sending ---------------------------------------------------------------------------------
    def send(self, delivery: Any) -> Attempt:
        """The signed call for one delivery (the outbox's sender for the webhook channel)."""
        hook = self.store.webhook(delivery.recipient)
        if hook is None or not hook.enabled:
            return Attempt(False, "webhook disabled")
        notice = delivery.notice
        if notice.kind == PING:
            body = test_payload(str(delivery.id), notice.occurred_at, notice.actor or None)
        else:
            data = delivery.data.get("data", {}) if isinstance(delivery.data, dict) else {}
            body = payload(
                notice.kind,
                notice.negotiation_id,
                notice.version,
                notice.actor or None,
                notice.occurred_at,
                data,
                str(delivery.id),
            )
        sent = post(
            hook.url,
            body,
            hook.secret,
            timeout=self.timeout,
            allow_loopback=self.allow_loopback,
            delivery_id=str(delivery.id),
        )
        return Attempt(sent.ok, sent.error, sent.status_code)

    def send_test(self, hook: Webhook, actor: str, lease_seconds: float = 60) -> Any:
        """ "Send a test event": a ping delivery recorded in the webhook's log and sent at once (not
        retried); returns the delivery as it ended."""
        now = self.clock()
        key = int(now.timestamp() * 1_000_000)
        notice = Notice(PING, "", "", 0, actor, now, "A test event", "", False)
        self.store.add_direct(
            "webhook-test", key, [NewDelivery(WEBHOOK, hook.id, key, notice, {}, QUEUED)], now
        )
        made = self.store.delivery_by_key(WEBHOOK, hook.id, "webhook-test", key)
        claimed = self.store.claim_one(made.id, now, lease_seconds) if made else None
        if claimed is None:  # pragma: no cover - a second process took it: it is sent there
            return made
        attempt = self.send(claimed)
        self.store.finish(
            claimed.id,
            SENT if attempt.ok else FAILED,
            self.clock(),
            error=attempt.error,
            code=attempt.status_code,
        )
        return self.store.delivery_by_key(WEBHOOK, hook.id, "webhook-test", key)

    # -- failures --------------------------------------------------------------------------------
    def retry_at(self, delivery: Any, now: datetime) -> datetime | None:
        """When to try a failed delivery again (the outbox's ``retry_at``): webhooks on the schedule
        of backoff.py for a day; emails on the same schedule for a few hours; a test event, or a call
        to a webhook turned off (or deleted) since, never."""
        if delivery.notice.kind == PING:
            return None
        if delivery.channel == WEBHOOK:
            hook = self.store.webhook(delivery.recipient)
            if hook is None or not hook.enabled:
                return None
        first = delivery.first_attempt_at or now
        at = backoff.next_attempt(delivery.attempts, first, now)
        if at is not None and delivery.channel != WEBHOOK:
            hours = (at - first).total_seconds() / 3600
            return at if hours <= EMAIL_GIVE_UP_AFTER_HOURS else None
        return at

    def _given_up_in_a_row(self, hook: Webhook) -> int:
        """The webhook's latest deliveries that failed for good with no success since (test events
        and those still being tried aside)."""
        count = 0
        for d in self.store.deliveries(WEBHOOK, [hook.id], 50):
            if d.notice.kind == PING or d.status not in (SENT, FAILED):
                continue
            if d.status == SENT:
                break
            count += 1
        return count

    def gave_up(self, delivery: Any) -> None:
        """A webhook's delivery failed for a day: the webhook is turned off and its owner (a team's
        owners) told in the app."""
        if delivery.channel != WEBHOOK or delivery.notice.kind == PING:
            return
        hook = self.store.webhook(delivery.recipient)
        if hook is None or not hook.enabled or not backoff.should_disable(self._given_up_in_a_row(hook)):
            return
        last = self.store.delivery_by_id(delivery.id)
        error = (last.last_error if last else None) or "no answer"
        now = self.clock()
        self.store.set_webhook_disabled(hook.id, now, f"gave up after a day of failures: {error}")
        if hook.owner_kind == "team":
            team = self.access.team(hook.owner)
            owners = team.owners() if team is not None else []
            title, path = (team.name if team is not None else ""), f"/teams/{hook.owner}"
        else:
            owners, title, path = [hook.owner], "", "/notifications/webhooks"
        notice = Notice(
            kind="WebhookDisabled",
            negotiation_id="",
            negotiation_title=title,
            version=0,
            actor="",
            occurred_at=now,
            sentence=f"The webhook to {hook.url} was turned off after a day of failed calls (last: {error})",
            path=path,
            needs_me=True,
        )
        told = [
            NewDelivery(IN_APP, email, delivery.id, notice, {"webhook_id": hook.id}, SENT) for email in owners
        ]
        self.store.add_direct("webhooks", delivery.id, told, now)
