"""A step submitted twice with the same request id (a double click, a retried request) is recorded
once; the second submission is answered as a duplicate and stores nothing."""

import pytest

from tracker.domain.errors import ConflictError

ACTOR = "alex@example.org"


@pytest.fixture
def nid(memory_tracker):
    nid = memory_tracker.start_negotiation(actor=ACTOR, title="Offer", kind="job_offer")
    for name, side in (("Alex", "owner"), ("Dana", "counterpart"), ("Rick", "counterpart")):
        memory_tracker.step(nid, "join_party", actor=ACTOR, name=name, role="", side=side)
    memory_tracker.step(nid, "add_term", actor=ACTOR, key="remote_days", label="Remote days", kind="days")
    return nid


def count(tracker, nid) -> int:
    return len(list(tracker.events.get(nid)))


def test_the_same_request_is_recorded_once(memory_tracker, nid):
    first = memory_tracker.step(nid, "add_note", actor=ACTOR, text="Call Dana.", request_id="r-1")
    again = memory_tracker.step(nid, "add_note", actor=ACTOR, text="Call Dana.", request_id="r-1")
    assert (first.duplicate, again.duplicate) == (False, True)
    assert again.version == first.version == count(memory_tracker, nid)
    assert [n.text for n in memory_tracker.get(nid).notes] == ["Call Dana."]


def test_different_requests_are_both_recorded(memory_tracker, nid):
    memory_tracker.step(nid, "add_note", actor=ACTOR, text="Call Dana.", request_id="r-1")
    memory_tracker.step(nid, "add_note", actor=ACTOR, text="Call Dana.", request_id="r-2")
    memory_tracker.step(nid, "add_note", actor=ACTOR, text="Call Dana.")
    assert len(memory_tracker.get(nid).notes) == 3


def test_a_repeated_request_is_a_duplicate_even_after_later_steps_and_with_a_stale_version(
    memory_tracker, nid
):
    version = memory_tracker.get(nid).version
    memory_tracker.step(nid, "add_note", actor=ACTOR, text="One.", request_id="r-1", expected_version=version)
    memory_tracker.step(nid, "add_note", actor=ACTOR, text="Two.")
    again = memory_tracker.step(
        nid, "add_note", actor=ACTOR, text="One.", request_id="r-1", expected_version=version
    )
    assert again.duplicate
    with pytest.raises(ConflictError):
        memory_tracker.step(
            nid, "add_note", actor=ACTOR, text="Three.", request_id="r-3", expected_version=version
        )


def test_an_acceptance_that_reaches_agreement_is_not_repeated(memory_tracker, nid):
    prop = memory_tracker.step(
        nid, "make_proposal", actor=ACTOR, from_party="p2", to_parties=["p1"], values={"remote_days": "3"}
    ).value
    accepted = memory_tracker.step(
        nid, "accept_proposal", actor=ACTOR, proposal_id=prop, party="p1", request_id="accept-1"
    )
    before = count(memory_tracker, nid)
    again = memory_tracker.step(
        nid, "accept_proposal", actor=ACTOR, proposal_id=prop, party="p1", request_id="accept-1"
    )
    assert again.duplicate and count(memory_tracker, nid) == before == accepted.version
    assert memory_tracker.get(nid).stage.value == "agreed"


def test_starting_the_same_negotiation_twice_starts_it_once(memory_tracker):
    first = memory_tracker.start_negotiation(
        actor=ACTOR, title="Offer", kind="job_offer", request_id="start-1"
    )
    again = memory_tracker.start_negotiation(
        actor=ACTOR, title="Offer", kind="job_offer", request_id="start-1"
    )
    other = memory_tracker.start_negotiation(
        actor="kim@example.org", title="Offer", kind="job_offer", request_id="start-1"
    )
    assert first == again != other
    assert set(memory_tracker.negotiation_ids()) == {first, other}
    assert memory_tracker.get(first).request_ids == {"start-1": 1}
