"""A person's "what's due" list: the approvals waiting for them in any open negotiation they can see,
and the due items (tracker.analysis.due) of the negotiations they own (a colleague's answers owed stay
on the colleague's list), overdue first. The open
negotiations come from the read model, most recently active first, up to ``LIMIT``; the list says
when there were more than it looked at."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any
from uuid import UUID

from tracker.analysis.due import WITHIN_DAYS, DueItem, approvals_waiting, due_items, order
from tracker.domain.view import NegotiationView

#: Open negotiations one list looks at (the read model's largest window).
LIMIT = 500


@dataclass(frozen=True)
class DueList:
    items: list[DueItem]
    looked_at: int  # open negotiations whose dates were read
    open_total: int  # open negotiations the person logs steps in

    @property
    def complete(self) -> bool:
        return self.looked_at >= self.open_total


def due_for(
    person: str | None,
    read_model: Any,
    negotiation: Callable[[UUID], NegotiationView],
    now: datetime,
    zone: tzinfo,
    open_filter: Any,
    everything: str = "",
    approver: str | None = None,
    within_days: int = WITHIN_DAYS,
) -> DueList:
    """What is due for ``person``. ``open_filter`` selects open negotiations (tracker.projections.Filters);
    ``person`` equal to ``everything`` (one local user, sign-in off) owns every negotiation;
    ``approver``: the name approvals wait for, when it is not ``person`` (that local user's);
    ``within_days``: how far ahead dated items are taken (the calendar feed looks further)."""
    rows, total = read_model.list_window(open_filter, 0, LIMIT, visible_to=person)
    items: list[DueItem] = []
    for row in rows:
        n = negotiation(row.negotiation_id)
        items.extend(approvals_waiting(n, approver or person or ""))
        if person == everything or row.owner == person:
            items.extend(due_items(n, now, zone, within_days))
    return DueList(order(items), len(rows), total)
