"""Proposals and counter-proposals among three or more parties, and their answers."""

import re
from decimal import Decimal

import pytest

from tests.support.domain import eur, event_types, last_event
from tracker.domain.errors import (
    InvalidValue,
    NotAddressed,
    ProposalNotOpen,
    UnknownParty,
    UnknownProposal,
    UnknownTerm,
)
from tracker.domain.vocabulary import Stage


def test_a_proposal_is_made_by_one_party_to_others_with_a_value_per_term(table):
    prop = table.do(
        "make_proposal",
        from_party=table.dana,
        to_parties=[table.me, table.me],
        rationale="Standard band.",
        values={"base_salary": eur("118000"), "title": "Engineer", "relocation": "yes"},
    )
    proposal = table.n.proposals[prop]
    assert prop == "prop1"
    assert proposal.to_parties == [table.me]
    assert proposal.values == {
        "base_salary": {"amount": Decimal(118000), "currency": "EUR"},
        "title": "Engineer",
        "relocation": True,
    }
    assert (proposal.status, proposal.rationale, proposal.in_reply_to) == ("open", "Standard band.", None)
    assert proposal.made_version == table.n.version
    assert proposal.made_at == last_event(table.n).timestamp


@pytest.mark.parametrize(
    "fields, error, field, message",
    [
        (dict(from_party="p99"), UnknownParty, "from_party", "'p99' is not a party to this negotiation."),
        (dict(from_party=None), UnknownParty, "from_party", "'None' is not a party"),
        (dict(to_parties=[]), InvalidValue, "to_parties", "Address the proposal to at least one party."),
        (dict(to_parties="p1"), InvalidValue, "to_parties", "Address the proposal to at least one party."),
        (dict(to_parties=["p1", "p42"]), UnknownParty, "to_parties", "'p42' is not a party"),
        (
            dict(to_parties=["p2"]),
            InvalidValue,
            "to_parties",
            "A party cannot make a proposal to themselves.",
        ),
        (dict(values={}), InvalidValue, "values", "Give a value for at least one term."),
        (dict(values={"equity": "1"}), UnknownTerm, "values.equity", "'equity' is not a term on the table."),
        (
            dict(values={"base_salary": eur("-1")}),
            InvalidValue,
            "values.base_salary.amount",
            "Base salary cannot be negative.",
        ),
        (dict(values={"title": "CTO"}), InvalidValue, "values.title", "Choose one of"),
        (
            dict(in_reply_to="prop9"),
            UnknownProposal,
            "in_reply_to",
            "There is no proposal 'prop9' in this negotiation.",
        ),
    ],
)
def test_a_proposal_that_breaks_the_rules_is_refused_and_records_nothing(
    table, fields, error, field, message
):
    values = dict(from_party=table.dana, to_parties=[table.me], values={"base_salary": eur("118000")})
    values.update(fields)
    version = table.n.version
    with pytest.raises(error, match=message) as refused:
        table.do("make_proposal", **values)
    assert refused.value.field == field
    assert table.n.version == version and table.n.proposals == {}


def test_a_party_who_left_can_make_no_proposal(table):
    table.do("leave_party", party_id=table.rick)
    with pytest.raises(UnknownParty):
        table.propose(table.rick, [table.me])
    with pytest.raises(UnknownParty):
        table.propose(table.me, [table.rick])


def test_the_first_offer_from_the_employer_means_an_offer_was_received(table):
    assert table.n.stage is Stage.PREPARING
    table.propose(table.dana, [table.me])
    assert table.n.stage is Stage.OFFER_RECEIVED
    table.propose(table.me, [table.dana], in_reply_to="prop1")
    assert table.n.stage is Stage.NEGOTIATING


def test_opening_with_ones_own_proposal_starts_the_negotiating(table):
    table.propose(table.me, [table.dana, table.rick])
    assert table.n.stage is Stage.NEGOTIATING


def test_a_counter_proposal_supersedes_the_proposal_it_answers(table):
    p1 = table.propose(table.dana, [table.me, table.coach], base_salary=eur("118000"))
    p2 = table.propose(table.me, [table.dana, table.rick], in_reply_to=p1, base_salary=eur("130000"))
    p3 = table.propose(table.rick, [table.me], in_reply_to=p2, base_salary=eur("124000"))
    statuses = {p.proposal_id: p.status for p in table.n.proposals_in_order()}
    assert statuses == {p1: "superseded", p2: "superseded", p3: "open"}
    assert table.n.proposals[p3].in_reply_to == p2
    for party in (table.me, table.coach):
        with pytest.raises(
            ProposalNotOpen, match=r"Proposal #\d+ from [\w ]+ is superseded and cannot be accepted."
        ):
            table.do("accept_proposal", proposal_id=p1, party=party)


def test_a_counter_may_answer_a_rejected_proposal_but_not_a_withdrawn_or_accepted_one(table):
    p1 = table.propose(table.dana, [table.me])
    table.do("reject_proposal", proposal_id=p1, party=table.me, reason="Too low.")
    p2 = table.propose(table.me, [table.dana], in_reply_to=p1, base_salary=eur("130000"))
    assert table.n.proposals[p1].status == "rejected"
    table.do("withdraw_proposal", proposal_id=p2, party=table.me)
    with pytest.raises(
        ProposalNotOpen,
        match=r"Proposal #\d+ from [\w ]+ was withdrawn; a counter-proposal cannot answer it.",
    ):
        table.propose(table.dana, [table.me], in_reply_to=p2)


