"""The outbox store's rows about registered webhooks: whose, where to, which kinds, the secret, and
whether (and why) one is turned off."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from tracker.notify.records import Webhook, webhook_of
from tracker.projections.rows import to_us


class WebhookRows:
    """Mixed into OutboxStore (its ``read`` and ``write``)."""

    read: Any
    write: Any

    def add_webhook(self, hook: Webhook) -> None:
        self.write(
            "INSERT INTO {webhooks} (id, owner_kind, owner, url, kinds, secret, created_by, "
            "created_at, disabled_at, disabled_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                hook.id,
                hook.owner_kind,
                hook.owner,
                hook.url,
                json.dumps(list(hook.kinds)),
                hook.secret,
                hook.created_by,
                to_us(hook.created_at),
                to_us(hook.disabled_at) if hook.disabled_at else None,
                hook.disabled_reason,
            ],
        )

    def webhooks(self, owner_kind: str, owner: str) -> list[Webhook]:
        """An owner's webhooks, oldest first."""
        return self._webhooks("owner_kind = ? AND owner = ? ORDER BY created_at, id", [owner_kind, owner])

    def enabled_webhooks(self) -> list[Webhook]:
        """Every webhook that is on (the outbox asks for each batch of steps)."""
        return self._webhooks("disabled_at IS NULL ORDER BY created_at, id", [])

    def webhook(self, webhook_id: str) -> Webhook | None:
        found = self._webhooks("id = ?", [str(webhook_id)])
        return found[0] if found else None

    def set_webhook_disabled(self, webhook_id: str, at: datetime | None, reason: str | None) -> bool:
        """Turns a webhook off (``at`` and the reason) or on again (``at`` None); whether it exists."""
        return bool(
            self.write(
                "UPDATE {webhooks} SET disabled_at = ?, disabled_reason = ? WHERE id = ? RETURNING id",
                [to_us(at) if at else None, (reason or "")[:500] or None, str(webhook_id)],
            )
        )

    def delete_webhook(self, webhook_id: str) -> bool:
        return bool(self.write("DELETE FROM {webhooks} WHERE id = ? RETURNING id", [str(webhook_id)]))

    def _webhooks(self, where: str, params: Sequence[Any]) -> list[Webhook]:
        return [webhook_of(row) for row in self.read("SELECT * FROM {webhooks} WHERE " + where, params)]
