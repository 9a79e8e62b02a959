"""What a negotiation needs from its owner next, with the dates it runs against: answers owed to
proposals, answers awaited by a "respond by", the decision date, an alternative about to expire (an
exploding offer) and follow-ups due. Each item says it in a sentence and links to where it is
answered. Only an open negotiation has anything due; dated items count from ``now`` in the reader's
time zone (a day ends at midnight there)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from uuid import UUID

from tracker.domain.state import Proposal
from tracker.domain.view import NegotiationView
from tracker.domain.wording import plural

#: Dated items show from this many days ahead; overdue ones always (an expired offer for as long).
WITHIN_DAYS = 7
KINDS = ("approval_waiting", "answer_owed", "answer_awaited", "decision", "alternative_expires", "follow_up")


@dataclass(frozen=True)
class DueItem:
    kind: str  # one of KINDS
    negotiation_id: UUID
    title: str  # the negotiation's
    sentence: str
    due: datetime | None  # the moment it falls due (UTC); None: owed now, no date given
    anchor: str  # where on the negotiation page it is answered ("proposal-prop2", "steps")
    command: str | None = None  # the step that answers it, if one does
    ref: str = ""  # what in the negotiation it is about (a proposal's, alternative's id, a version)
    day: str | None = None  # a date-only item's day (YYYY-MM-DD): it falls due when the day ends

    def overdue(self, now: datetime) -> bool:
        return self.due is not None and self.due <= now

    def days_left(self, now: datetime) -> int | None:
        """Whole days until it falls due (0: within a day, or already), None when undated; the hints
        count the same way ("expires in 2 days")."""
        if self.due is None:
            return None
        return max(0, (self.due - now).days)


def end_of_day(day: str, zone: tzinfo) -> datetime:
    """The moment a day given as YYYY-MM-DD ends in ``zone`` (the next midnight there), in UTC."""
    following = dt.date.fromisoformat(day) + timedelta(days=1)
    return datetime.combine(following, dt.time(), tzinfo=zone).astimezone(UTC)


def in_days(due: datetime, now: datetime) -> str:
    """'today', 'tomorrow', 'in 3 days' (whole days, as days_left counts them) for a moment ahead."""
    days = max(0, (due - now).days)
    return "today" if days == 0 else ("tomorrow" if days == 1 else f"in {plural(days, 'day')}")


def due_items(
    n: NegotiationView, now: datetime, zone: tzinfo, within_days: int = WITHIN_DAYS
) -> list[DueItem]:
    """Everything due in ``n``: overdue first, then by date, then what is owed without a date."""
    if n.stage.is_closed:
        return []
    horizon = now + timedelta(days=within_days)
    items = [
        *_answers(n, now, horizon),
        *_decision(n, now, zone, horizon),
        *_alternatives(n, now, zone, horizon),
        *_follow_ups(n, now, zone, horizon),
    ]
    return order(items)


def approvals_waiting(n: NegotiationView, person: str) -> list[DueItem]:
    """The proposals in ``n`` waiting for ``person``'s approval now (owed at once: no date)."""
    if n.stage.is_closed or not person:
        return []
    who = person.strip().lower()
    items = []
    for proposal_id, approval in getattr(n, "approvals", {}).items():
        if who in n.waiting_on(proposal_id):
            mine = next((a for a in approval["required"] if a["approver"] == who), {})
            why = f" ({mine['why']})" if mine.get("why") else ""
            items.append(
                _item(
                    n,
                    "approval_waiting",
                    f"Proposal #{n.proposal_number(proposal_id)} waits for your approval{why}",
                    None,
                    f"proposal-{proposal_id}",
                )
            )
    return items


def order(items: list[DueItem]) -> list[DueItem]:
    far = datetime.max.replace(tzinfo=UTC)
    return sorted(
        items, key=lambda i: (i.due is None, i.due or far, KINDS.index(i.kind), i.title, i.sentence)
    )


def owner_side(n: NegotiationView) -> set[str]:
    return {p.party_id for p in n.parties.values() if p.side == "owner"}


