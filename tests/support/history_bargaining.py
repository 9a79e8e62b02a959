"""The bargaining rules of the random-history model: proposals, counter-proposals, their answers,
the outcome, reopening and the stage (see ``history_model`` for the state and the table rules)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.support.history_model import OPEN_STAGES, OUTCOMES, ModelProposal, Prediction, TableModel
from tracker.domain.errors import (
    InvalidTransition,
    InvalidValue,
    NotAddressed,
    ProposalNotOpen,
    UnknownParty,
    UnknownProposal,
)


class Model(TableModel):
    """The whole model: the table's rules and the bargaining rules."""

    def make_proposal(
        self,
        from_party: object,
        to_parties: object,
        values_reasons: set[type],
        in_reply_to: object,
        actor_ok: bool = True,
        when_ok: bool = True,
        covered: dict[str, Any] | None = None,
    ) -> Prediction:
        covered = dict(covered or {})
        reasons = self._common(actor_ok, when_ok) | values_reasons
        if not self.is_active(from_party):
            reasons.add(UnknownParty)
        if not isinstance(to_parties, list) or not to_parties:
            reasons.add(InvalidValue)
            addressed: list = []
        else:
            addressed = list(dict.fromkeys(to_parties))
            if not all(self.is_active(p) for p in addressed):
                reasons.add(UnknownParty)
            if from_party in addressed:
                reasons.add(InvalidValue)
        answered = None
        if in_reply_to:
            answered = self.proposals.get(in_reply_to) if isinstance(in_reply_to, str) else None
            if answered is None:
                reasons.add(UnknownProposal)
            elif answered.status in ("withdrawn", "accepted"):
                reasons.add(ProposalNotOpen)
        proposal_id = f"prop{len(self.proposals) + 1}"

        def effect() -> None:
            if answered is not None and answered.status == "open":
                answered.status = "superseded"
            self.proposals[proposal_id] = ModelProposal(proposal_id, str(from_party), addressed, covered)
            if self.stage == "preparing":
                side = self.parties[str(from_party)].side
                self.stage = "offer_received" if side == "counterpart" else "negotiating"
            elif self.stage == "offer_received" and len(self.proposals) > 1:
                self.stage = "negotiating"

        return Prediction(reasons, 1, proposal_id, effect)

    def _answer(
        self,
        proposal_id: object,
        party: object,
        may_answer: Callable[[ModelProposal], bool],
        reasons: set[type],
    ) -> ModelProposal | None:
        proposal = self.proposals.get(proposal_id) if isinstance(proposal_id, str) else None
        if proposal is None:
            reasons.add(UnknownProposal)
        if not self.is_active(party):
            reasons.add(UnknownParty)
        if proposal is not None:
            if not may_answer(proposal):
                reasons.add(NotAddressed)
            if proposal.status != "open":
                reasons.add(ProposalNotOpen)
        return proposal

    def accept(
        self, proposal_id: object, party: object, actor_ok: bool = True, when_ok: bool = True
    ) -> Prediction:
        reasons = self._common(actor_ok, when_ok)
        proposal = self._answer(proposal_id, party, lambda p: party in p.to_parties, reasons)
        if proposal is not None and party in proposal.accepted_by:
            reasons.add(InvalidValue)
        agreement = proposal is not None and set(proposal.to_parties) <= set(proposal.accepted_by) | {party}

        def effect() -> None:
            assert proposal is not None
            proposal.accepted_by.append(str(party))
            if agreement:
                proposal.status = "accepted"
                self.stage = "agreed"

        return Prediction(reasons, 2 if agreement else 1, None, effect)

    def reject(
        self, proposal_id: object, party: object, actor_ok: bool = True, when_ok: bool = True
    ) -> Prediction:
        reasons = self._common(actor_ok, when_ok)
        proposal = self._answer(proposal_id, party, lambda p: party in p.to_parties, reasons)

        def effect() -> None:
            assert proposal is not None
            proposal.status = "rejected"

        return Prediction(reasons, 1, None, effect)

    def withdraw(
        self, proposal_id: object, party: object, actor_ok: bool = True, when_ok: bool = True
    ) -> Prediction:
        reasons = self._common(actor_ok, when_ok)
        proposal = self._answer(proposal_id, party, lambda p: party == p.from_party, reasons)

        def effect() -> None:
            assert proposal is not None
            proposal.status = "withdrawn"

        return Prediction(reasons, 1, None, effect)

    def conclude(
        self,
        outcome: object,
        terms_reasons: set[type],
        has_terms: bool,
        actor_ok: bool = True,
        when_ok: bool = True,
    ) -> Prediction:
        reasons = self._common(actor_ok, when_ok) | terms_reasons
        if outcome not in OUTCOMES:
            reasons.add(InvalidValue)
        if outcome == "agreed" and not has_terms and not terms_reasons:
            accepted = [p for p in self.proposals.values() if p.status == "accepted"]
            if not accepted:
                reasons.add(InvalidValue)
            elif not all(self.fits(key, token) for key, token in accepted[-1].values.items()):
                reasons.add(InvalidValue)  # the agreed proposal no longer fits the table

        def effect() -> None:
            self.stage = str(outcome)

        return Prediction(reasons, 1, None, effect)

    def reopen(self, reason_ok: bool, actor_ok: bool = True, when_ok: bool = True) -> Prediction:
        reasons = self._common(actor_ok, when_ok, closed_matters=False)
        if not self.closed:
            reasons.add(InvalidTransition)
        if not reason_ok:
            reasons.add(InvalidValue)

        def effect() -> None:
            self.stage = "negotiating" if self.proposals else "preparing"

        return Prediction(reasons, 1, None, effect)

    def change_stage(self, stage: object, actor_ok: bool = True, when_ok: bool = True) -> Prediction:
        reasons = self._common(actor_ok, when_ok)
        if stage not in OPEN_STAGES + OUTCOMES:
            reasons.add(InvalidValue)
        elif stage not in OPEN_STAGES or stage == self.stage:
            reasons.add(InvalidTransition)

        def effect() -> None:
            self.stage = str(stage)

        return Prediction(reasons, 1, None, effect)
