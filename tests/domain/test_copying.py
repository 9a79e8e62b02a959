"""A copy of a negotiation (what the repository's cache hands out) is independent of the original:
later steps on either one never show in the other, though the never-changed entries are shared."""

from __future__ import annotations

import copy

from tests.support.domain import ACTOR, Table


def steps_on(t: Table) -> None:
    t.do("add_note", text="Dana will check with HR.")
    t.do("log_interaction", channel="call", participants=[t.me, t.dana], summary="Talked it through.")
    t.do("log_research", source="Levels", term_key="base_salary", typical="125000")


def test_a_copy_is_the_same_state(table: Table) -> None:
    steps_on(table)
    proposal = table.propose(table.dana, [table.me])
    clone = copy.deepcopy(table.n)
    assert vars(clone).keys() == vars(table.n).keys()
    assert clone.version == table.n.version and clone.head_digest == table.n.head_digest
    assert clone.notes == table.n.notes and clone.interactions == table.n.interactions
    assert clone.proposals[proposal] == table.n.proposals[proposal]
    assert clone.proposals[proposal] is not table.n.proposals[proposal]


def test_steps_on_the_original_do_not_change_the_copy(table: Table) -> None:
    steps_on(table)
    proposal = table.propose(table.dana, [table.me])
    clone = copy.deepcopy(table.n)
    before = (len(clone.notes), len(clone.interactions), len(clone.research), dict(clone.request_ids))
    table.n.add_note(actor=ACTOR, text="Another note.", request_id="r-1")
    table.do("log_interaction", channel="email", participants=[table.me], summary="Sent the figures.")
    table.do("log_research", source="Glassdoor", term_key="base_salary", typical="118000")
    table.do("leave_party", party_id=table.rick)
    table.do("remove_term", key="commute")
    table.do("accept_proposal", proposal_id=proposal, party=table.me)
    assert (len(clone.notes), len(clone.interactions), len(clone.research), dict(clone.request_ids)) == before
    assert clone.parties[table.rick].active and clone.proposals[proposal].accepted_by == []
    assert "commute" in clone.terms and "commute" not in clone.removed_terms
    assert clone.version == table.n.version - 7  # the acceptance also concluded it (agreed)
    assert not clone.stage.is_closed and table.n.stage.is_closed


def test_steps_on_the_copy_do_not_change_the_original(table: Table) -> None:
    steps_on(table)
    clone = copy.deepcopy(table.n)
    version, notes = table.n.version, list(table.n.notes)
    clone.add_note(actor=ACTOR, text="Only in the copy.")
    clone.do = None  # an attribute set on the copy alone
    assert table.n.version == version and table.n.notes == notes
    assert "do" not in vars(table.n)
    assert len(clone.pending_events) == len(table.n.pending_events) + 1


def test_a_proposal_copied_shares_nothing_that_can_change(table: Table) -> None:
    proposal = table.n.proposals[table.propose(table.dana, [table.me])]
    proposal.responses.append({"party": table.me, "note": "Thinking it over."})
    clone = copy.deepcopy(proposal)
    assert clone == proposal
    clone.values["base_salary"]["amount"] = "1"
    clone.responses[0]["note"] = "Changed."
    clone.accepted_by.append(table.me)
    clone.to_parties.append(table.rick)
    assert proposal.values["base_salary"]["amount"] != "1"
    assert proposal.responses[0]["note"] == "Thinking it over."
    assert proposal.accepted_by == [] and proposal.to_parties == [table.me]


def test_parties_priorities_allies_and_alternatives_copied_share_nothing_that_can_change() -> None:
    from decimal import Decimal

    from tracker.domain.state import Ally, Alternative, Party, Priority

    originals = [
        Party("p1", "Dana", "hiring manager", "counterpart"),
        Priority("base_salary", 5, {"amount": Decimal("1"), "currency": "EUR"}, None, {"a": 1}),
        Ally("a1", "Sam", "mentor", "supportive", actions=[{"action": "call", "note": "Asked."}]),
        Alternative("alt1", "Other offer", "offer", {"base_salary": {"amount": Decimal("2")}}),
    ]
    for original in originals:
        clone = copy.deepcopy(original)
        assert clone == original and clone is not original and type(clone) is type(original)
    party, priority, ally, alternative = (copy.deepcopy(o) for o in originals)
    party.active = False
    priority.target["amount"] = Decimal("9")
    priority.ratings["a"] = 2
    ally.actions[0]["note"] = "Changed."
    ally.actions.append({})
    alternative.values["base_salary"]["amount"] = Decimal("9")
    assert originals[0].active and originals[1].target["amount"] == Decimal("1")
    assert originals[1].ratings == {"a": 1} and originals[2].actions == [{"action": "call", "note": "Asked."}]
    assert originals[3].values == {"base_salary": {"amount": Decimal("2")}}
