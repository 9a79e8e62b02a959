"""The value case: entries linked to the asks they support, refused all at once when wrong, cited by
proposals; proposals stored before citations existed (version 1) load citing nothing."""

from __future__ import annotations

import pytest

from tests.support.analysis_builders import Deal
from tracker.domain import events as ev
from tracker.domain.errors import InvalidValue, Refusals


@pytest.fixture
def deal() -> Deal:
    return Deal().terms("base_salary", "remote_days")


def test_an_entry_supports_asks_and_a_proposal_cites_it(deal):
    entry = deal.do(
        "add_value_entry",
        kind="achievement",
        text="Cut reporting time by 60%.",
        link="https://example.org/review",
        supports=["base_salary", "base_salary"],
    )
    [kept] = deal.n.value_case
    assert (entry, kept.kind, kept.supports) == ("v1", "achievement", ["base_salary"])
    proposal = deal.do(
        "make_proposal",
        from_party=deal.me,
        to_parties=[deal.dana],
        values={"remote_days": "3"},
        cites=[entry],
    )
    assert deal.n.citations == {proposal: ["v1"]}


def test_a_bad_entry_is_refused_with_every_reason(deal):
    with pytest.raises(Refusals) as refused:
        deal.do("add_value_entry", kind="rumour", text="", link="ftp://x", supports=["bonus"])
    assert {e.field for e in refused.value.errors} == {"kind", "text", "link", "supports"}


def test_a_proposal_cannot_cite_what_is_not_in_the_value_case(deal):
    with pytest.raises(InvalidValue, match="'v9' is not an entry of your value case") as refused:
        deal.do(
            "make_proposal",
            from_party=deal.me,
            to_parties=[deal.dana],
            values={"remote_days": "3"},
            cites=["v9"],
        )
    assert refused.value.field == "cites"


def test_a_proposal_stored_before_citations_existed_cites_nothing():
    state = {"proposal_id": "prop1", "values": {}}
    ev.ProposalMade.upcast_v1_v2(state)
    assert state["cites"] == []
