"""Preparing a negotiation: goals, parties, terms, research, allies and alternatives."""

from decimal import Decimal

import pytest

from tests.support.domain import ACTOR, TERMS, eur, event_types, last_event
from tracker.domain.errors import DomainError, InvalidValue, UnknownAlly, UnknownParty, UnknownTerm
from tracker.domain.vocabulary import TermKind


def test_aspirations_are_recorded_in_order(negotiation):
    negotiation.record_aspiration(actor=ACTOR, horizon="long_term", text="Lead a platform team by 2028.")
    negotiation.record_aspiration(actor=ACTOR, horizon="short_term", area="life", text="Three remote days.")
    assert [(a.horizon, a.area) for a in negotiation.aspirations] == [
        ("long_term", "career"),
        ("short_term", "life"),
    ]
    with pytest.raises(InvalidValue, match="'someday' is not one of: short_term, long_term") as refused:
        negotiation.record_aspiration(actor=ACTOR, horizon="someday", text="x")
    assert refused.value.field == "horizon"


def test_parties_join_on_a_side_and_get_ids(negotiation):
    me = negotiation.join_party(actor=ACTOR, name="Alex", role="candidate", side="owner")
    hr = negotiation.join_party(actor=ACTOR, name="Hana", role="", side="counterpart")
    assert (me, hr) == ("p1", "p2")
    assert negotiation.parties[me].display == "Alex (candidate)"
    assert negotiation.parties[hr].display == "Hana"
    assert negotiation.party_name("p9") == "p9"
    with pytest.raises(InvalidValue, match=r"ALEX is already a party to this negotiation."):
        negotiation.join_party(actor=ACTOR, name="ALEX", role="", side="owner")
    with pytest.raises(InvalidValue, match="'boss' is not one of: owner, counterpart"):
        negotiation.join_party(actor=ACTOR, name="Bo", role="", side="boss")


def test_a_party_who_left_is_no_longer_active(table):
    table.do("leave_party", party_id=table.rick, reason="Handed over to HR.")
    assert table.rick not in table.n.active_parties()
    assert table.n.party_name(table.rick) == "Rick Alvarez (recruiter)"
    with pytest.raises(UnknownParty, match=r"'p3' is not a party to this negotiation."):
        table.do("leave_party", party_id=table.rick)
    # the name is free again: Rick can come back as a new party
    assert table.do("join_party", name="Rick Alvarez", role="recruiter", side="counterpart") == "p5"


def test_a_party_in_an_open_proposal_cannot_leave(table):
    prop = table.propose(table.dana, [table.me, table.rick])
    with pytest.raises(
        InvalidValue, match="open proposal #1 from Dana Kim; it must be answered or withdrawn"
    ):
        table.do("leave_party", party_id=table.rick)
    table.do("withdraw_proposal", proposal_id=prop, party=table.dana)
    table.do("leave_party", party_id=table.rick)


def test_terms_are_added_with_their_kind(table):
    assert list(table.n.terms) == [t["key"] for t in TERMS]
    assert table.n.terms["base_salary"].kind is TermKind.MONEY
    assert table.n.terms["title"].options == ("Engineer", "Senior Engineer", "Staff Engineer")
    with pytest.raises(InvalidValue, match="'base_salary' is already on the table") as refused:
        table.do("add_term", key="base_salary", label="Salary", kind="money", currency="EUR")
    assert refused.value.field == "key"


def test_a_term_is_revised_but_keeps_its_kind_and_currency(table):
    table.do("revise_term", key="title", label="Job title", options=["Engineer", "Lead Engineer"])
    title = table.n.terms["title"]
    assert (title.label, title.options, title.kind) == (
        "Job title",
        ("Engineer", "Lead Engineer"),
        TermKind.CHOICE,
    )
    table.do("revise_term", key="base_salary", better="lower")
    assert table.n.terms["base_salary"].currency == "EUR"
    with pytest.raises(InvalidValue, match="Nothing changed"):
        table.do("revise_term", key="base_salary", label="Base salary")
    with pytest.raises(UnknownTerm, match=r"'bonus' is not a term on the table."):
        table.do("revise_term", key="bonus", label="Bonus")


