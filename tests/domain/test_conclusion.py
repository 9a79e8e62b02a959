"""Concluding a negotiation with its outcome, the closed state, lessons learned and reopening."""

from decimal import Decimal

import pytest

from tests.support.domain import eur, event_types
from tracker.application import COMMANDS
from tracker.domain.errors import InvalidTransition, InvalidValue, NegotiationClosed
from tracker.domain.vocabulary import Outcome, Stage


@pytest.mark.parametrize("outcome", [o for o in Outcome.values() if o != "agreed"])
def test_a_negotiation_concludes_with_its_outcome_and_lessons(table, outcome):
    table.do("conclude", outcome=outcome, lessons="Ask for the band first.")
    assert table.n.stage.value == outcome
    assert table.n.stage.is_closed
    assert table.n.lessons == ["Ask for the band first."]
    assert table.n.final_terms == {}


def test_an_agreement_needs_final_terms_or_an_accepted_proposal(table):
    with pytest.raises(InvalidValue, match="An agreement needs its final terms") as refused:
        table.do("conclude", outcome="agreed")
    assert refused.value.field == "final_terms"
    table.do("conclude", outcome="agreed", final_terms={"base_salary": eur("125000")})
    assert table.n.final_terms == {"base_salary": {"amount": Decimal(125000), "currency": "EUR"}}
    assert table.n.agreed_proposal is None


def test_final_terms_must_fit_their_terms(table):
    with pytest.raises(InvalidValue, match=r"Base salary is in EUR, not USD."):
        table.do(
            "conclude", outcome="agreed", final_terms={"base_salary": {"amount": "1", "currency": "USD"}}
        )
    with pytest.raises(InvalidValue, match="'x' is not one of: agreed, declined"):
        table.do("conclude", outcome="x")


def test_the_stage_moves_only_among_the_open_stages(table):
    table.do("change_stage", stage="negotiating", reason="Verbal offer.")
    assert table.n.stage is Stage.NEGOTIATING
    with pytest.raises(InvalidTransition, match=r"The negotiation is already negotiating."):
        table.do("change_stage", stage="negotiating")
    with pytest.raises(InvalidTransition, match=r"Use 'conclude' to close a negotiation with its outcome."):
        table.do("change_stage", stage="agreed")


@pytest.fixture
def closed(table):
    """A declined negotiation that still has an ally, an open proposal and a coach who could leave."""
    table.do("enlist_ally", name="Priya", relationship="mentor")
    table.propose(table.dana, [table.me])
    table.do("conclude", outcome="declined", lessons="The band was fixed.")
    return table


def after_closing(t) -> dict[str, dict]:
    """Valid fields for every command that a closed negotiation must refuse."""
    return {
        "record_aspiration": dict(horizon="short_term", text="Rest."),
        "join_party": dict(name="Hana", role="HR", side="counterpart"),
        "leave_party": dict(party_id=t.coach),
        "add_term": dict(key="equity", label="Equity", kind="number"),
        "revise_term": dict(key="scope", label="Scope of the role"),
        "remove_term": dict(key="scope"),
        "set_priority": dict(term_key="base_salary", weight=10),
        "log_research": dict(source="Survey", text="Median 120k."),
        "enlist_ally": dict(name="Jon", relationship="colleague"),
        "log_ally_action": dict(ally_id="a1", action="Called HR."),
        "change_ally_stance": dict(ally_id="a1", stance="opposed"),
        "log_alternative": dict(label="Stay", kind="status_quo"),
        "rate_package": dict(values={"remote_days": "3"}, rating=60),
        "add_value_entry": dict(kind="skill", text="Spark", supports=["remote_days"]),
        "map_authority": dict(term_key="remote_days", party_id=t.dana, role="decides"),
        "set_money_schedule": dict(term_key="base_salary", kind="one_off"),
        "calibrate_weights": dict(weights={"remote_days": 30}),
        "make_proposal": dict(from_party=t.me, to_parties=[t.dana], values={"remote_days": "3"}),
        "accept_proposal": dict(proposal_id="prop1", party=t.me),
        "reject_proposal": dict(proposal_id="prop1", party=t.me),
        "withdraw_proposal": dict(proposal_id="prop1", party=t.dana),
        "amend_proposal": dict(proposal_id="prop1", values={"remote_days": "4"}),
        "approve_proposal": dict(proposal_id="prop1", comment="Fine."),
        "decline_proposal": dict(proposal_id="prop1", comment="No."),
        "log_interaction": dict(channel="email", summary="Thanked them."),
        "add_note": dict(text="One more thought."),
        "change_stage": dict(stage="negotiating"),
        "set_decision_date": dict(decide_by="2031-07-01"),
        "conclude": dict(outcome="stalled"),
    }


def test_every_command_is_covered_here(closed):
    assert set(after_closing(closed)) | {"reopen", "record_lessons"} == COMMANDS


@pytest.mark.parametrize("command", sorted(COMMANDS - {"reopen", "record_lessons"}))
def test_after_conclusion_only_reopening_is_allowed(closed, command):
    version = closed.n.version
    with pytest.raises(
        NegotiationClosed, match=r"This negotiation is closed \(declined\); reopen it to record new steps."
    ):
        closed.do(command, **after_closing(closed)[command])
    assert closed.n.version == version


def test_lessons_can_still_be_recorded_after_conclusion(closed):
    closed.do("record_lessons", lessons="Next time, research the band.")
    assert closed.n.lessons == ["The band was fixed.", "Next time, research the band."]
    assert closed.n.stage is Stage.DECLINED


def test_reopening_returns_to_negotiating_and_keeps_the_history(table):
    prop = table.propose(table.me, [table.dana])
    table.do("accept_proposal", proposal_id=prop, party=table.dana)
    assert table.n.stage is Stage.AGREED
    with pytest.raises(InvalidValue, match=r"This field is required.") as refused:
        table.do("reopen", reason=" ")
    assert refused.value.field == "reason"
    table.do("reopen", reason="The start date moved; terms to revisit.")
    assert table.n.stage is Stage.NEGOTIATING
    assert (table.n.final_terms, table.n.agreed_proposal, table.n.reopened_count) == ({}, None, 1)
    assert table.n.proposals[prop].status == "accepted"
    assert event_types(table.n)[-2:] == ["Concluded", "Reopened"]
    table.do("add_note", text="Back at the table.")


def test_reopening_a_negotiation_without_proposals_returns_to_preparing(table):
    table.do("conclude", outcome="withdrawn")
    table.do("reopen", reason="They called back.")
    assert table.n.stage is Stage.PREPARING


def test_only_a_closed_negotiation_can_be_reopened(table):
    with pytest.raises(InvalidTransition, match=r"Only a closed negotiation can be reopened."):
        table.do("reopen", reason="Why not.")
