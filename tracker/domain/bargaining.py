"""Commands of the bargaining itself: proposals, counter-proposals and their answers, interactions,
notes, the stage, the outcome and reopening."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tracker.domain import events as ev
from tracker.domain.checks import Checks
from tracker.domain.deadlines import check_day, check_respond_by
from tracker.domain.errors import (
    DomainError,
    InvalidTransition,
    InvalidValue,
    NotAddressed,
    ProposalNotOpen,
    UnknownProposal,
)
from tracker.domain.limits import LONG_TEXT
from tracker.domain.terms import optional_text, require_text
from tracker.domain.vocabulary import OPEN_STAGES, Channel, Outcome, Stage, Tone


class BargainingCommands:
    """Mixin for Negotiation; relies on its state attributes, ``record`` and the shared checks."""

    def make_proposal(
        self,
        *,
        actor: str,
        from_party: object,
        to_parties: object,
        values: dict,
        rationale: object = "",
        in_reply_to: str | None = None,
        cites: object = None,
        respond_by: object = None,
        **common: Any,
    ) -> str:
        checks = Checks()  # every refusal at once: a form shows them all beside their fields
        checks(self.require_party, from_party, "from_party")
        addressed: list = []
        if not isinstance(to_parties, (list, tuple)) or not to_parties:
            checks.refuse(InvalidValue("Address the proposal to at least one party.", "to_parties"))
        else:
            addressed = list(dict.fromkeys(to_parties))
            for party_id in addressed:
                checks(self.require_party, party_id, "to_parties")
            if from_party in addressed:
                checks.refuse(InvalidValue("A party cannot make a proposal to themselves.", "to_parties"))
        if in_reply_to:
            checks(self.check_not_awaiting, in_reply_to, "in_reply_to")
            answered = checks(self.require_proposal, in_reply_to, "in_reply_to")
            if answered is not None and answered.status in ("withdrawn", "accepted"):
                checks.refuse(
                    ProposalNotOpen(
                        f"{self.proposal_name(in_reply_to, first=True)} was {answered.status}; a counter-proposal "
                        "cannot answer it.",
                        "in_reply_to",
                    )
                )
        checked = checks(self.check_values, values)
        note = checks(optional_text, rationale, "rationale")
        cited = checks(self.check_cites, cites) or []
        made = common.get("occurred_at")
        made = made if isinstance(made, datetime) and made.tzinfo else datetime.now(UTC)
        answer_by = checks(check_respond_by, respond_by, made)
        checks.done()
        proposal_id = f"prop{len(self.proposals) + 1}"
        self.record(
            ev.ProposalMade,
            actor=actor,
            proposal_id=proposal_id,
            from_party=from_party,
            to_parties=addressed,
            values=checked,
            in_reply_to=in_reply_to or None,
            rationale=note,
            cites=cited,
            respond_by=answer_by,
            **common,
        )
        return proposal_id

    def accept_proposal(
        self, *, actor: str, proposal_id: str, party: object, reason: object = "", **common: Any
    ) -> None:
        proposal = self._answerable(proposal_id, party, "accept")
        if party in proposal.accepted_by:
            raise InvalidValue(f"{self.party_name(party)} has already accepted this proposal.", "party")
        self.record(
            ev.ProposalAccepted,
            actor=actor,
            proposal_id=proposal_id,
            party=party,
            reason=optional_text(reason, "reason"),
            **common,
        )
        if proposal.status == "accepted":  # every addressed party has now accepted: agreement
            self.record(
                ev.Concluded,
                actor=actor,
                outcome=Outcome.AGREED.value,
                final_terms=dict(proposal.values),
                proposal_id=proposal_id,
                lessons="",
                occurred_at=common.get("occurred_at"),
            )

    def reject_proposal(
        self, *, actor: str, proposal_id: str, party: object, reason: object = "", **common: Any
    ) -> None:
        self._answerable(proposal_id, party, "reject")
        self.record(
            ev.ProposalRejected,
            actor=actor,
            proposal_id=proposal_id,
            party=party,
            reason=optional_text(reason, "reason"),
            **common,
        )

    def withdraw_proposal(
        self, *, actor: str, proposal_id: str, party: object, reason: object = "", **common: Any
    ) -> None:
        proposal = self.require_proposal(proposal_id, "proposal_id")
        self.require_party(party, "party")
        if party != proposal.from_party:
            raise NotAddressed("Only the party who made a proposal can withdraw it.", "party")
        if not proposal.is_open:
            raise ProposalNotOpen(
                f"{self.proposal_name(proposal_id, first=True)} is already {proposal.status}.", "proposal_id"
            )
        self.record(
            ev.ProposalWithdrawn,
            actor=actor,
            proposal_id=proposal_id,
            party=party,
            reason=optional_text(reason, "reason"),
            **common,
        )

    def _answerable(self, proposal_id: str, party: object, verb: str):
        proposal = self.require_proposal(proposal_id, "proposal_id")
        self.check_not_awaiting(proposal_id)
        self.require_party(party, "party")
        if party not in proposal.to_parties:
            raise NotAddressed(
                f"Only the parties a proposal was made to can {verb} it; "
                f"{self.party_name(party)} was not one of them.",
                "party",
            )
        if not proposal.is_open:
            raise ProposalNotOpen(
                f"{self.proposal_name(proposal_id, first=True)} is {proposal.status} and cannot be {verb}ed.",
                "proposal_id",
            )
        return proposal

    def log_interaction(
        self,
        *,
        actor: str,
        channel: object,
        summary: object,
        participants: object = (),
        tone: object = "neutral",
        stated_by: object = None,
        stated: object = None,
        follow_up_on: object = None,
        **common: Any,
    ) -> None:
        """Logs a call, meeting or email; ``stated``: the figures ``stated_by`` said in it;
        ``follow_up_on``: the day to follow it up (due until a later interaction with one of its
        participants, or any later interaction when it named none)."""
        checks = Checks()
        if not isinstance(participants, (list, tuple)):
            checks.refuse(InvalidValue("Participants are a list of party ids.", "participants"))
            participants = []
        for party_id in participants:
            if party_id not in self.parties:
                checks.refuse(
                    InvalidValue(f"'{party_id}' is not a party to this negotiation.", "participants")
                )
        channel_value = checks(Channel.parse, channel, "channel")
        text = checks(require_text, summary, "summary", LONG_TEXT)
        tone_value = checks(Tone.parse, tone or "neutral", "tone")
        who, figures = self._stated(checks, stated_by, stated)
        follow_up = checks(check_day, follow_up_on, "follow_up_on")
        checks.done()
        self.record(
            ev.InteractionLogged,
            actor=actor,
            channel=channel_value.value,
            participants=list(dict.fromkeys(participants)),
            summary=text,
            tone=tone_value.value,
            stated_by=who,
            stated=figures,
            follow_up_on=follow_up,
            **common,
        )

    def add_note(
        self, *, actor: str, text: object, stated_by: object = None, stated: object = None, **common: Any
    ) -> None:
        checks = Checks()
        note = checks(require_text, text, "text", LONG_TEXT)
        who, figures = self._stated(checks, stated_by, stated)
        checks.done()
        self.record(ev.NoteAdded, actor=actor, text=note, stated_by=who, stated=figures, **common)

    def _stated(self, checks: Checks, stated_by: object, stated: object) -> tuple[str | None, dict[str, Any]]:
        """The figures a party stated (a "they said" field): checked like a proposal's values, and
        naming the party that said them."""
        figures = checks(self.check_values, stated or {}, True, "stated") or {}
        who = stated_by if stated_by not in (None, "") else None
        if who is not None:
            checks(self.require_party, who, "stated_by")
        elif stated:  # figures given (even unreadable ones) need the party that said them
            checks.refuse(InvalidValue("Say who stated these figures.", "stated_by"))
        return (str(who) if who is not None and figures else None), figures

    def change_stage(self, *, actor: str, stage: object, reason: object = "", **common: Any) -> None:
        new = Stage.parse(stage, "stage")
        if new not in OPEN_STAGES:
            raise InvalidTransition("Use 'conclude' to close a negotiation with its outcome.", "stage")
        if new is self.stage:
            raise InvalidTransition(f"The negotiation is already {new.label}.", "stage")
        self.record(
            ev.StageChanged, actor=actor, stage=new.value, reason=optional_text(reason, "reason"), **common
        )

    def conclude(
        self,
        *,
        actor: str,
        outcome: object,
        lessons: object = "",
        final_terms: dict | None = None,
        **common: Any,
    ) -> None:
        checks = Checks()
        result = checks(Outcome.parse, outcome, "outcome")
        terms = checks(self.check_values, final_terms or {}, allow_empty=True)
        lessons_text = checks(optional_text, lessons, "lessons")
        checks.done()
        proposal_id = None
        if result is Outcome.AGREED and not terms:
            accepted = [p for p in self.proposals_in_order() if p.status == "accepted"]
            if not accepted:
                raise InvalidValue(
                    "An agreement needs its final terms, or a proposal every addressed party accepted.",
                    "final_terms",
                )
            proposal_id, terms = accepted[-1].proposal_id, dict(accepted[-1].values)
            try:  # its terms may have left the table, or changed, since it was accepted (reopened)
                terms = self.check_values(terms)
            except DomainError as error:
                raise InvalidValue(
                    f"{self.proposal_name(proposal_id, first=True)} no longer fits the terms "
                    f"on the table "
                    f"({error.message}); give the final terms.",
                    "final_terms",
                ) from None
        self.record(
            ev.Concluded,
            actor=actor,
            outcome=result.value,
            final_terms=terms,
            proposal_id=proposal_id,
            lessons=lessons_text,
            **common,
        )

    def record_lessons(self, *, actor: str, lessons: object, **common: Any) -> None:
        """What was learned; allowed after the negotiation closed (it changes no term)."""
        self.record(
            ev.LessonsRecorded,
            actor=actor,
            lessons=require_text(lessons, "lessons", LONG_TEXT),
            allow_closed=True,
            **common,
        )

    def reopen(self, *, actor: str, reason: object, **common: Any) -> None:
        if not self.stage.is_closed:
            raise InvalidTransition("Only a closed negotiation can be reopened.", "reason")
        self.record(
            ev.Reopened,
            actor=actor,
            reason=require_text(reason, "reason", LONG_TEXT),
            allow_closed=True,
            **common,
        )

    def require_proposal(self, proposal_id: object, field: str):
        proposal = self.proposals.get(proposal_id) if isinstance(proposal_id, str) else None
        if proposal is None:
            raise UnknownProposal(f"There is no proposal '{proposal_id}' in this negotiation.", field)
        return proposal