def test_only_the_parties_a_proposal_was_made_to_can_accept_or_reject_it(table):
    prop = table.propose(table.dana, [table.me])
    for verb in ("accept", "reject"):
        for outsider in (table.rick, table.dana):
            with pytest.raises(
                NotAddressed,
                match=f"Only the parties a proposal was made to can {verb} it; "
                f"{re.escape(table.n.party_name(outsider))} was not one of them.",
            ) as refused:
                table.do(f"{verb}_proposal", proposal_id=prop, party=outsider)
            assert refused.value.field == "party"
    with pytest.raises(UnknownParty):
        table.do("accept_proposal", proposal_id=prop, party="p77")
    with pytest.raises(UnknownProposal):
        table.do("accept_proposal", proposal_id="prop7", party=table.me)


def test_agreement_needs_every_addressed_party_and_not_fewer(table):
    prop = table.propose(table.me, [table.dana, table.rick], base_salary=eur("126000"), remote_days="3")
    table.do("accept_proposal", proposal_id=prop, party=table.rick, reason="Within band.")
    assert table.n.stage is Stage.NEGOTIATING
    assert table.n.proposals[prop].status == "open"
    assert table.n.proposals[prop].awaiting == [table.dana]
    with pytest.raises(InvalidValue, match=r"Rick Alvarez \(recruiter\) has already accepted this proposal."):
        table.do("accept_proposal", proposal_id=prop, party=table.rick)
    table.do("accept_proposal", proposal_id=prop, party=table.dana)
    assert event_types(table.n)[-3:] == ["ProposalAccepted", "ProposalAccepted", "Concluded"]
    assert table.n.stage is Stage.AGREED
    assert table.n.proposals[prop].status == "accepted"
    assert table.n.agreed_proposal == prop
    assert table.n.final_terms == {
        "base_salary": {"amount": Decimal(126000), "currency": "EUR"},
        "remote_days": Decimal(3),
    }
    concluded = last_event(table.n)
    assert (concluded.outcome, concluded.proposal_id, concluded.actor) == ("agreed", prop, "alex@example.org")


def test_one_rejection_closes_a_proposal_for_everyone(table):
    prop = table.propose(table.me, [table.dana, table.rick])
    table.do("accept_proposal", proposal_id=prop, party=table.rick)
    table.do("reject_proposal", proposal_id=prop, party=table.dana, reason="Over budget.")
    proposal = table.n.proposals[prop]
    assert proposal.status == "rejected"
    assert [(r["party"], r["action"], r["reason"]) for r in proposal.responses] == [
        (table.rick, "accepted", ""),
        (table.dana, "rejected", "Over budget."),
    ]
    with pytest.raises(
        ProposalNotOpen, match=r"Proposal #\d+ from [\w ]+ is rejected and cannot be accepted."
    ):
        table.do("accept_proposal", proposal_id=prop, party=table.rick)
    with pytest.raises(ProposalNotOpen, match="cannot be rejected"):
        table.do("reject_proposal", proposal_id=prop, party=table.dana)
    assert table.n.stage is Stage.NEGOTIATING


def test_only_the_maker_withdraws_a_proposal_and_a_withdrawn_one_cannot_be_accepted(table):
    prop = table.propose(table.dana, [table.me, table.rick])
    with pytest.raises(NotAddressed, match=r"Only the party who made a proposal can withdraw it."):
        table.do("withdraw_proposal", proposal_id=prop, party=table.me)
    table.do("withdraw_proposal", proposal_id=prop, party=table.dana, reason="Budget frozen.")
    with pytest.raises(
        ProposalNotOpen, match=r"Proposal #\d+ from [\w ]+ is withdrawn and cannot be accepted."
    ):
        table.do("accept_proposal", proposal_id=prop, party=table.me)
    with pytest.raises(ProposalNotOpen, match=r"Proposal #\d+ from [\w ]+ is already withdrawn."):
        table.do("withdraw_proposal", proposal_id=prop, party=table.dana)


def test_latest_positions_show_each_partys_last_word_per_term(table):
    table.propose(table.dana, [table.me], base_salary=eur("118000"), remote_days="2")
    table.propose(table.me, [table.dana], in_reply_to="prop1", base_salary=eur("130000"), remote_days="3")
    table.propose(table.dana, [table.me], in_reply_to="prop2", base_salary=eur("124000"))
    withdrawn = table.propose(table.me, [table.dana], in_reply_to="prop3", base_salary=eur("140000"))
    table.do("withdraw_proposal", proposal_id=withdrawn, party=table.me)
    positions = table.n.latest_positions()
    assert positions[table.dana] == {
        "base_salary": {"amount": Decimal(124000), "currency": "EUR"},
        "remote_days": Decimal(2),
    }
    assert positions[table.me]["base_salary"]["amount"] == Decimal(130000)
    assert [p.proposal_id for p in table.n.proposals_in_order()] == ["prop1", "prop2", "prop3", "prop4"]
