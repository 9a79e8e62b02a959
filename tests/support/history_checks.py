"""Invariants a negotiation's stored history must satisfy after every step, whatever happened.

Each check reads the application service and its store only (no model), so it also holds for
histories the model does not know about (e.g. the demo negotiation).
"""

from __future__ import annotations

from functools import reduce
from typing import Any
from uuid import UUID

from tracker.application import EVENT_FIELDS_HIDDEN, NegotiationTracker
from tracker.domain.chain import verify_chain
from tracker.domain.negotiation import Negotiation

ANSWERS = ("ProposalAccepted", "ProposalRejected", "ProposalWithdrawn")


def state_of(negotiation: Negotiation) -> dict[str, Any]:
    """The aggregate's state, without the events still waiting to be saved."""
    return {k: v for k, v in vars(negotiation).items() if k != "_pending_events"}


def fold(events: list[Any]) -> Negotiation:
    """The negotiation rebuilt by applying ``events`` one by one from nothing."""
    return reduce(lambda state, event: event.mutate(state), events, None)


def check_chain(tracker: NegotiationTracker, nid: UUID, version: int, head_digest: str) -> None:
    """The hash chain over the raw stored events verifies, ends at the live head, has no gap."""
    stored = list(tracker.recorder.select_events(nid))
    records = [(s.topic, s.originator_version, tracker.mapper.transcoder.decode(s.state)) for s in stored]
    report = verify_chain(str(nid), records, expected_head=(version, head_digest))
    assert report.intact, str(report)
    assert report.events_checked == version == len(stored)


def check_timeline(tracker: NegotiationTracker, nid: UUID, events: list[Any]) -> None:
    """Exactly one timeline entry per stored event, in order, carrying that event's data."""
    timeline = tracker.timeline(nid)
    assert len(timeline) == len(events)
    for entry, event in zip(timeline, events, strict=False):
        assert entry.version == event.originator_version
        assert entry.event_type == type(event).__name__
        assert (entry.actor, entry.recorded_at, entry.occurred_at, entry.digest) == (
            event.actor,
            event.timestamp,
            event.occurred_at,
            event.digest,
        )
        assert entry.data == {k: v for k, v in vars(event).items() if k not in EVENT_FIELDS_HIDDEN}
        assert isinstance(entry.sentence, str) and entry.sentence.strip()


def check_replay(
    tracker: NegotiationTracker, nid: UUID, events: list[Any], readers: tuple[NegotiationTracker, ...] = ()
) -> Negotiation:
    """The live (cached) state equals a replay of the stored events from nothing, a repository get
    that bypasses the cache (from the newest snapshot), and a read by every other reader."""
    live = tracker.get(nid)
    assert live.version == len(events)
    expected = state_of(fold(events))
    assert state_of(live) == expected
    assert state_of(tracker.repository.get(nid, version=live.version)) == expected
    for reader in readers:
        assert state_of(reader.get(nid)) == expected
    return live


def check_version(tracker: NegotiationTracker, nid: UUID, events: list[Any], version: int) -> None:
    """The negotiation as it stood at ``version`` equals a replay of its first ``version`` events."""
    assert state_of(tracker.get(nid, version=version)) == state_of(fold(events[:version]))


def check_proposals(negotiation: Negotiation) -> None:
    """Each proposal's status follows from its answers and the counter-proposals made to it."""
    replies: dict[str, list[int]] = {}
    for p in negotiation.proposals.values():
        if p.in_reply_to:
            replies.setdefault(p.in_reply_to, []).append(p.made_version)
    for p in negotiation.proposals.values():
        accepted = [r["party"] for r in p.responses if r["action"] == "accepted"]
        closing = [r for r in p.responses if r["action"] in ("rejected", "withdrawn")]
        assert p.accepted_by == accepted and len(set(accepted)) == len(accepted), p
        assert set(accepted) <= set(p.to_parties), p
        assert len(closing) <= 1 and (not closing or closing[0] is p.responses[-1]), p
        all_accepted = set(accepted) == set(p.to_parties)
        last_answer = max([p.made_version] + [r["version"] for r in p.responses])
        if p.status == "accepted":
            assert all_accepted and not closing, p
        elif p.status in ("rejected", "withdrawn"):
            assert closing and closing[0]["action"] == p.status and not all_accepted, p
            assert closing[0]["party"] in (p.to_parties if p.status == "rejected" else [p.from_party]), p
        elif p.status == "superseded":
            assert not closing and not all_accepted, p
            assert any(v > last_answer for v in replies.get(p.proposal_id, [])), p
        else:
            assert p.status == "open" and not closing and not all_accepted, p
            assert p.proposal_id not in replies, p


