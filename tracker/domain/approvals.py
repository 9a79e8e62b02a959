"""Approval of a proposal before it counts as made, under a team's approval chain (the chain itself is
the team's: tracker.teams.approval_rules). The application service asks the team who must approve
and records ``require_approval`` with the proposal; the approvers answer with ``approve_proposal`` or
``decline_proposal`` (each a step with its actor), a step's approvers only once the earlier steps have
all approved. A proposal awaiting approval cannot be answered or countered yet; one declined is
withdrawn. ``amend_proposal`` changes an unanswered proposal's figures; when a figure the chain looks
at changes, the approvals given are voided (``void_approvals``) and asked for again."""

from __future__ import annotations

from typing import Any

from tracker.domain import events as ev
from tracker.domain.checks import Checks
from tracker.domain.errors import InvalidValue, NotAnApprover, ProposalNotOpen
from tracker.domain.limits import LONG_TEXT
from tracker.domain.terms import optional_text, require_text

AWAITING = "awaiting approval"  # then "approved" or "declined" (tracker.domain.events)


def _who(actor: str) -> str:
    return actor.strip().lower()


class ApprovalCommands:
    """Mixin for Negotiation; relies on ``approvals``, ``proposals``, ``record`` and the shared checks."""

    def awaits_approval(self, proposal_id: str) -> bool:
        """Whether the proposal waits for approval (it does not count as made until approved)."""
        approval = self.approvals.get(proposal_id)
        return approval is not None and approval["status"] == AWAITING

    def waiting_on(self, proposal_id: str) -> list[str]:
        """The approvers whose decision is awaited now: the undecided ones of the earliest step."""
        if not self.awaits_approval(proposal_id) or not self.proposals[proposal_id].is_open:
            return []  # a proposal withdrawn while it waited waits for nobody
        approval = self.approvals[proposal_id]
        undecided = [a for a in approval["required"] if a["approver"] not in approval["decisions"]]
        if not undecided:
            return []
        first = min(a["step"] for a in undecided)
        return [a["approver"] for a in undecided if a["step"] == first]

    def check_not_awaiting(self, proposal_id: str, field: str = "proposal_id") -> None:
        if self.awaits_approval(proposal_id):
            waiting = ", ".join(self.waiting_on(proposal_id)) or "its approvers"
            raise ProposalNotOpen(
                f"{self.proposal_name(proposal_id, first=True)} is awaiting approval ({waiting}); it counts "
                "as made once approved.",
                field,
            )

    def require_approval(
        self, *, actor: str, proposal_id: str, team_id: str, approvers: list[dict], **common: Any
    ) -> None:
        """Records who must approve ``proposal_id`` (the service asks the team's chain)."""
        proposal = self.require_proposal(proposal_id, "proposal_id")
        if not proposal.is_open:
            raise ProposalNotOpen(
                f"{self.proposal_name(proposal_id, first=True)} is {proposal.status}.", "proposal_id"
            )
        if not approvers:
            raise InvalidValue("Name at least one approver.", "approvers")
        required = [
            {"approver": _who(a["approver"]), "step": int(a["step"]), "why": str(a.get("why", ""))}
            for a in approvers
        ]
        self.record(
            ev.ApprovalRequested,
            actor=actor,
            proposal_id=proposal_id,
            team_id=require_text(team_id, "team_id", 64),
            approvers=required,
            **common,
        )

    def approve_proposal(self, *, actor: str, proposal_id: str, comment: object = "", **common: Any) -> None:
        who, words = self._decider(actor, proposal_id, comment)
        self.record(ev.ProposalApproved, actor=who, proposal_id=proposal_id, comment=words, **common)

    def decline_proposal(self, *, actor: str, proposal_id: str, comment: object = "", **common: Any) -> None:
        who, words = self._decider(actor, proposal_id, comment)
        self.record(ev.ProposalDeclined, actor=who, proposal_id=proposal_id, comment=words, **common)

    def _decider(self, actor: str, proposal_id: str, comment: object) -> tuple[str, str]:
        """(the approver, their comment) when ``actor`` may decide on the proposal now; else refused."""
        self.require_open()
        checks = Checks()
        proposal = checks(self.require_proposal, proposal_id, "proposal_id")
        words = checks(require_text, comment, "comment", LONG_TEXT)
        checks.done()
        approval = self.approvals.get(proposal_id)
        if approval is None:
            raise InvalidValue(
                f"{self.proposal_name(proposal_id, first=True)} needs no approval.", "proposal_id"
            )
        if not self.awaits_approval(proposal_id) or not proposal.is_open:
            raise ProposalNotOpen(
                f"{self.proposal_name(proposal_id, first=True)} is not awaiting approval "
                f"(it is {approval['status'] if proposal.is_open else proposal.status}).",
                "proposal_id",
            )
        who = _who(actor)
        named = [a["approver"] for a in approval["required"]]
        if who not in named:
            raise NotAnApprover(f"{actor} is not an approver of this proposal.", "proposal_id")
        if who in approval["decisions"]:
            raise InvalidValue("You have already decided on this proposal.", "proposal_id")
        if who not in self.waiting_on(proposal_id):
            waiting = ", ".join(self.waiting_on(proposal_id))
            raise InvalidValue(f"The earlier step decides first: waiting for {waiting}.", "proposal_id")
        return who, words

    def amend_proposal(
        self, *, actor: str, proposal_id: str, values: dict, reason: object = "", **common: Any
    ) -> list[str]:
        """Changes the figures of a proposal nobody has answered yet; returns the terms changed."""
        self.require_open()
        checks = Checks()
        proposal = checks(self.require_proposal, proposal_id, "proposal_id")
        checked = checks(self.check_values, values)
        why = checks(optional_text, reason, "reason")
        checks.done()
        if not proposal.is_open or proposal.responses or proposal.accepted_by:
            raise ProposalNotOpen(
                f"{self.proposal_name(proposal_id, first=True)} has been answered or closed; make a new "
                "proposal instead.",
                "proposal_id",
            )
        changed = sorted(
            key for key in set(checked) | set(proposal.values) if checked.get(key) != proposal.values.get(key)
        )
        if not changed:
            raise InvalidValue("These are the figures it already has.", "values")
        self.record(
            ev.ProposalAmended,
            actor=actor,
            proposal_id=proposal_id,
            values=checked,
            changed=changed,
            reason=why,
            **common,
        )
        return changed

    def void_approvals(self, *, actor: str, proposal_id: str, terms: list[str], **common: Any) -> None:
        """Voids the approvals given, because a figure the chain looks at changed (``terms``)."""
        if proposal_id not in self.approvals:
            raise InvalidValue("There are no approvals to void.", "proposal_id")
        self.record(ev.ApprovalsVoided, actor=actor, proposal_id=proposal_id, terms=list(terms), **common)
