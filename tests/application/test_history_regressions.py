"""Bugs the random histories found, pinned as plain examples."""

from decimal import Decimal

import pytest

from tracker.domain.errors import InvalidValue

ACTOR = "alex@example.org"


@pytest.fixture
def reopened(memory_tracker):
    """An agreement on an accepted offer, then the negotiation reopened."""
    tracker = memory_tracker
    nid = tracker.start_negotiation(actor=ACTOR, title="Staff engineer offer", kind="job_offer")
    me = tracker.step(nid, "join_party", actor=ACTOR, name="Alex", role="candidate", side="owner").value
    dana = tracker.step(nid, "join_party", actor=ACTOR, name="Dana", role="manager", side="counterpart").value
    tracker.step(
        nid,
        "add_term",
        actor=ACTOR,
        key="base_salary",
        label="Base salary",
        kind="money",
        currency="EUR",
        better="higher",
    )
    tracker.step(nid, "add_term", actor=ACTOR, key="remote_days", label="Remote days", kind="days")
    offer = tracker.step(
        nid,
        "make_proposal",
        actor=ACTOR,
        from_party=dana,
        to_parties=[me],
        values={"base_salary": {"amount": "120000", "currency": "EUR"}},
    ).value
    tracker.step(nid, "accept_proposal", actor=ACTOR, proposal_id=offer, party=me)
    tracker.step(nid, "reopen", actor=ACTOR, reason="The start date moved.")
    return tracker, nid, offer


def test_an_agreement_on_the_accepted_proposal_keeps_its_terms_while_they_still_fit(reopened):
    tracker, nid, offer = reopened
    tracker.step(nid, "conclude", actor=ACTOR, outcome="agreed")
    negotiation = tracker.get(nid)
    assert (negotiation.stage.value, negotiation.agreed_proposal) == ("agreed", offer)
    assert negotiation.final_terms == {"base_salary": {"amount": Decimal("120000"), "currency": "EUR"}}


@pytest.mark.parametrize(
    "change",
    [
        [("remove_term", dict(key="base_salary"))],
        [
            ("remove_term", dict(key="base_salary")),
            ("add_term", dict(key="base_salary", label="Base salary", kind="money", currency="USD")),
        ],
    ],
)
def test_an_agreement_is_refused_when_the_accepted_proposal_no_longer_fits_the_table(reopened, change):
    """Found by the random histories: after reopening, a term of the accepted proposal was taken off
    the table (or put back in another currency), and `conclude agreed` still recorded the old
    proposal's values as the final terms: an agreement on a term not on the table, 120,000 EUR for a
    salary in USD."""
    tracker, nid, _offer = reopened
    for command, fields in change:
        tracker.step(nid, command, actor=ACTOR, **fields)
    version = tracker.get(nid).version
    with pytest.raises(
        InvalidValue, match=r"Proposal #1 from \w+ no longer fits the terms on the table"
    ) as refused:
        tracker.step(nid, "conclude", actor=ACTOR, outcome="agreed")
    assert refused.value.field == "final_terms"
    assert tracker.get(nid).version == version and not tracker.get(nid).stage.is_closed
    tracker.step(
        nid, "conclude", actor=ACTOR, outcome="agreed", final_terms={"remote_days": "2"}
    )  # explicit final terms still conclude it
    assert tracker.get(nid).final_terms == {"remote_days": Decimal("2")}


def test_options_an_open_proposal_offers_cannot_be_revised_away(memory_tracker):
    """Found by the random histories: the title's options were revised while an open proposal
    offered one of the options left out; accepting it then recorded an agreement on a title that
    was no longer an option."""
    tracker = memory_tracker
    nid = tracker.start_negotiation(actor=ACTOR, title="Promotion", kind="promotion")
    me = tracker.step(nid, "join_party", actor=ACTOR, name="Alex", role="", side="owner").value
    dana = tracker.step(nid, "join_party", actor=ACTOR, name="Dana", role="", side="counterpart").value
    tracker.step(
        nid,
        "add_term",
        actor=ACTOR,
        key="title",
        label="Title",
        kind="choice",
        options="Engineer, Staff Engineer",
    )
    offer = tracker.step(
        nid, "make_proposal", actor=ACTOR, from_party=dana, to_parties=[me], values={"title": "Engineer"}
    ).value
    version = tracker.get(nid).version
    with pytest.raises(
        InvalidValue,
        match=f"Open proposal {offer} offers Engineer, which the revised term "
        "would not allow; answer or withdraw it first.",
    ) as refused:
        tracker.step(nid, "revise_term", actor=ACTOR, key="title", options="Staff Engineer, Principal")
    assert refused.value.field == "options" and tracker.get(nid).version == version
    tracker.step(nid, "revise_term", actor=ACTOR, key="title", options="Engineer, Staff Engineer, Principal")
    tracker.step(nid, "accept_proposal", actor=ACTOR, proposal_id=offer, party=me)
    assert tracker.get(nid).final_terms == {"title": "Engineer"}
    tracker.step(nid, "reopen", actor=ACTOR, reason="The title changes.")
    tracker.step(
        nid, "revise_term", actor=ACTOR, key="title", options="Staff Engineer, Principal"
    )  # not open
    with pytest.raises(InvalidValue, match=r"Proposal #1 from \w+ no longer fits the terms on the table"):
        tracker.step(nid, "conclude", actor=ACTOR, outcome="agreed")
