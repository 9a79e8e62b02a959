"""A negotiation that runs every command once through ``NegotiationTracker.step``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from tracker.application import NegotiationTracker, StepResult
from tracker.teams.approval_rules import ApprovalRule
from tracker.teams.approvals import ChainPolicy

ACTOR = "alex@example.org"
APPROVER = "hana.hr@example.org"
EUR = "EUR"


def eur(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": EUR}


def every_command(tracker: NegotiationTracker) -> tuple[UUID, list[tuple[str, StepResult]]]:
    """Starts a negotiation and runs each command; returns its id and (command, result) pairs."""
    nid = tracker.start_negotiation(
        actor=ACTOR,
        title="Staff engineer offer",
        kind="job_offer",
        opportunity_type="personal_arrangement",
        description="After the onsite.",
    )
    results: list[tuple[str, StepResult]] = []
    yesterday = datetime.now(UTC) - timedelta(days=1)

    def step(command: str, actor: str = ACTOR, **fields: Any) -> Any:
        result = tracker.step(nid, command, actor=actor, **fields)
        results.append((command, result))
        return result.value

    step("record_aspiration", horizon="long_term", text="Lead a platform group.")
    me = step("join_party", name="Alex", role="candidate", side="owner")
    dana = step("join_party", name="Dana", role="hiring manager", side="counterpart")
    rick = step("join_party", name="Rick", role="recruiter", side="counterpart")
    hana = step("join_party", name="Hana", role="HR", side="counterpart")
    step("add_term", key="base_salary", label="Base salary", kind="money", currency=EUR, better="higher")
    step("add_term", key="remote_days", label="Remote days", kind="days", better="higher")
    step("add_term", key="perk", label="Gym", kind="boolean")
    step("revise_term", key="perk", label="Gym membership")
    step("remove_term", key="perk", reason="Not offered.")
    step("set_priority", term_key="base_salary", weight=60, target=eur("140000"), walk_away=eur("120000"))
    step("set_priority", term_key="remote_days", weight=40, target="4", walk_away="0")
    step("map_authority", term_key="base_salary", party_id=dana, role="decides")
    step("set_money_schedule", term_key="base_salary", kind="raise", raise_percent="3", raise_after_months=12)
    entry = step(
        "add_value_entry", kind="market_data", text="Survey: 130k typical.", supports=["base_salary"]
    )
    for salary, remote, rating in (("140000", "0", 55), ("120000", "4", 60), ("130000", "2", 70)):
        step("rate_package", values={"base_salary": eur(salary), "remote_days": remote}, rating=rating)
    step("calibrate_weights", weights={"base_salary": 45, "remote_days": 55})
    step(
        "log_research", term_key="base_salary", source="Survey", low="110000", typical="130000", high="150000"
    )
    ally = step("enlist_ally", name="Priya", relationship="former manager", stance="neutral")
    step("log_ally_action", ally_id=ally, action="Vouched for me.", occurred_at=yesterday)
    step("change_ally_stance", ally_id=ally, stance="supportive")
    step(
        "log_alternative",
        label="Contoso offer",
        kind="competing_offer",
        values={"base_salary": eur("132000")},
        deadline="2030-01-31",
    )
    p1 = step("make_proposal", from_party=dana, to_parties=[me], values={"base_salary": eur("125000")})
    step("reject_proposal", proposal_id=p1, party=me, reason="Below market.")
    p2 = step(
        "make_proposal",
        from_party=me,
        to_parties=[dana, rick],
        in_reply_to=p1,
        values={"base_salary": eur("138000"), "remote_days": "3"},
        cites=[entry],
    )
    step("withdraw_proposal", proposal_id=p2, party=me, reason="Typo in the figure.")
    p3 = step(
        "make_proposal",
        from_party=me,
        to_parties=[dana, rick],
        values={"base_salary": eur("136000"), "remote_days": "3"},
    )
    step(
        "log_interaction",
        actor="dana@example.org",
        channel="call",
        participants=[dana, me],
        summary="Discussed the counter.",
        occurred_at=yesterday,
    )
    step("add_note", text="Rick said the band tops at 140k.")
    step("leave_party", party_id=hana, reason="Not involved.")
    step("accept_proposal", proposal_id=p3, party=rick)
    step("accept_proposal", proposal_id=p3, party=dana)  # agreement
    step("record_lessons", lessons="The survey carried the argument.")
    step("reopen", reason="Start date moved.")
    step("change_stage", stage="offer_received", reason="New written offer.")
    step("set_decision_date", decide_by="2031-07-01", reason="The offer expires then.")
    # As if shared with a team whose chain asks its HR partner to approve a base salary above 200,000 EUR.
    rule = ApprovalRule(APPROVER, 1, "above_amount", "base_salary", Decimal("200000"), EUR)
    tracker.approval_chains, chains = (
        ChainPolicy(lambda _: [("hr-team", [rule], None)]),
        tracker.approval_chains,
    )
    try:
        asked = step("make_proposal", from_party=dana, to_parties=[me], values={"base_salary": eur("210000")})
        step("amend_proposal", proposal_id=asked, values={"base_salary": eur("205000")}, reason="Rounded.")
        step("approve_proposal", actor=APPROVER, proposal_id=asked, comment="Within the budget.")
        declined = step(
            "make_proposal", from_party=dana, to_parties=[me], values={"base_salary": eur("250000")}
        )
        step("decline_proposal", actor=APPROVER, proposal_id=declined, comment="Above the budget.")
    finally:
        tracker.approval_chains = chains
    step("conclude", outcome="agreed", lessons="Done.", final_terms={"base_salary": eur("137000")})
    return nid, results
