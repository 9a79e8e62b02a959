"""Snapshots: loading a long negotiation from a snapshot gives exactly the state a full replay gives,
so every state object survives its trip through the store's JSON transcoding."""

import copy
from datetime import datetime
from decimal import Decimal

import pytest

from tests.support.config import make_config
from tracker.bootstrap import build_tracker
from tracker.demo import load_demo
from tracker.domain.state import STATE_CLASSES, Party, Proposal
from tracker.domain.terms import TermSpec
from tracker.domain.vocabulary import TermKind

ACTOR = "alex@example.org"


def state(negotiation) -> dict:
    return {k: v for k, v in vars(negotiation).items() if k != "_pending_events"}


@pytest.fixture
def snapshotting():
    tracker = build_tracker(make_config(store="memory", snapshot_interval=3, aggregate_cache_size=0))
    yield tracker
    tracker.close()


@pytest.fixture
def long_negotiation(snapshotting):
    nid = load_demo(snapshotting)
    snapshotting.step(nid, "reopen", actor=ACTOR, reason="The start date moved.", request_id="req-1")
    snapshotting.step(nid, "add_note", actor=ACTOR, text="Ask about the training budget again.")
    snapshotting.step(nid, "remove_term", actor=ACTOR, key="start_date", reason="Settled.")
    snapshotting.step(nid, "leave_party", actor=ACTOR, party_id="p3", reason="Handed over.")
    snapshotting.step(nid, "set_priority", actor=ACTOR, term_key="base_salary", weight=50, party_id="p2")
    own = snapshotting.get(nid).priorities["owner"].values()
    targets = {p.term_key: p.target for p in own if p.weight > 0}
    snapshotting.step(
        nid, "rate_package", actor=ACTOR, values=targets, rating=90, label="Everything I aim for"
    )
    snapshotting.step(
        nid, "add_value_entry", actor=ACTOR, kind="skill", text="Spark", supports=["base_salary"]
    )
    return nid


def replayed_states(tracker, nid) -> dict[int, dict]:
    return {event.originator_version: copy.deepcopy(state(agg)) for agg, event in tracker.replay(nid)}


def test_snapshots_are_taken_every_few_events(snapshotting, long_negotiation):
    version = snapshotting.get(long_negotiation).version
    snapshots = [s.originator_version for s in snapshotting.snapshots.get(long_negotiation)]
    assert snapshots and snapshots == list(range(3, version + 1, 3))


def test_loading_from_a_snapshot_gives_the_state_a_full_replay_gives(snapshotting, long_negotiation):
    replayed = replayed_states(snapshotting, long_negotiation)
    assert state(snapshotting.get(long_negotiation)) == replayed[max(replayed)]
    for version, expected in replayed.items():
        assert state(snapshotting.get(long_negotiation, version=version)) == expected, version


def test_state_objects_come_back_as_themselves(snapshotting, long_negotiation):
    negotiation = snapshotting.get(long_negotiation)
    kinds = {
        type(v)
        for v in [
            *negotiation.parties.values(),
            *negotiation.proposals.values(),
            *negotiation.allies.values(),
            *negotiation.alternatives.values(),
            *negotiation.research,
            *negotiation.aspirations,
            *negotiation.interactions,
            *negotiation.notes,
            *negotiation.priorities["owner"].values(),
            *negotiation.package_ratings,
            *negotiation.value_case,
        ]
    }
    assert kinds == set(STATE_CLASSES)
    assert isinstance(negotiation.parties["p1"], Party)
    spec = negotiation.terms["base_salary"]
    assert isinstance(spec, TermSpec) and spec.kind is TermKind.MONEY
    assert negotiation.removed_terms["start_date"].kind is TermKind.DATE
    proposal = negotiation.proposals["prop4"]
    assert isinstance(proposal, Proposal) and isinstance(proposal.made_at, datetime)
    assert proposal.values["base_salary"]["amount"] == Decimal("127000")
    assert isinstance(negotiation.allies["a1"].actions[0]["occurred_at"], datetime)
    assert negotiation.request_ids == {"req-1": 41}


def test_snapshots_change_nothing_about_commands(snapshotting, long_negotiation):
    result = snapshotting.step(
        long_negotiation,
        "make_proposal",
        actor=ACTOR,
        from_party="p2",
        to_parties=["p1"],
        values={"remote_days": "4"},
    )
    assert result.value == "prop5"
    assert snapshotting.step(
        long_negotiation, "reopen", actor=ACTOR, reason="again", request_id="req-1"
    ).duplicate
