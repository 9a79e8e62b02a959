"""The proposals' packages are listed once per negotiation state (tracker.analysis.packages): the
kept list is the one a fresh listing gives, a new step gives a new listing, and what a caller does
with the list it was given does not reach the next caller."""

from __future__ import annotations

from tests.support.analysis_builders import Deal
from tracker.analysis import packages
from tracker.analysis.packages import proposal_packages


def deal() -> Deal:
    d = Deal().terms("base_salary")
    d.propose(d.dana, base_salary="110000")
    d.propose(d.me, base_salary="140000")
    return d


def test_the_kept_listing_is_the_fresh_one():
    d = deal()
    assert proposal_packages(d.n) == packages._proposal_packages(d.n)
    assert proposal_packages(d.n) == packages._proposal_packages(d.n)  # from the memo this time


def test_a_new_step_is_a_new_state():
    d = deal()
    before = proposal_packages(d.n)
    d.do("withdraw_proposal", proposal_id=before[-1].ref, party=d.me, reason="typo")
    after = proposal_packages(d.n)
    assert before[-1].status != "withdrawn"
    assert after[-1].status == "withdrawn" and after == packages._proposal_packages(d.n)


def test_two_negotiations_alike_in_version_are_not_confused():
    one, other = deal(), deal()
    other.propose(other.dana, base_salary="120000")
    one.propose(one.dana, base_salary="125000")
    assert one.n.version == other.n.version
    assert proposal_packages(one.n)[-1].values != proposal_packages(other.n)[-1].values


def test_a_caller_changing_its_list_does_not_change_the_next():
    d = deal()
    listed = proposal_packages(d.n)
    listed.clear()
    assert len(proposal_packages(d.n)) == 2
