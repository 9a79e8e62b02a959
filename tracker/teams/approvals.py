"""Applies the approval chains of the teams a negotiation is shared with: when a proposal is made or
amended there, who must approve it (tracker.teams.approval_rules), judged against the pay band the
team placed the negotiation in. The application service calls ``after`` before it saves the step, so
the proposal and its approval request are stored together or not at all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from tracker.teams.approval_rules import ApprovalRule, looked_at, required
from tracker.teams.pay_bands import PayBand, in_force
from tracker.teams.policy import AccessPolicy
from tracker.teams.team import Team


def band_for(team: Team, negotiation_id: str, on: date) -> PayBand | None:
    """The band the team judges the negotiation against, as in force ``on`` that day."""
    name = team.banded.get(negotiation_id)
    if not name:
        return None
    return in_force([PayBand.from_event(b) for b in team.pay_bands if b["name"] == name], on)


#: One team's chain as it applies to a negotiation: (team id, its rules, the band in force, if any).
Chain = tuple[str, list[ApprovalRule], PayBand | None]


def team_chains(access: AccessPolicy, today: Callable[[], date]) -> Callable[[str], list[Chain]]:
    """The chains of the teams a negotiation is shared with (those that keep one)."""

    def chains_of(negotiation_id: str) -> list[Chain]:
        found = []
        for grant in access.grants(negotiation_id):
            team = access.team(grant.principal) if grant.kind == "team" else None
            if team is not None and team.approval_rules:
                rules = [ApprovalRule.from_event(r) for r in team.approval_rules]
                found.append((str(team.id), rules, band_for(team, negotiation_id, today())))
        return found

    return chains_of


class ChainPolicy:
    def __init__(self, chains_of: Callable[[str], list[Chain]]) -> None:
        self.chains_of = chains_of

    @staticmethod
    def who_must_approve(chains: list[Chain], values: dict[str, Any]) -> tuple[str, list[dict]] | None:
        """(team ids, approvers) the ``chains`` ask for a proposal of ``values``; None when none asks for
        anyone. With several teams' chains, their approvers are asked together (each at its own step)."""
        team_ids, approvers, seen = [], [], set()
        for team_id, rules, band in chains:
            for entry in required(rules, values, band):
                if entry["approver"] not in seen:
                    seen.add(entry["approver"])
                    approvers.append(entry)
                    team_ids.append(team_id)
        if not approvers:
            return None
        return ",".join(dict.fromkeys(team_ids)), sorted(approvers, key=lambda a: (a["step"], a["approver"]))

    def after(self, negotiation: Any, command: str, value: Any, actor: str, fields: dict[str, Any]) -> None:
        """Records on ``negotiation`` (not yet saved) the approvals a made or amended proposal needs."""
        if command not in ("make_proposal", "amend_proposal"):
            return
        chains = self.chains_of(str(negotiation.id))  # the teams, their rules and bands: read once
        if command == "make_proposal":
            proposal_id = value
        else:
            proposal_id = fields["proposal_id"]
            if proposal_id in negotiation.approvals:
                watched = set().union(set(), *(looked_at(rules) for _, rules, _ in chains))
                touched = sorted(set(value) & watched)
                if not touched:
                    return  # nothing the chains look at changed: the approvals stand
                negotiation.void_approvals(actor=actor, proposal_id=proposal_id, terms=touched)
        needed = self.who_must_approve(chains, dict(negotiation.proposals[proposal_id].values))
        if needed is not None:
            team_id, approvers = needed
            negotiation.require_approval(
                actor=actor, proposal_id=proposal_id, team_id=team_id, approvers=approvers
            )
