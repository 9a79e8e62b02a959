"""The "they said" fields of interactions and notes: figures checked like a proposal's values, with
the party that said them; every refusal at once, each naming its field; stored events without them
(version 1) load with none."""

from __future__ import annotations

import pytest

from tests.support.analysis_builders import Deal
from tracker.domain import events as ev
from tracker.domain.errors import DomainError, Refusals


@pytest.fixture
def deal() -> Deal:
    return Deal().terms("base_salary", "remote_days")


def test_figures_a_party_said_in_a_call_are_kept_with_the_party(deal):
    deal.do(
        "log_interaction",
        channel="call",
        summary="Dana called.",
        participants=[deal.dana],
        stated_by=deal.dana,
        stated={"base_salary": {"amount": "120,000", "currency": "EUR"}, "remote_days": "3"},
    )
    [event] = [e for e in deal.n.collect_events() if isinstance(e, ev.InteractionLogged)]
    assert event.stated_by == deal.dana and event.stated["remote_days"] == 3
    assert event.stated["base_salary"]["amount"] == 120000


def test_figures_without_a_speaker_or_with_bad_values_are_refused_together(deal):
    with pytest.raises(Refusals) as refused:
        deal.do("add_note", text="Heard on the grapevine.", stated={"base_salary": "lots", "bonus": "5"})
    assert {e.field for e in refused.value.errors} == {"stated.base_salary", "stated.bonus", "stated_by"}
    with pytest.raises(DomainError, match="not a party") as refused:
        deal.do("add_note", text="x", stated_by="p9", stated={"remote_days": "2"})
    assert refused.value.field == "stated_by"


def test_a_speaker_without_figures_records_none(deal):
    deal.do("add_note", text="Dana said nothing concrete.", stated_by=deal.dana)
    [event] = [e for e in deal.n.collect_events() if isinstance(e, ev.NoteAdded)]
    assert (event.stated_by, event.stated) == (None, {})


def test_an_interaction_stored_before_figures_existed_reads_with_none():
    state = {"channel": "call", "participants": [], "summary": "s", "tone": "neutral"}
    ev.InteractionLogged.upcast_v1_v2(state)
    assert (state["stated_by"], state["stated"]) == (None, {})
    note = {"text": "t"}
    ev.NoteAdded.upcast_v1_v2(note)
    assert (note["stated_by"], note["stated"]) == (None, {})
