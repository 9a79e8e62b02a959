"""Seeded random histories for the read-model tests: negotiations driven through every command (valid
ones only: a refused command is simply not recorded), saved in interleaved rounds as live use does,
with teams, members and shares changing in between."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.support.teams import AUDITOR, BEN, COACH, LEAD, MIA
from tracker.domain.errors import DomainError, NotFound
from tracker.domain.negotiation import Negotiation
from tracker.teams.errors import AccessDenied

OWNERS = (MIA, BEN)
PEOPLE = (LEAD, MIA, BEN, AUDITOR, COACH)
SIDES = ("owner", "counterpart", "advisor", "neutral")
TERM_KINDS = ("money", "number", "percent", "days", "boolean", "date", "choice", "text")


def value_for(spec: Any, rng: random.Random) -> Any:
    kind = spec.kind.value
    if kind == "money":
        return {
            "amount": f"{rng.randrange(1000, 200000)}.{rng.randrange(100):02d}",
            "currency": spec.currency,
        }
    return {
        "number": str(rng.randrange(0, 500)),
        "percent": str(rng.randrange(0, 100)),
        "days": str(rng.randrange(0, 300)),
        "boolean": rng.choice(["yes", "no"]),
        "date": "2026-03-14",
        "choice": rng.choice(spec.options or ("x",)),
        "text": f"Text {rng.randrange(99)}",
    }[kind]


def _values(n: Negotiation, rng: random.Random) -> dict[str, Any]:
    terms = list(n.terms.values())
    return (
        {spec.key: value_for(spec, rng) for spec in rng.sample(terms, rng.randint(1, len(terms)))}
        if terms
        else {}
    )


def _command(n: Negotiation, rng: random.Random) -> tuple[str, dict[str, Any]]:
    """A random command and its arguments, from what the negotiation holds (it may still be refused)."""
    parties = [p.party_id for p in n.parties.values() if p.active]
    terms = list(n.terms)
    allies = list(n.allies)
    open_proposals = [p for p in n.proposals.values() if p.is_open]
    pick = rng.choice
    if n.stage.is_closed:
        return pick(
            [("reopen", {"reason": "The budget moved."}), ("record_lessons", {"lessons": "Ask earlier."})]
        )
    choices: list[Callable[[], tuple[str, dict[str, Any]]]] = [
        lambda: (
            "record_aspiration",
            {
                "horizon": pick(["short_term", "long_term"]),
                "area": pick(["career", "life"]),
                "text": "Lead a team",
            },
        ),
        lambda: (
            "join_party",
            {
                "name": f"Person {rng.randrange(30)}",
                "role": pick(["", "manager", "recruiter"]),
                "side": pick(SIDES),
            },
        ),
        lambda: ("leave_party", {"party_id": pick(parties or ["p1"]), "reason": pick(["", "moved on"])}),
        lambda: ("add_term", _term(rng)),
        lambda: ("add_term", _term(rng)),
        lambda: ("revise_term", {"key": pick(terms or ["t1"]), "label": f"Label {rng.randrange(50)}"}),
        lambda: ("remove_term", {"key": pick(terms or ["t1"]), "reason": pick(["", "settled"])}),
        lambda: (
            "set_priority",
            {
                "term_key": pick(terms or ["t1"]),
                "weight": rng.randrange(101),
                "party_id": pick([None, *parties]),
            },
        ),
        lambda: (
            "log_research",
            {
                "source": "Survey",
                "term_key": pick([None, *terms]),
                "low": "10",
                "typical": "20",
                "high": pick(["30", None]),
                "text": pick(["", "Market data"]),
            },
        ),
        lambda: (
            "enlist_ally",
            {
                "name": f"Ally {rng.randrange(9)}",
                "relationship": "mentor",
                "stance": pick(["supportive", "neutral", "opposed"]),
            },
        ),
        lambda: (
            "log_ally_action",
            {
                "ally_id": pick(allies or ["a1"]),
                "action": "Put in a word",
                "channel": pick([None, "call", "email"]),
            },
        ),
        lambda: (
            "change_ally_stance",
            {
                "ally_id": pick(allies or ["a1"]),
                "stance": pick(["supportive", "neutral", "opposed", "unknown"]),
            },
        ),
        lambda: (
            "log_alternative",
            {
                "label": "Other offer",
                "kind": pick(["competing_offer", "status_quo"]),
                "values": pick([{}, _values(n, rng)]),
            },
        ),
        lambda: _proposal(n, rng, parties, open_proposals),
        lambda: _proposal(n, rng, parties, open_proposals),
        lambda: _proposal(n, rng, parties, open_proposals),
        lambda: (
            "log_interaction",
            {
                "channel": pick(["call", "email", "meeting"]),
                "summary": "Talked it over",
                "participants": rng.sample(parties, min(len(parties), 2)),
                "tone": pick(["warm", "neutral", "tense"]),
            },
        ),
        lambda: ("add_note", {"text": f"Note {rng.randrange(1000)}"}),
        lambda: ("add_note", {"text": "x" * rng.choice([10, 600])}),  # a sentence longer than the row keeps
        lambda: (
            "change_stage",
            {
                "stage": pick(["preparing", "offer_received", "negotiating"]),
                "reason": pick(["", "They called back"]),
            },
        ),
        lambda: (
            "conclude",
            {
                "outcome": pick(["agreed", "declined", "walked_away", "withdrawn", "stalled"]),
                "final_terms": pick([None, _values(n, rng)]),
                "lessons": pick(["", "Anchor high"]),
            },
        ),
    ]
    if open_proposals:
        p = pick(open_proposals)

        def answer():
            return (
                pick(["accept_proposal", "accept_proposal", "reject_proposal"]),
                {"proposal_id": p.proposal_id, "party": pick(p.to_parties), "reason": pick(["", "Fair"])},
            )

        choices += [
            answer,
            answer,
            answer,
            lambda: ("withdraw_proposal", {"proposal_id": p.proposal_id, "party": p.from_party}),
        ]
    return pick(choices)()


def _term(rng: random.Random) -> dict[str, Any]:
    kind = rng.choice(TERM_KINDS)
    return {
        "key": f"t{rng.randrange(8)}",
        "label": f"Term {rng.randrange(50)}",
        "kind": kind,
        "better": rng.choice(["higher", "lower", "none"])
        if kind in ("money", "number", "percent", "days")
        else "none",
        "currency": "EUR" if kind == "money" else None,
        "options": ["a", "b", "c"] if kind == "choice" else None,
    }


def _proposal(n: Negotiation, rng: random.Random, parties: list[str], open_proposals: list[Any]):
    if len(parties) < 2:
        return "join_party", {"name": f"Person {rng.randrange(30)}", "role": "", "side": rng.choice(SIDES)}
    sender, *others = rng.sample(parties, len(parties))
    return "make_proposal", {
        "from_party": sender,
        "to_parties": others[: rng.randint(1, len(others))],
        "values": _values(n, rng),
        "rationale": rng.choice(["", "Market rate"]),
        "in_reply_to": rng.choice([None] + [p.proposal_id for p in open_proposals]),
    }


def step(n: Negotiation, rng: random.Random, now: datetime) -> None:
    """One recorded step (a few tries: a random command may be refused)."""
    for _ in range(20):
        command, fields = _command(n, rng)
        occurred = rng.choice(
            [None, None, now - timedelta(days=rng.randrange(1, 90), minutes=rng.randrange(60))]
        )
        try:
            getattr(n, command)(actor=n.owner if rng.random() < 0.8 else LEAD, occurred_at=occurred, **fields)
            return
        except DomainError:
            continue


def random_history(
    world: Any, seed: int, negotiations: int = 8, rounds: int = 20, between: Callable[[], Any] = lambda: None
) -> list[Any]:
    """Negotiations and teams changed in ``rounds`` interleaved rounds; ``between`` runs after each."""
    rng, now = random.Random(seed), datetime.now(UTC)
    tracker, teams = world.tracker, world.teams
    team_ids = [teams.create_team(f"Team {i}", actor=LEAD) for i in range(2)]
    ids = [
        tracker.start_negotiation(
            actor=rng.choice(OWNERS),
            title=f"Offer {i} “{seed}”",
            kind=rng.choice(["job_offer", "promotion", "benefits"]),
            opportunity_type=rng.choice(["standard", "new_direction"]),
            occurred_at=rng.choice([None, now - timedelta(days=100)]),
        )
        for i in range(negotiations)
    ]
    for _ in range(rounds):
        chosen = [tracker.get(nid) for nid in rng.sample(ids, rng.randint(1, len(ids)))]
        for n in chosen:
            for _ in range(rng.randint(1, 4)):
                step(n, rng, now)
        tracker.save(*chosen)
        for _ in range(rng.randint(0, 4)):
            _sharing(world, rng, ids, team_ids)
        between()
    return ids


def _sharing(world: Any, rng: random.Random, ids: list[Any], team_ids: list[Any]) -> None:
    teams, access, pick = world.teams, world.access, rng.choice
    nid, team, person = pick(ids), pick(team_ids), pick(PEOPLE)
    owner = world.tracker.get(nid).owner
    actions = [
        lambda: teams.add_member(team, person, pick(["owner", "member", "viewer"]), actor=LEAD),
        lambda: teams.add_member(team, person, pick(["member", "viewer"]), actor=LEAD),
        lambda: teams.change_member_role(team, person, pick(["owner", "member", "viewer"]), actor=LEAD),
        lambda: teams.remove_member(team, person, actor=LEAD),
        lambda: teams.rename_team(team, f"Renamed {rng.randrange(99)}", actor=LEAD),
        lambda: access.share_with_team(nid, team, pick(["viewer", "editor"]), actor=owner),
        lambda: access.share_with_team(nid, team, pick(["viewer", "editor"]), actor=owner),
        lambda: access.share_with_user(nid, person, pick(["viewer", "editor"]), actor=owner),
        lambda: access.revoke_team(nid, team, actor=owner),
        lambda: access.revoke_user(nid, person, actor=owner),
    ]
    try:
        pick(actions)()
    except (DomainError, AccessDenied, NotFound):
        pass
