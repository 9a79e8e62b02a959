"""Dates a negotiation runs against: the day a decision is due, the time by which a proposal wants an
answer ("respond by") and the day an interaction is to be followed up. An alternative's own expiry (an
exploding offer) is its ``deadline`` (tracker.domain.preparation). The checks live here so the
commands that take these dates share them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tracker.domain import events as ev
from tracker.domain.checks import Checks
from tracker.domain.errors import InvalidValue
from tracker.domain.terms import optional_text, parse_date, parse_moment

#: How far ahead a deadline may be set: far enough for any negotiation, near enough to catch a typo.
LATEST_YEAR = 2200


def check_day(raw: object, field: str) -> str | None:
    """A day (YYYY-MM-DD, a date or a datetime) as ISO text, or None when not given."""
    if raw in (None, ""):
        return None
    day = parse_date(raw, field)
    if day.year > LATEST_YEAR:
        raise InvalidValue(f"Give a date before {LATEST_YEAR}.", field)
    return day.isoformat()


def check_respond_by(raw: object, made_at: datetime, field: str = "respond_by") -> datetime | None:
    """The moment a proposal wants its answer by: with its time zone, after the proposal was made."""
    moment = parse_moment(raw, field)
    if moment is None:
        return None
    if moment <= made_at:
        raise InvalidValue("The answer can only be wanted after the proposal was made.", field)
    if moment.year > LATEST_YEAR:
        raise InvalidValue(f"Give a date before {LATEST_YEAR}.", field)
    return moment


class DeadlineCommands:
    """Mixin for Negotiation: the decision date (``decide_by``, a day; None clears it)."""

    def set_decision_date(
        self, *, actor: str, decide_by: object = None, reason: object = "", **common: Any
    ) -> None:
        checks = Checks()
        day = checks(check_day, decide_by, "decide_by")
        why = checks(optional_text, reason, "reason")
        checks.done()
        if day == self.decide_by and not why:
            raise InvalidValue(
                "That is already the decision date." if day else "There is no decision date to clear.",
                "decide_by",
            )
        self.record(ev.DecisionDateSet, actor=actor, decide_by=day, reason=why, **common)
