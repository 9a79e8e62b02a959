"""Registering webhooks and looking after them: who may (a person for themselves, a team's owners for
the team), what a valid one is (a checked address, known event kinds), and turning one off and on,
its delivery log and "send a test event". The pages and the API both go through here."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from tracker.accounts.emails import email_key
from tracker.domain import events as ev
from tracker.domain.errors import DomainError, InvalidValue, NotFound, Refusals
from tracker.notify.store import WEBHOOK, Delivery, OutboxStore, Webhook
from tracker.notify.webhooks.signing import new_secret
from tracker.notify.webhooks.urls import check_url
from tracker.teams.errors import AccessDenied

#: The kinds offered on the form (the steps another system usually acts on); the API takes any of
#: ``KNOWN_KINDS``.
MAIN_KINDS = (
    "ProposalMade",
    "ProposalAccepted",
    "ProposalRejected",
    "ProposalWithdrawn",
    "Concluded",
    "ApprovalRequested",
    "ProposalApproved",
    "ProposalDeclined",
    "StageChanged",
)
KNOWN_KINDS = tuple(
    sorted(
        name
        for name, value in vars(ev).items()
        if isinstance(value, type)
        and issubclass(value, ev.NegotiationEvent)
        and not name.startswith("_")
        and value not in (ev.NegotiationEvent, ev.Started, ev.Imported)
    )
)
TEAM, USER = "team", "user"
MAX_PER_OWNER = 20


class WebhookRegistry:
    def __init__(
        self,
        store: OutboxStore,
        channel: Any,
        *,
        member_role: Callable[[str, str], str | None],
        clock: Callable[[], datetime],
        allow_loopback: bool = False,
    ) -> None:
        self.store, self.channel, self.member_role, self.clock = store, channel, member_role, clock
        self.allow_loopback = allow_loopback

    # -- whose -----------------------------------------------------------------------------------
    def check_owner(self, owner_kind: str, owner: str, user: str) -> None:
        """NotFound for a team the user is not in; AccessDenied for a member who is not an owner."""
        if owner_kind == USER:
            if email_key(owner) != email_key(user):
                raise NotFound("No such webhook.")
            return
        role = self.member_role(owner, user)
        if role is None:
            raise NotFound("No such team.")
        if role != "owner":
            raise AccessDenied("Only a team owner can manage the team's webhooks.")

    def get(self, webhook_id: str, user: str) -> Webhook:
        """The webhook if ``user`` may manage it (NotFound if they may not see it at all)."""
        try:
            hook = self.store.webhook(str(uuid.UUID(str(webhook_id))))
        except ValueError:
            hook = None
        if hook is None:
            raise NotFound("No such webhook.")
        try:
            self.check_owner(hook.owner_kind, hook.owner, user)
        except NotFound:
            raise NotFound("No such webhook.") from None
        return hook

    def owned(self, owner_kind: str, owner: str, user: str) -> list[Webhook]:
        self.check_owner(owner_kind, owner, user)
        return self.store.webhooks(owner_kind, owner)

    # -- changes ---------------------------------------------------------------------------------
    def create(self, owner_kind: str, owner: str, url: object, kinds: object, *, actor: str) -> Webhook:
        """A new webhook with a fresh secret (the caller shows it once); every input error at once
        (``Refusals``, fields ``url`` and ``kinds``)."""
        self.check_owner(owner_kind, owner, actor)
        owner = email_key(owner) if owner_kind == USER else str(owner)
        errors: list[DomainError] = []
        checked_url = ""
        try:
            checked_url = check_url(url, allow_loopback=self.allow_loopback)
        except InvalidValue as error:
            errors.append(error)
        try:
            chosen = check_kinds(kinds)
        except InvalidValue as error:
            errors.append(error)
            chosen = ()
        if len(self.store.webhooks(owner_kind, owner)) >= MAX_PER_OWNER:
            errors.append(InvalidValue(f"At most {MAX_PER_OWNER} webhooks each; delete one first.", "url"))
        if errors:
            raise Refusals(errors)
        hook = Webhook(
            id=str(uuid.uuid4()),
            owner_kind=owner_kind,
            owner=owner,
            url=checked_url,
            kinds=chosen,
            secret=new_secret(),
            created_by=email_key(actor),
            created_at=self.clock(),
            disabled_at=None,
            disabled_reason=None,
        )
        self.store.add_webhook(hook)
        return hook

    def disable(self, hook: Webhook, user: str) -> Webhook:
        self.store.set_webhook_disabled(hook.id, self.clock(), f"turned off by {email_key(user)}")
        return self.store.webhook(hook.id) or hook

    def enable(self, hook: Webhook) -> Webhook:
        self.store.set_webhook_disabled(hook.id, None, None)
        return self.store.webhook(hook.id) or hook

    def delete(self, hook: Webhook) -> None:
        self.store.delete_webhook(hook.id)

    # -- calls -----------------------------------------------------------------------------------
    def deliveries(self, hook: Webhook, limit: int = 50) -> list[Delivery]:
        """The webhook's latest deliveries, newest first (its delivery log)."""
        return self.store.deliveries(WEBHOOK, [hook.id], limit)

    def send_test(self, hook: Webhook, actor: str) -> Delivery:
        """A ping, posted now; the delivery as it ended (sent, or failed with the answer's code)."""
        return self.channel.send_test(hook, email_key(actor))


def check_kinds(kinds: object) -> tuple[str, ...]:
    """The event kinds a webhook wants, each known, without repeats; empty: every step."""
    if kinds is None or kinds == "":
        return ()
    if not isinstance(kinds, list | tuple) or not all(isinstance(k, str) for k in kinds):
        raise InvalidValue("Choose event kinds from the list (or none, for every step).", "kinds")
    unknown = [k for k in kinds if k not in KNOWN_KINDS]
    if unknown:
        raise InvalidValue(f"Not an event kind: {', '.join(sorted(set(unknown)))[:200]}.", "kinds")
    return tuple(dict.fromkeys(kinds))
