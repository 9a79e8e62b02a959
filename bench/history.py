"""Long negotiations, written quickly: the domain's own commands on a loaded negotiation, saved once per
batch (one transaction per ``batch`` events) instead of once per step. Snapshots are taken on save
as usual. Used by the benchmarks and by tests/scale."""

from __future__ import annotations

from typing import Any
from uuid import UUID

ACTOR = "bench@example.org"
CHANNELS = ("call", "email", "meeting")


def start(tracker: Any, actor: str = ACTOR, title: str = "Staff Engineer offer") -> UUID:
    """A job offer with the candidate, a hiring manager and a recruiter, and two terms."""
    nid = tracker.start_negotiation(actor=actor, title=title, kind="job_offer")
    for name, role, side in (
        ("Alex Morgan", "candidate", "owner"),
        ("Dana Kim", "hiring manager", "counterpart"),
        ("Rick Alvarez", "recruiter", "counterpart"),
    ):
        tracker.step(nid, "join_party", actor=actor, name=name, role=role, side=side)
    tracker.step(
        nid,
        "add_term",
        actor=actor,
        key="base_salary",
        label="Base salary",
        kind="money",
        currency="EUR",
        better="higher",
    )
    tracker.step(
        nid, "add_term", actor=actor, key="remote_days", label="Remote days", kind="days", better="higher"
    )
    return nid


def one_step(negotiation: Any, i: int, actor: str = ACTOR, room: int = 2) -> None:
    """The i-th step of a long, plausible history: mostly notes and calls, now and then a proposal
    from the hiring manager (answering the candidate's last counter) and a counter-proposal from the
    candidate (when ``room`` allows two events). One proposal is open at a time."""
    if i % 20 == 0 and room >= 2:
        open_counters = [p for p in negotiation.proposals_in_order() if p.is_open and p.from_party == "p1"]
        proposal = negotiation.make_proposal(
            actor=actor,
            from_party="p2",
            to_parties=["p1"],
            rationale="Band midpoint.",
            in_reply_to=open_counters[-1].proposal_id if open_counters else None,
            values={"base_salary": {"amount": str(100000 + i), "currency": "EUR"}, "remote_days": str(i % 5)},
        )
        negotiation.make_proposal(
            actor=actor,
            from_party="p1",
            to_parties=["p2"],
            in_reply_to=proposal,
            rationale="Market data.",
            values={"base_salary": {"amount": str(110000 + i), "currency": "EUR"}, "remote_days": "3"},
        )
    elif i % 5 == 0:
        negotiation.log_interaction(
            actor=actor,
            channel=CHANNELS[i % 3],
            participants=["p1", "p2"],
            summary=f"Talked through the offer (round {i}).",
            tone="warm",
        )
    else:
        negotiation.add_note(actor=actor, text=f"Note {i}: Dana will check the relocation budget with HR.")


def grow(tracker: Any, nid: UUID, events: int, batch: int = 100, actor: str = ACTOR) -> int:
    """Adds steps until the negotiation has ``events`` events; returns its version."""
    while True:
        negotiation = tracker.repository.get(nid)
        if negotiation.version >= events:
            return negotiation.version
        while negotiation.version < events and len(negotiation.pending_events) < batch:
            one_step(negotiation, negotiation.version, actor, events - negotiation.version)
        tracker.save(negotiation)


def long_negotiation(tracker: Any, events: int, batch: int = 100, actor: str = ACTOR) -> UUID:
    nid = start(tracker, actor)
    grow(tracker, nid, events, batch, actor)
    return nid