def check_outcome(negotiation: Negotiation) -> None:
    """An open negotiation carries no outcome; an agreement names its terms or accepted proposal."""
    stage = negotiation.stage.value
    if not negotiation.stage.is_closed:
        assert negotiation.final_terms == {} and negotiation.agreed_proposal is None, stage
    elif stage == "agreed" and negotiation.agreed_proposal is not None:
        proposal = negotiation.proposals[negotiation.agreed_proposal]
        assert proposal.status == "accepted" and negotiation.final_terms == proposal.values
    elif stage == "agreed":
        assert negotiation.final_terms, "an agreement without terms"
    else:
        assert negotiation.agreed_proposal is None, stage


def check_agreements(tracker: NegotiationTracker, nid: UUID) -> dict[str, int]:
    """Walks the history: an agreement follows an acceptance only when every addressed party of
    that proposal accepted it, every such acceptance concludes the negotiation as agreed, and an
    accepted proposal is never answered, countered or withdrawn again. Returns a few counts."""
    accepted_at: dict[str, int] = {}
    pending: str | None = None  # a proposal whose last acceptance must be followed by Concluded
    counts = {"agreements on an accepted proposal": 0, "agreements on explicit terms": 0, "reopenings": 0}
    for state, event in tracker.replay(nid):
        name = type(event).__name__
        if pending is not None:
            assert name == "Concluded" and event.outcome == "agreed" and event.proposal_id == pending, (
                f"the last acceptance of {pending} was not followed by an agreement but by {name}"
            )
            pending = None
        if name in ANSWERS or (name == "ProposalMade" and event.in_reply_to):
            target = event.in_reply_to if name == "ProposalMade" else event.proposal_id
            assert target not in accepted_at, (
                f"{name} at version {event.originator_version} touched {target}, accepted at "
                f"version {accepted_at.get(target)}"
            )
        if name == "ProposalAccepted" and state.proposals[event.proposal_id].status == "accepted":
            accepted_at[event.proposal_id] = event.originator_version
            pending = event.proposal_id
        if name == "Concluded" and event.outcome == "agreed":
            assert state.stage.value == "agreed"
            for key, value in event.final_terms.items():  # the agreed terms fit the table
                assert key in state.terms, f"agreed on {key}, which is not on the table"
                assert state.terms[key].validate(value, key) == value, f"agreed {key}={value!r} does not fit"
            if event.proposal_id is None:
                assert event.final_terms, "an agreement without terms or an accepted proposal"
                counts["agreements on explicit terms"] += 1
            else:
                proposal = state.proposals[event.proposal_id]
                assert proposal.status == "accepted" and set(proposal.accepted_by) == set(proposal.to_parties)
                assert event.final_terms == proposal.values
                counts["agreements on an accepted proposal"] += 1
        counts["reopenings"] += name == "Reopened"
        for pid in accepted_at:
            assert state.proposals[pid].status == "accepted"
    assert pending is None, f"the last acceptance of {pending} did not conclude the negotiation"
    return counts


def check_all(
    tracker: NegotiationTracker, nid: UUID, readers: tuple[NegotiationTracker, ...] = ()
) -> dict[str, int]:
    events = list(tracker.events.get(nid))
    live = check_replay(tracker, nid, events, readers)
    check_chain(tracker, nid, live.version, live.head_digest)
    check_timeline(tracker, nid, events)
    check_proposals(live)
    check_outcome(live)
    return check_agreements(tracker, nid)