def made_and_open(n: NegotiationView) -> list[Proposal]:
    """The open proposals that count as made (one awaiting approval does not yet)."""
    return [p for p in n.proposals_in_order() if p.is_open and not n.awaits_approval(p.proposal_id)]


def _item(
    n: NegotiationView,
    kind: str,
    sentence: str,
    due: datetime | None,
    anchor: str,
    command=None,
    *,
    ref: str = "",
    day: str | None = None,
):
    return DueItem(kind, n.id, n.title, sentence, due, anchor, command, ref, day)


def _answers(n: NegotiationView, now: datetime, horizon: datetime) -> list[DueItem]:
    mine = owner_side(n)
    items = []
    for proposal in made_and_open(n):
        name = f"proposal #{n.proposal_number(proposal.proposal_id)}"
        by = getattr(n, "answer_wanted_by", {}).get(proposal.proposal_id)
        owed_by_me = [p for p in proposal.awaiting if p in mine]
        if owed_by_me:
            who = own_name(n, proposal.from_party)
            items.append(
                _item(
                    n,
                    "answer_owed",
                    f"{who} wants an answer to {name}",
                    by,
                    f"proposal-{proposal.proposal_id}",
                    ref=proposal.proposal_id,
                )
            )
        elif by is not None and by <= horizon and proposal.from_party in mine:
            waiting = ", ".join(own_name(n, p) for p in proposal.awaiting)
            items.append(
                _item(
                    n,
                    "answer_awaited",
                    f"{waiting} should answer {name}: follow up if they have not",
                    by,
                    f"proposal-{proposal.proposal_id}",
                    "log_interaction",
                    ref=proposal.proposal_id,
                )
            )
    return items


def _decision(n: NegotiationView, now: datetime, zone: tzinfo, horizon: datetime) -> list[DueItem]:
    if not getattr(n, "decide_by", None):
        return []
    due = end_of_day(n.decide_by, zone)
    if due > horizon:
        return []
    return [
        _item(
            n,
            "decision",
            f"You mean to decide by {n.decide_by}",
            due,
            "summary-title",
            "set_decision_date",
            ref="decision",
            day=n.decide_by,
        )
    ]


def _alternatives(n: NegotiationView, now: datetime, zone: tzinfo, horizon: datetime) -> list[DueItem]:
    items = []
    for alternative in n.alternatives.values():
        if not alternative.deadline:
            continue
        due = end_of_day(alternative.deadline, zone)
        if due > horizon or due <= now - timedelta(days=WITHIN_DAYS):
            continue  # far off, or expired more than a week ago: nothing left to decide
        verb = "expired on" if due <= now else "expires on"
        items.append(
            _item(
                n,
                "alternative_expires",
                f"Your alternative {alternative.label} {verb} {alternative.deadline}",
                due,
                "summary-title",
                ref=alternative.alternative_id,
                day=alternative.deadline,
            )
        )
    return items


def _follow_ups(n: NegotiationView, now: datetime, zone: tzinfo, horizon: datetime) -> list[DueItem]:
    items = []
    interactions = list(n.interactions)
    for position, interaction in enumerate(interactions):
        day = getattr(n, "follow_ups", {}).get(str(interaction.version))
        if not day:
            continue
        later = interactions[position + 1 :]
        people = set(interaction.participants)
        if any(not people or people & set(other.participants) for other in later):
            continue  # followed up
        due = end_of_day(day, zone)
        if due > horizon:
            continue
        named = ", ".join(own_name(n, p) for p in interaction.participants) or "them"
        items.append(
            _item(
                n,
                "follow_up",
                f"Follow up with {named} on the {interaction.channel} of version {interaction.version}: "
                f"{_short(interaction.summary)}",
                due,
                f"v{interaction.version}",
                "log_interaction",
                ref=f"v{interaction.version}",
                day=day,
            )
        )
    return items


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def own_name(n: NegotiationView, party_id: str) -> str:
    """The party's own name, without the role the timeline adds."""
    party = n.parties.get(party_id)
    return party.name if party else party_id
