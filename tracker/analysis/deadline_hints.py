"""Hints the dates call for: an exploding alternative that expires before the answer it should inform
("the Contoso offer expires in 2 days: decide before answering Northwind"), an answer wanted soon, and
a decision date close by. Days count in the reader's time zone."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from tracker.analysis.due import end_of_day, in_days, made_and_open, own_name, owner_side
from tracker.domain.state import Proposal
from tracker.domain.view import NegotiationView

#: How near a date must be to call for a hint (an answer wanted sooner than the alternatives' week).
ALTERNATIVE_DAYS = 7
ANSWER_DAYS = 2
DECISION_DAYS = 7


def _answers_owed(n: NegotiationView) -> list[Proposal]:
    """Made, open proposals the owner's side has yet to answer."""
    mine = owner_side(n)
    return [p for p in made_and_open(n) if any(q in mine for q in p.awaiting)]


def deadline_hints(n: NegotiationView, now: datetime, zone: tzinfo) -> list[tuple[str, str, str]]:
    """(key, title, reason) of each hint the open negotiation's dates call for at ``now``."""
    if n.stage.is_closed:
        return []
    out = []
    owed = _answers_owed(n)
    answering = ", ".join(dict.fromkeys(own_name(n, p.from_party) for p in owed))
    for alternative in n.alternatives.values():
        if not alternative.deadline:
            continue
        due = end_of_day(alternative.deadline, zone)
        if not now < due <= now + timedelta(days=ALTERNATIVE_DAYS):
            continue
        then = (
            f"decide on it before answering {answering}"
            if answering
            else "decide on it, or ask them for more time, before it lapses"
        )
        out.append(
            (
                "alternative_expires",
                f"{alternative.label} expires {in_days(due, now)}",
                f"The {alternative.label} expires {in_days(due, now)} ({alternative.deadline}): {then}.",
            )
        )
    wanted = getattr(n, "answer_wanted_by", {})
    for proposal in owed:
        by = wanted.get(proposal.proposal_id)
        if by is None or not now < by <= now + timedelta(days=ANSWER_DAYS):
            continue
        name = f"proposal #{n.proposal_number(proposal.proposal_id)}"
        out.append(
            (
                "answer_wanted",
                f"Answer wanted {in_days(by, now)}",
                f"{own_name(n, proposal.from_party)} wants an answer to {name} {in_days(by, now)} "
                f"({by.astimezone(zone):%Y-%m-%d %H:%M}). Answer, or ask for more time before then.",
            )
        )
    decide_by = getattr(n, "decide_by", None)
    if decide_by:
        due = end_of_day(decide_by, zone)
        if due <= now:
            out.append(
                (
                    "decision_overdue",
                    "The decision date has passed",
                    f"You meant to decide by {decide_by}. Decide, or set a new date and say why.",
                )
            )
        elif due <= now + timedelta(days=DECISION_DAYS):
            out.append(
                (
                    "decision_near",
                    f"Decision due {in_days(due, now)}",
                    f"You mean to decide by {decide_by}: check your walk-away and alternatives now.",
                )
            )
    return out
