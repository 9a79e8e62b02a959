"""Helpers shared by the tests (moved out of tests/domain/conftest.py, which keeps only fixtures)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tracker.domain.negotiation import Negotiation

ACTOR = "alex@example.org"


def eur(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "EUR"}


def start(**fields: Any) -> Negotiation:
    values: dict[str, Any] = dict(actor=ACTOR, title="Senior engineer offer at Northwind", kind="job_offer")
    values.update(fields)
    return Negotiation.start(**values)


TERMS = (
    dict(key="base_salary", label="Base salary", kind="money", currency="EUR", better="higher"),
    dict(key="remote_days", label="Remote days per week", kind="days", better="higher"),
    dict(key="target_bonus", label="Target bonus", kind="percent", better="higher"),
    dict(key="commute", label="Commute", kind="number", unit="minutes", better="lower"),
    dict(key="relocation", label="Relocation paid", kind="boolean", better="higher"),
    dict(key="start_date", label="Start date", kind="date"),
    dict(key="title", label="Title", kind="choice", options="Engineer, Senior Engineer, Staff Engineer"),
    dict(key="scope", label="Scope", kind="text"),
)


@dataclass
class Table:
    """A negotiation with three negotiating parties and a coach, and eight terms on the table."""

    n: Negotiation
    me: str
    dana: str
    rick: str
    coach: str

    def do(self, command: str, **fields: Any) -> Any:
        return getattr(self.n, command)(actor=ACTOR, **fields)

    def propose(
        self, from_party: str, to_parties: list[str], in_reply_to: str | None = None, **values: Any
    ) -> str:
        return self.do(
            "make_proposal",
            from_party=from_party,
            to_parties=to_parties,
            in_reply_to=in_reply_to,
            values=values or {"base_salary": eur("120000")},
        )


def seated(n: Negotiation) -> Table:
    """``n`` with the candidate, two counterparts and a coach at the table, and the eight terms."""
    me = n.join_party(actor=ACTOR, name="Alex Morgan", role="candidate", side="owner")
    dana = n.join_party(actor=ACTOR, name="Dana Kim", role="hiring manager", side="counterpart")
    rick = n.join_party(actor=ACTOR, name="Rick Alvarez", role="recruiter", side="counterpart")
    coach = n.join_party(actor=ACTOR, name="Sam Patel", role="career coach", side="advisor")
    for term in TERMS:
        n.add_term(actor=ACTOR, **term)
    return Table(n, me, dana, rick, coach)


def event_types(n: Negotiation) -> list[str]:
    """The names of the events recorded so far (and not yet saved), oldest first."""
    return [type(e).__name__ for e in n.pending_events]


def last_event(n: Negotiation) -> Any:
    return n.pending_events[-1]
