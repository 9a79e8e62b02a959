"""Every command through the application service, on the SQLite file store and on PostgreSQL."""

from decimal import Decimal

import pytest

from tests.support.scenario import ACTOR, eur, every_command
from tracker.application import COMMANDS
from tracker.bootstrap import build_tracker
from tracker.domain.errors import InvalidValue, NotFound, Refusals, UnknownParty


def test_every_command_is_recorded_and_read_back(store_tracker):
    nid, results = every_command(store_tracker)
    assert {command for command, _ in results} == COMMANDS
    versions = [result.version for _, result in results]
    assert versions == sorted(versions) and versions[0] == 2
    assert all(result.negotiation_id == nid and not result.duplicate for _, result in results)
    values = {command: result.value for command, result in results if result.value is not None}
    assert (
        values["join_party"] == "p4" and values["enlist_ally"] == "a1" and values["make_proposal"] == "prop5"
    )

    negotiation = store_tracker.get(nid)
    assert negotiation.version == versions[-1] == len(list(store_tracker.events.get(nid)))
    assert negotiation.stage.value == "agreed"
    assert negotiation.final_terms == {"base_salary": {"amount": Decimal(137000), "currency": "EUR"}}
    assert [p.status for p in negotiation.proposals_in_order()] == [
        "rejected",
        "withdrawn",
        "accepted",
        "open",  # approved after its amendment, then the negotiation concluded on other terms
        "withdrawn",  # its approver declined it
    ]
    assert [a["status"] for a in negotiation.approvals.values()] == ["approved", "declined"]
    assert negotiation.parties["p4"].active is False
    assert negotiation.allies["a1"].stance == "supportive"
    assert negotiation.lessons == ["The survey carried the argument.", "Done."]
    assert negotiation.reopened_count == 1
    assert "perk" in negotiation.removed_terms


def test_an_accepted_proposal_concludes_in_the_same_write(store_tracker):
    nid, results = every_command(store_tracker)
    before, after = [r for c, r in results if c == "accept_proposal"]
    assert after.version == before.version + 2
    assert store_tracker.get(nid, version=after.version).stage.value == "agreed"
    assert store_tracker.get(nid, version=after.version - 1).stage.value == "negotiating"


def test_a_refused_step_stores_nothing(store_tracker):
    nid = store_tracker.start_negotiation(actor=ACTOR, title="Offer", kind="job_offer")
    store_tracker.step(
        nid, "add_term", actor=ACTOR, key="base_salary", label="Base", kind="money", currency="EUR"
    )
    with pytest.raises(InvalidValue, match=r"Base is in EUR, not USD."):
        store_tracker.step(
            nid,
            "log_alternative",
            actor=ACTOR,
            label="US",
            kind="competing_offer",
            values={"base_salary": {"amount": "1", "currency": "USD"}},
        )
    with pytest.raises(Refusals) as refused:  # neither party exists: both are named at once
        store_tracker.step(
            nid,
            "make_proposal",
            actor=ACTOR,
            from_party="p1",
            to_parties=["p2"],
            values={"base_salary": eur("1")},
        )
    assert [type(e) for e in refused.value.errors] == [UnknownParty, UnknownParty]
    assert [e.originator_version for e in store_tracker.events.get(nid)] == [1, 2]
    assert store_tracker.get(nid).version == 2


def test_unknown_negotiations_and_commands_are_refused(store_tracker):
    with pytest.raises(NotFound, match="No negotiation"):
        store_tracker.get("00000000-0000-0000-0000-000000000000")
    with pytest.raises(NotFound, match=r"No negotiation not-a-uuid."):
        store_tracker.step("not-a-uuid", "add_note", actor=ACTOR, text="x")
    nid = store_tracker.start_negotiation(actor=ACTOR, title="Offer", kind="job_offer")
    with pytest.raises(ValueError, match="unknown command 'record'"):
        store_tracker.step(nid, "record", actor=ACTOR)


def test_negotiations_are_listed_oldest_first(store_config):
    tracker = build_tracker(store_config)
    ids = [tracker.start_negotiation(actor=ACTOR, title=f"Offer {i}", kind="job_offer") for i in range(3)]
    tracker.step(ids[0], "add_note", actor=ACTOR, text="Only Started events count.")
    assert tracker.negotiation_ids() == ids
    tracker.close()


def test_the_list_reads_past_one_page_of_the_notification_log(memory_tracker):
    ids = [
        memory_tracker.start_negotiation(actor=ACTOR, title=f"Offer {i}", kind="other") for i in range(501)
    ]
    memory_tracker.step(ids[0], "add_note", actor=ACTOR, text="x")
    assert memory_tracker.negotiation_ids() == ids
