"""The audit trail: every event names its actor and when it was recorded (and, where given, when the
step really happened), and the events of a negotiation form a hash chain."""

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from eventsourcing.utils import get_topic

from tests.support.domain import ACTOR, eur
from tracker.domain.chain import GENESIS, event_digest, verify_chain
from tracker.domain.errors import InvalidValue


def records(n):
    """(topic, version, stored state) of each event, as the store keeps them."""
    out = []
    for event in n.pending_events:
        state = {k: v for k, v in vars(event).items() if k not in ("originator_id", "originator_version")}
        out.append((get_topic(type(event)), event.originator_version, state))
    return out


@pytest.fixture
def history(table):
    table.n.log_interaction(
        actor="coach@example.org",
        channel="call",
        participants=[table.me, table.dana],
        summary="Talked through the offer.",
        tone="warm",
        occurred_at=datetime.now(UTC) - timedelta(days=3),
    )
    prop = table.propose(table.dana, [table.me], base_salary=eur("120000"))
    table.n.accept_proposal(actor="alex@example.org", proposal_id=prop, party=table.me)
    return table


def test_every_event_records_its_actor_and_when_it_was_recorded(history):
    events = history.n.pending_events
    assert {e.actor for e in events} == {ACTOR, "coach@example.org"}
    times = [e.timestamp for e in events]
    assert all(t.tzinfo is not None for t in times)
    assert times == sorted(times)


def test_a_step_logged_later_keeps_when_it_really_happened(history):
    call = next(e for e in history.n.pending_events if type(e).__name__ == "InteractionLogged")
    assert call.occurred_at < call.timestamp - timedelta(days=2)
    assert history.n.interactions[0].occurred_at == call.occurred_at
    assert history.n.pending_events[-1].occurred_at is None


def test_every_command_checks_when_it_happened(table):
    with pytest.raises(InvalidValue, match="time zone") as refused:
        table.n.add_note(actor=ACTOR, text="x", occurred_at=datetime(2025, 1, 1))
    assert refused.value.field == "occurred_at"
    with pytest.raises(InvalidValue, match="in the future"):
        table.n.make_proposal(
            actor=ACTOR,
            from_party=table.me,
            to_parties=[table.dana],
            values={"remote_days": "3"},
            occurred_at=datetime.now(UTC) + timedelta(hours=1),
        )
    with pytest.raises(InvalidValue, match=r"This field is required.") as no_actor:
        table.n.add_note(actor=" ", text="x")
    assert no_actor.value.field == "actor"


def test_the_events_form_a_hash_chain(history):
    events = history.n.pending_events
    assert events[0].prev_digest == GENESIS
    for before, after in itertools.pairwise(events):
        assert after.prev_digest == before.digest
    for topic, version, state in records(history.n):
        assert state["digest"] == event_digest(topic, history.n.id, version, state)
    assert history.n.head_digest == events[-1].digest
    assert len({e.digest for e in events}) == len(events)


def test_the_chain_check_finds_an_intact_history(history):
    report = verify_chain(str(history.n.id), records(history.n))
    assert report.intact and report.events_checked == history.n.version
    assert str(report).endswith(f"intact ({history.n.version} events)")


def test_the_chain_check_finds_an_altered_event(history):
    stored = records(history.n)
    stored[5][2]["name"] = "Someone Else"
    report = verify_chain(str(history.n.id), stored)
    assert report.first_bad_version == 6
    assert "altered" in report.problem


def test_the_chain_check_finds_a_deleted_event(history):
    stored = records(history.n)
    del stored[3]
    report = verify_chain(str(history.n.id), stored)
    assert (report.first_bad_version, report.problem) == (4, "event 4 is missing (found version 5)")


def test_the_chain_check_finds_a_relinked_event(history):
    stored = records(history.n)
    stored[4][2]["prev_digest"] = GENESIS
    assert verify_chain(str(history.n.id), stored).first_bad_version == 5


def test_the_chain_check_finds_deleted_newest_events_given_the_known_head(history):
    stored = records(history.n)
    head = (len(stored), stored[-1][2]["digest"])
    assert (
        verify_chain(str(history.n.id), stored[:-2], expected_head=head).first_bad_version == len(stored) - 1
    )
    assert verify_chain(str(history.n.id), stored, expected_head=head).intact
