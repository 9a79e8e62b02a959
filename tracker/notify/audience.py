"""Who is told about a step, and whether it needs them.

The people told are those who could see the negotiation both when the step was recorded and now
(a share revoked before the step, or since, means nothing is sent), except whoever took the step.
A step "needs" a person when it asks something of them: an answer to a proposal made to their side,
an approval waiting on them, a decision on their own proposal's approval.
"""

from __future__ import annotations

from typing import Any

from tracker.accounts.emails import email_key
from tracker.domain import events as ev

ANSWERS = (ev.ProposalAccepted, ev.ProposalRejected, ev.ProposalWithdrawn)


def owner_side(state: Any) -> set[str]:
    return {p.party_id for p in state.parties.values() if p.side == "owner"}


def needs(event: Any, state: Any, email: str, role: str) -> bool:
    """Whether ``event`` (with ``state`` the negotiation just after it) asks something of ``email``."""
    deciding = role in ("owner", "editor")
    if isinstance(event, ev.ProposalMade):
        return (
            deciding
            and event.from_party not in owner_side(state)
            and not state.awaits_approval(event.proposal_id)
        )
    if isinstance(event, (ev.ApprovalRequested, ev.ProposalApproved)):
        waiting = {email_key(a) for a in state.waiting_on(event.proposal_id)}
        if email in waiting:
            return True
        proposal = state.proposals.get(event.proposal_id)
        # the last approval makes the owner's proposal count: its maker hears it went out
        return (
            isinstance(event, ev.ProposalApproved)
            and role == "owner"
            and proposal is not None
            and not state.awaits_approval(event.proposal_id)
        )
    if isinstance(event, ev.ProposalDeclined):
        return role == "owner"
    if isinstance(event, ANSWERS):
        return role == "owner" and event.party not in owner_side(state)
    return False


def told(visible_then: list[Any], visible_now: list[Any], actor: str) -> dict[str, str]:
    """Who is told (email -> role now): could see it at the step and still can, not the actor."""
    then = {v.email for v in visible_then}
    me = email_key(actor)
    return {v.email: v.role for v in visible_now if v.email in then and v.email != me}
