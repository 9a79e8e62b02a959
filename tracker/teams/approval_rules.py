"""A team's approval chain: who must approve a proposal in a negotiation shared with the team before
it counts as made, at which step (approvers at the same step decide in parallel, a later step waits
for the earlier ones), and when: always, when the proposal names a term ("any title change needs the
HR partner"), when a money term is above a figure, or above its pay band's midpoint or maximum ("base
salary above the band's midpoint needs the compensation lead")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tracker.accounts.emails import email_key
from tracker.domain.checks import Checks
from tracker.domain.errors import InvalidValue
from tracker.domain.money import parse_decimal
from tracker.teams.pay_bands import PayBand

CONDITIONS = {
    "always": "every proposal",
    "names_term": "when the proposal names the term",
    "above_amount": "when the term is above an amount",
    "above_band_midpoint": "when the term is above its band's midpoint",
    "above_band_maximum": "when the term is above its band's maximum",
}
MAX_RULES = 20
MAX_STEPS = 5


@dataclass(frozen=True)
class ApprovalRule:
    approver: str  # a team member's email
    step: int  # 1 first; the same step: in parallel
    when: str  # one of CONDITIONS
    term_key: str = ""  # the term the condition looks at (none for "always")
    amount: Decimal | None = None  # above_amount: the figure, in the term's currency
    currency: str = ""

    def as_event(self) -> dict[str, Any]:
        return {
            "approver": self.approver,
            "step": self.step,
            "when": self.when,
            "term_key": self.term_key,
            "amount": None if self.amount is None else str(self.amount),
            "currency": self.currency,
        }

    @classmethod
    def from_event(cls, data: dict[str, Any]) -> ApprovalRule:
        amount = data.get("amount")
        return cls(
            data["approver"],
            int(data["step"]),
            data["when"],
            data.get("term_key", ""),
            None if amount is None else Decimal(amount),
            data.get("currency", ""),
        )

    @property
    def condition(self) -> str:
        """The condition in words: "base_salary above 130,000 EUR"."""
        if self.when == "always":
            return "every proposal"
        if self.when == "names_term":
            return f"any change to {self.term_key}"
        if self.when == "above_amount":
            return f"{self.term_key} above {self.amount:,f} {self.currency}"
        which = "midpoint" if self.when == "above_band_midpoint" else "maximum"
        return f"{self.term_key} above the band's {which}"

    def applies(self, values: dict[str, Any], band: PayBand | None) -> bool:
        """Whether this rule needs its approver for a proposal of ``values`` (its band, if any)."""
        if self.when == "always":
            return True
        value = values.get(self.term_key)
        if value is None:
            return False
        if self.when == "names_term":
            return True
        if not isinstance(value, dict) or "amount" not in value:
            return False
        amount = Decimal(str(value["amount"]))
        if self.when == "above_amount":
            return value.get("currency") == self.currency and self.amount is not None and amount > self.amount
        if band is None or band.term_key != self.term_key or value.get("currency") != band.currency:
            return False
        limit = band.midpoint if self.when == "above_band_midpoint" else band.maximum
        return amount > limit


def check_rules(raw: object, is_member: Callable[[str], bool]) -> list[ApprovalRule]:
    """The chain from a list of mappings (a form's rows or a JSON body), every problem at once, each
    named ``rules.<index>.<field>``."""
    if not isinstance(raw, (list, tuple)):
        raise InvalidValue("Give the chain as a list of rules.", "rules")
    if len(raw) > MAX_RULES:
        raise InvalidValue(f"A chain has at most {MAX_RULES} rules.", "rules")
    checks, rules = Checks(), []
    for index, row in enumerate(raw):
        where = f"rules.{index}"
        if not isinstance(row, dict):
            checks.refuse(InvalidValue("Each rule is a mapping.", where))
            continue
        approver = email_key(row.get("approver") or "")
        if not approver:
            checks.refuse(InvalidValue("Name the approver (a team member's email).", f"{where}.approver"))
        elif not is_member(approver):
            checks.refuse(InvalidValue(f"{approver} is not in the team.", f"{where}.approver"))
        step = row.get("step", 1)
        if isinstance(step, str) and step.strip().isdigit():
            step = int(step)
        if not isinstance(step, int) or isinstance(step, bool) or not 1 <= step <= MAX_STEPS:
            checks.refuse(InvalidValue(f"Give a step from 1 to {MAX_STEPS}.", f"{where}.step"))
            step = 1
        when = str(row.get("when") or "always")
        if when not in CONDITIONS:
            checks.refuse(InvalidValue("Choose a condition: " + ", ".join(CONDITIONS) + ".", f"{where}.when"))
            continue
        term_key = str(row.get("term_key") or "").strip()
        if when != "always" and not term_key:
            checks.refuse(InvalidValue("Name the term the condition looks at.", f"{where}.term_key"))
        amount, currency = None, ""
        if when == "above_amount":
            amount = checks(parse_decimal, row.get("amount"), f"{where}.amount")
            currency = str(row.get("currency") or "").strip().upper()
            if len(currency) != 3 or not currency.isalpha():
                checks.refuse(InvalidValue("Give a three-letter currency code.", f"{where}.currency"))
        rules.append(
            ApprovalRule(approver, step, when, term_key if when != "always" else "", amount, currency)
        )
    pairs = [(rule.approver, rule.step) for rule in rules]
    if len(pairs) != len(set(pairs)):
        checks.refuse(InvalidValue("An approver is named twice at the same step.", "rules"))
    checks.done()
    return rules


def required(rules: list[ApprovalRule], values: dict[str, Any], band: PayBand | None) -> list[dict[str, Any]]:
    """Who must approve a proposal of ``values``: one entry per approver (at their earliest step), with
    why, in step order."""
    found: dict[str, dict[str, Any]] = {}
    for rule in sorted(rules, key=lambda r: r.step):
        if not rule.applies(values, band):
            continue
        entry = found.setdefault(rule.approver, {"approver": rule.approver, "step": rule.step, "why": []})
        entry["why"].append(rule.condition)
    return [
        {"approver": e["approver"], "step": e["step"], "why": "; ".join(e["why"])}
        for e in sorted(found.values(), key=lambda e: (e["step"], e["approver"]))
    ]


def looked_at(rules: list[ApprovalRule]) -> set[str]:
    """The terms the chain's conditions look at (a change to one voids the approvals given)."""
    return {rule.term_key for rule in rules if rule.term_key}