def test_a_removed_term_leaves_the_table_but_is_still_named(table):
    table.do("remove_term", key="scope", reason="Not negotiable.")
    assert "scope" not in table.n.terms
    assert table.n.term_spec("scope").label == "Scope"
    with pytest.raises(UnknownTerm):
        table.propose(table.me, [table.dana], scope="More")
    table.do("add_term", key="scope", label="Scope of authority", kind="text")
    assert table.n.term_spec("scope").label == "Scope of authority"
    assert "scope" not in table.n.removed_terms


def test_a_term_in_an_open_proposal_cannot_be_removed(table):
    prop = table.propose(table.dana, [table.me], remote_days="2")
    with pytest.raises(InvalidValue, match=f"Open proposal {prop} covers this term"):
        table.do("remove_term", key="remote_days")
    table.do("remove_term", key="base_salary")  # not covered by the open proposal


def test_research_keeps_its_source_and_figures(table):
    rid = table.do(
        "log_research",
        term_key="base_salary",
        source="Levels survey",
        low="105000",
        typical="122,000",
        high="140000",
        link="https://example.org/levels",
    )
    note = table.do("log_research", source="Employee handbook", text="Two remote days by policy.")
    assert (rid, note) == ("r1", "r2")
    first = table.n.research[0]
    assert (first.low, first.typical, first.high) == (Decimal(105000), Decimal(122000), Decimal(140000))
    assert table.n.research[1].term_key is None


@pytest.mark.parametrize(
    "fields, field, message",
    [
        (dict(low="130000", typical="120000"), "typical", "Figures go from low to typical to high."),
        (dict(low="-5"), "low", "Figures cannot be negative."),
        (dict(), "text", "Give at least one figure or a note"),
        (dict(text="x", link="javascript:alert(1)"), "link", "A link starts with http:// or https://."),
        (dict(text="x", term_key="bonus"), "term_key", "'bonus' is not a term on the table."),
        (dict(text="x", source=""), "source", "This field is required."),
    ],
)
def test_research_that_does_not_add_up_is_refused(table, fields, field, message):
    values = dict(source="Survey")
    values.update(fields)
    with pytest.raises(DomainError, match=message) as refused:
        table.do("log_research", **values)
    assert refused.value.field == field


def test_allies_are_enlisted_act_and_change_stance(table):
    ally = table.do("enlist_ally", name="Priya Shah", relationship="former manager")
    table.do("log_ally_action", ally_id=ally, action="Spoke to the department head.")
    table.do("change_ally_stance", ally_id=ally, stance="neutral", reason="Busy with a reorg.")
    priya = table.n.allies[ally]
    assert (priya.stance, [a["action"] for a in priya.actions]) == (
        "neutral",
        ["Spoke to the department head."],
    )
    assert priya.actions[0]["version"] == table.n.version - 1
    with pytest.raises(InvalidValue, match=r"Priya Shah is already neutral."):
        table.do("change_ally_stance", ally_id=ally, stance="neutral")
    with pytest.raises(UnknownAlly, match=r"'a7' is not an ally in this negotiation."):
        table.do("log_ally_action", ally_id="a7", action="x")


def test_an_alternative_has_its_own_term_values_and_a_deadline(table):
    alt = table.do(
        "log_alternative",
        label="Offer from Contoso",
        kind="competing_offer",
        deadline="2026-10-01",
        values={"base_salary": eur("124000"), "remote_days": "2"},
    )
    status_quo = table.do("log_alternative", label="Stay put", kind="status_quo")
    contoso = table.n.alternatives[alt]
    assert contoso.values == {
        "base_salary": eur("124000") | {"amount": Decimal(124000)},
        "remote_days": Decimal(2),
    }
    assert contoso.deadline == "2026-10-01"
    assert table.n.alternatives[status_quo].values == {}
    with pytest.raises(InvalidValue, match=r"Base salary is in EUR, not USD."):
        table.do(
            "log_alternative",
            label="US offer",
            kind="competing_offer",
            values={"base_salary": {"amount": "150000", "currency": "USD"}},
        )
    with pytest.raises(UnknownTerm, match=r"'equity' is not a term on the table.") as refused:
        table.do("log_alternative", label="Startup", kind="competing_offer", values={"equity": "1"})
    assert refused.value.field == "values.equity"


def test_each_preparation_step_records_one_event(table):
    before = len(table.n.pending_events)
    table.do("record_aspiration", horizon="short_term", text="Learn Rust.")
    table.do("enlist_ally", name="Jon", relationship="mentor")
    assert event_types(table.n)[before:] == ["AspirationRecorded", "AllyEnlisted"]
    assert last_event(table.n).actor == ACTOR
