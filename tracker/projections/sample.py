"""Many negotiations at once, for the dashboard benchmark and the index-plan tests.

Writes through the applications in bulk (hundreds of aggregates per save, one transaction each),
never row by row: teams of ``team_size`` people, each person with ``per_owner`` negotiations shared
with their team. Team 0 is led by ``LEAD`` with ``AUDITOR`` as a viewer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from uuid import UUID

from tracker.domain.negotiation import Negotiation
from tracker.teams.access import NegotiationAccess
from tracker.teams.team import Team

if TYPE_CHECKING:  # pragma: no cover
    from tracker.application import NegotiationTracker
    from tracker.teams.application import Teams

LEAD = "lead0@example.com"
AUDITOR = "auditor0@example.com"
KINDS = ("internal_role_change", "promotion", "job_offer", "benefits", "flexible_work")
OPPORTUNITIES = ("standard", "personal_arrangement", "new_direction")
CHUNK = 400


@dataclass(frozen=True)
class Sample:
    negotiations: int
    team_ids: list[UUID]
    first_owner: str


def _negotiation(i: int, owner: str, now: datetime) -> Negotiation:
    kind = KINDS[i % len(KINDS)]
    started = now - timedelta(days=60 + i % 50)
    n = Negotiation.start(
        actor=owner,
        title=f"{kind.replace('_', ' ').title()} {i}",
        kind=kind,
        opportunity_type=OPPORTUNITIES[i % len(OPPORTUNITIES)],
        occurred_at=started,
    )
    n.add_note(
        actor=owner, text=f"Talked to my manager about step {i}.", occurred_at=started + timedelta(days=1)
    )
    if i % 4 == 1:
        n.change_stage(actor=owner, stage="negotiating")
    elif i % 4 == 2:
        n.add_term(actor=owner, key="scope", label="Scope", kind="text")
        n.conclude(
            actor=owner,
            outcome="agreed",
            final_terms={"scope": f"Area {i}"},
            occurred_at=started + timedelta(days=5 + i % 30),
        )
    elif i % 4 == 3 and i % 8 == 7:
        n.conclude(actor=owner, outcome="stalled", occurred_at=started + timedelta(days=20))
    return n


def seed(
    tracker: NegotiationTracker,
    teams_app: Teams,
    count: int,
    *,
    per_owner: int = 10,
    team_size: int = 10,
    now: datetime | None = None,
    start: int = 0,
) -> Sample:
    """``count`` more negotiations, numbered from ``start`` (a multiple of per_owner * team_size), so
    a second call adds new people and teams and leaves the earlier ones as they were."""
    now = now or datetime.now(UTC)
    per_team = per_owner * team_size
    first_owner, first_team = start // per_owner, start // per_team
    owners = max(1, -(-count // per_owner))
    teams = []
    for t in range(first_team, first_team + max(1, -(-owners // team_size))):
        lead = LEAD if t == 0 else f"lead{t}@example.com"
        team = Team(name=f"Team {t}", actor=lead, at=now)
        for member in range(t * team_size, min(first_owner + owners, (t + 1) * team_size)):
            team.add_member(email=f"person{member}@example.com", role="member", actor=lead, at=now)
        if t == 0:
            team.add_member(email=AUDITOR, role="viewer", actor=lead, at=now)
        teams.append(team)
    teams_app.save(*teams)
    pending: list[Negotiation] = []
    grants: list[NegotiationAccess] = []
    for i in range(start, start + count):
        owner_index = i // per_owner
        owner = f"person{owner_index}@example.com"
        negotiation = _negotiation(i, owner, now)
        access = NegotiationAccess(negotiation_id=negotiation.id, owner=owner, actor=owner, at=now)
        access.grant(
            kind="team",
            principal=str(teams[owner_index // team_size - first_team].id),
            role="viewer",
            actor=owner,
            at=now,
        )
        pending.append(negotiation)
        grants.append(access)
        if len(pending) >= CHUNK:
            tracker.save(*pending)
            teams_app.save(*grants)
            pending, grants = [], []
    if pending:
        tracker.save(*pending)
        teams_app.save(*grants)
    return Sample(count, [team.id for team in teams], f"person{first_owner}@example.com")
