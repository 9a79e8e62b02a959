"""Where a negotiation's money figures sit in the pay band a team placed it in, for the readers the
bands are for: the team's owners and auditors (never a member, nor the person negotiating unless they
are one). One entry per team that banded the negotiation and lets this reader see bands."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.accounts.emails import email_key
from tracker.domain.view import NegotiationView
from tracker.teams.approvals import band_for
from tracker.teams.pay_bands import PayBand, Placement, placement_of
from tracker.teams.policy import AccessPolicy
from tracker.teams.service import BAND_READERS


@dataclass(frozen=True)
class BandReading:
    team_id: str
    team_name: str
    band: PayBand
    placements: list[tuple[str, Placement]]  # (what: "proposal #2", "the agreement"), placement


def placements(n: NegotiationView, band: PayBand) -> list[tuple[str, Placement]]:
    found: list[tuple[str, Placement]] = []
    for proposal in n.proposals_in_order():
        placed = placement_of(band, proposal.values.get(band.term_key))
        if placed is not None:
            found.append((f"proposal #{n.proposal_number(proposal.proposal_id)}", placed))
    if n.final_terms:
        placed = placement_of(band, n.final_terms.get(band.term_key))
        if placed is not None:
            found.append(("the agreement", placed))
    return found


def band_readings(
    access: AccessPolicy, n: NegotiationView, user: str | None, today: date
) -> list[BandReading]:
    """The bands ``user`` may see for ``n``, with where its figures sit."""
    if not user:
        return []
    readings = []
    for grant in access.grants(n.id):
        if grant.kind != "team":
            continue
        team = access.team(grant.principal)
        if team is None or team.members.get(email_key(user)) not in BAND_READERS:
            continue
        band = band_for(team, str(n.id), today)
        if band is not None:
            readings.append(BandReading(str(team.id), team.name, band, placements(n, band)))
    return readings


def agreement_outside(n: Any, band: PayBand) -> Placement | None:
    """The agreement's placement when it lies outside the band, else None."""
    if not getattr(n, "final_terms", None):
        return None
    placed = placement_of(band, n.final_terms.get(band.term_key))
    return placed if placed is not None and placed.outside else None


def agreements_outside(
    team: Any, negotiation: Callable[[str], Any], today: date
) -> list[tuple[Any, Placement]]:
    """(negotiation, placement) of each agreement outside the band the team placed it in."""
    found = []
    for nid in team.banded:
        band = band_for(team, nid, today)
        if band is None:
            continue
        n = negotiation(nid)
        placed = agreement_outside(n, band)
        if placed is not None:
            found.append((n, placed))
    return found
