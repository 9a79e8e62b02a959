"""Builders for analysis tests: a negotiation built through the real domain commands (no store)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tracker.domain.negotiation import Negotiation
from tracker.domain.vocabulary import TermKind

ACTOR = "alex@example.org"
TERM_DEFAULTS = {
    "base_salary": dict(label="Base salary", kind="money", currency="EUR", better="higher"),
    "target_bonus": dict(label="Target bonus", kind="percent", better="higher"),
    "sign_on": dict(label="Sign-on bonus", kind="money", currency="EUR", better="higher"),
    "equity": dict(label="Equity grant", kind="money", currency="EUR", better="higher"),
    "vesting_years": dict(label="Vesting period", kind="number", unit="years", better="lower"),
    "retirement_contribution": dict(label="Retirement contribution", kind="percent", better="higher"),
    "pto_days": dict(label="Paid time off", kind="days", better="higher"),
    "remote_days": dict(label="Remote days per week", kind="days", better="higher"),
    "training_budget": dict(label="Training budget", kind="money", currency="EUR", better="higher"),
    "start_date": dict(label="Start date", kind="date", better="lower"),
    "title": dict(label="Title", kind="choice", options="Engineer, Senior Engineer, Staff Engineer"),
    "relocation_paid": dict(label="Relocation paid", kind="boolean", better="higher"),
    "scope": dict(label="Scope", kind="text"),
}


def ago(days: int) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


class Deal:
    """A job-offer negotiation between me (the candidate) and Dana (the hiring manager)."""

    def __init__(self, opportunity_type: str = "standard") -> None:
        self.n = Negotiation.start(
            actor=ACTOR, title="Offer at Northwind", kind="job_offer", opportunity_type=opportunity_type
        )
        self.me = self.do("join_party", name="Alex Morgan", role="candidate", side="owner")
        self.dana = self.do("join_party", name="Dana Kim", role="hiring manager", side="counterpart")

    def do(self, command: str, **fields: Any) -> Any:
        return getattr(self.n, command)(actor=ACTOR, **fields)

    def term(self, key: str, **overrides: Any) -> Deal:
        self.do("add_term", key=key, **{**TERM_DEFAULTS.get(key, {}), **overrides})
        return self

    def terms(self, *keys: str) -> Deal:
        for key in keys:
            self.term(key)
        return self

    def raw(self, key: str, value: Any) -> Any:
        spec = self.n.terms[key]
        if spec.kind is TermKind.MONEY and not isinstance(value, dict):
            return {"amount": str(value), "currency": spec.currency}
        return value

    def raw_values(self, values: dict[str, Any]) -> dict[str, Any]:
        return {k: self.raw(k, v) for k, v in values.items()}

    def stored(self, values: dict[str, Any]) -> dict[str, Any]:
        """Values as the negotiation stores them (checked by the domain)."""
        return self.n.check_values(self.raw_values(values), allow_empty=True)

    def priority(
        self,
        key: str,
        weight: int,
        target: Any = None,
        walk_away: Any = None,
        ratings: dict | None = None,
        party_id: str | None = None,
    ) -> Deal:
        self.do(
            "set_priority",
            term_key=key,
            weight=weight,
            target=self.raw(key, target) if target is not None else None,
            walk_away=self.raw(key, walk_away) if walk_away is not None else None,
            ratings=ratings,
            party_id=party_id,
        )
        return self

    def propose(self, party: str, occurred_at: datetime | None = None, **values: Any) -> str:
        to = [self.dana] if party == self.me else [self.me]
        return self.do(
            "make_proposal",
            from_party=party,
            to_parties=to,
            values=self.raw_values(values),
            occurred_at=occurred_at,
        )

    def alternative(self, label: str, kind: str = "competing_offer", **values: Any) -> str:
        return self.do("log_alternative", label=label, kind=kind, values=self.raw_values(values))
