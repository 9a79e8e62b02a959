"""Accepting, rejecting and withdrawing a proposal from its own small form."""

import re

import pytest

from tests.support.web import fill, text

EUR = lambda amount: {"amount": amount, "currency": "EUR"}  # noqa: E731


@pytest.fixture
def proposal(tracker, nid):
    """Dana (p2) proposes to Alex (p1) and Rick (p3)."""
    tracker.step(
        nid,
        "make_proposal",
        actor="alex",
        from_party="p2",
        to_parties=["p1", "p3"],
        values={"base_salary": EUR("118000"), "remote_days": "2"},
    )
    return "prop1"


def url(nid, action, proposal="prop1"):
    return f"/negotiations/{nid}/proposals/{proposal}/{action}"


def test_the_answer_form_shows_the_proposal_and_only_the_parties_who_may_answer(client, nid, proposal):
    page = text(client.get(url(nid, "accept")))
    assert "Accept proposal #1 from Dana Kim" in page and "118,000 EUR" in page
    assert "prop1" not in re.sub(r"<[^>]*>", " ", page)  # the internal id is never shown to people
    assert '<option value="p1"' in page and '<option value="p3"' in page and '<option value="p2"' not in page
    withdraw = text(client.get(url(nid, "withdraw")))
    assert '<option value="p2"' in withdraw and '<option value="p1"' not in withdraw


def test_every_addressed_party_accepting_makes_an_agreement(client, tracker, nid, proposal):
    first = fill(client, url(nid, "accept"), {"party": "p1", "reason": "Fair"})
    assert first.status_code == 303
    assert "accepted by 1 of 2" in text(client.get(f"/negotiations/{nid}"))  # not yet an agreement
    page = text(client.get(url(nid, "accept")))
    assert '<option value="p1"' not in page  # already accepted
    second = fill(client, url(nid, "accept"), {"party": "p3"})
    n = tracker.get(nid)
    assert second.status_code == 303 and n.stage_value == "agreed"
    assert second.headers["Location"].endswith(f"#v{n.version}")
    timeline = text(client.get(f"/negotiations/{nid}"))
    assert "Alex Morgan (candidate) accepted proposal #1 from Dana Kim (Fair)" in timeline
    assert "Concluded: agreed on Base salary 118,000 EUR, Remote days 2 days" in timeline


def test_reject_and_withdraw(client, tracker, nid, proposal):
    assert fill(client, url(nid, "reject"), {"party": "p3", "reason": "Too low"}).status_code == 303
    assert tracker.get(nid).proposals["prop1"].status == "rejected"
    tracker.step(
        nid,
        "make_proposal",
        actor="alex",
        from_party="p1",
        to_parties=["p2"],
        values={"base_salary": EUR("130000")},
    )
    assert fill(client, url(nid, "withdraw", "prop2"), {"party": "p1"}).status_code == 303
    assert tracker.get(nid).proposals["prop2"].status == "withdrawn"
    assert "Alex Morgan (candidate) withdrew proposal #2 from Alex Morgan" in text(
        client.get(f"/negotiations/{nid}")
    )


def test_a_party_the_proposal_was_not_made_to_cannot_accept_it(client, tracker, nid, proposal):
    response = fill(client, url(nid, "accept"), {"party": "p2"})
    assert response.status_code == 422
    assert "Only the parties a proposal was made to can accept it" in text(response)
    assert tracker.get(nid).proposals["prop1"].accepted_by == []


def test_an_answered_proposal_cannot_be_answered_again(client, tracker, nid, proposal):
    tracker.step(nid, "withdraw_proposal", actor="alex", proposal_id="prop1", party="p2")
    page = text(client.get(url(nid, "accept")))
    assert "is withdrawn; it can no longer be accepted" in page and 'method="post"' not in page
    response = client.post(url(nid, "accept"), data={"party": "p1"})
    assert response.status_code == 422
    assert "Proposal #1 from Dana Kim is withdrawn and cannot be accepted." in text(response)


def test_unknown_proposals_and_actions_are_404(client, nid, proposal):
    assert client.get(url(nid, "accept", "prop9")).status_code == 404
    assert client.post(url(nid, "accept", "prop9"), data={"party": "p1"}).status_code == 404
    assert client.get(url(nid, "ignore")).status_code == 404
    assert client.get(url("7c1f0a52-8a3e-4c2c-9d7e-1b2c3d4e5f60", "accept")).status_code == 404
