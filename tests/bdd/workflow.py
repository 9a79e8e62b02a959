"""What the feature steps drive: one negotiation, worked on by one person (the user).

``ServiceWorkflow`` runs each step through the application service. Another layer (the web app)
can drive the same scenarios by providing a ``workflow`` fixture with the same methods, e.g. one
that posts forms or JSON and reports the refusal message the person would see.
"""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

from tracker.application import NegotiationTracker
from tracker.domain.errors import ConflictError, DomainError
from tracker.domain.negotiation import Negotiation
from tracker.domain.terms import TermSpec
from tracker.domain.vocabulary import NegotiationKind, TermKind


class Refused(AssertionError):
    """A step was refused where the scenario expected it to be recorded."""


def key_for(label: str) -> str:
    """'Base salary' -> 'base_salary': the key a person's label would get."""
    return re.sub(r"[^a-z0-9]+", "_", label.strip().lower()).strip("_")[:40]


def kind_for(words: str) -> str:
    """'a job offer' -> 'job_offer' ('benefits and perks' -> 'benefits')."""
    words = re.sub(r"^(a|an)\s+", "", words.strip())
    for kind in NegotiationKind:
        if words in (kind.label, kind.value):
            return kind.value
    return words


class ServiceWorkflow:
    def __init__(self, tracker: NegotiationTracker) -> None:
        self.tracker = tracker
        self.user = ""
        self.nid: UUID | None = None
        self.refusal: str | None = None  # the message of the last refused step, until checked
        self.version_before_refusal: int | None = None
        self.loaded: dict[str, int] = {}  # version each other person last loaded

    # -- driving -------------------------------------------------------------------------------
    def start(self, user: str, title: str, kind: str, opportunity_type: str = "standard") -> None:
        self.user = user
        self.nid = self.tracker.start_negotiation(
            actor=user, title=title, kind=kind_for(kind), opportunity_type=opportunity_type
        )

    def do(
        self, command: str, *, actor: str | None = None, expected_version: int | None = None, **fields: Any
    ) -> Any:
        """Runs one step. A refusal is kept (with its message) for a Then step to check."""
        self.check_no_refusal()
        assert self.nid is not None, "no negotiation started"
        version = self.current(check=False).version
        try:
            return self.tracker.step(
                self.nid, command, actor=actor or self.user, expected_version=expected_version, **fields
            ).value
        except (DomainError, ConflictError) as error:
            self.refusal = str(error)
            self.version_before_refusal = version
            return None

    def load_as(self, person: str) -> None:
        """Another person opens the negotiation (and will submit based on what they saw)."""
        self.loaded[person] = self.current().version

    def take_refusal(self) -> str:
        assert self.refusal is not None, "the step was recorded, not refused"
        message, self.refusal = self.refusal, None
        return message

    def check_no_refusal(self) -> None:
        if self.refusal is not None:
            message, self.refusal = self.refusal, None
            raise Refused(f"a step was refused: {message}")

    # -- reading -------------------------------------------------------------------------------
    def current(self, check: bool = True) -> Negotiation:
        if check:
            self.check_no_refusal()
        assert self.nid is not None, "no negotiation started"
        return self.tracker.get(self.nid)

    def sentences(self) -> list[str]:
        return [entry.sentence for entry in self.tracker.timeline(self.nid)]

    # -- the words of the feature files --------------------------------------------------------
    def party(self, name: str) -> str:
        """The id of the party with that name, or the name itself (which the domain refuses)."""
        for party in self.current(check=False).parties.values():
            if party.active and party.name.lower() == name.strip().lower():
                return party.party_id
        return name.strip()

    def parties(self, names: str) -> list[str]:
        return [self.party(n) for n in re.split(r",\s*|\s+and\s+", names) if n.strip()]

    def ally(self, name: str) -> str:
        for ally in self.current(check=False).allies.values():
            if ally.name.lower() == name.strip().lower():
                return ally.ally_id
        return name.strip()

    def term(self, label: str) -> TermSpec:
        negotiation = self.current(check=False)
        wanted = label.strip().lower()
        for spec in negotiation.terms.values():
            if wanted in (spec.label.lower(), spec.key):
                return spec
        raise AssertionError(f"no term {label!r} on the table")

    def latest_proposal(self, name: str) -> str:
        party = self.party(name)
        made = [p for p in self.current(check=False).proposals_in_order() if p.from_party == party]
        return made[-1].proposal_id if made else f"a proposal by {name}"

    def value(self, spec: TermSpec, text: str) -> Any:
        """A value as a person writes it ('118,000 EUR', '3 days', '12%', 'yes') in the form the
        application takes (the domain checks it)."""
        text = text.strip()
        if spec.kind is TermKind.MONEY:
            amount, _, currency = text.rpartition(" ")
            return {"amount": amount or currency, "currency": currency if amount else ""}
        if spec.kind in (TermKind.DAYS, TermKind.PERCENT, TermKind.NUMBER):
            return re.sub(r"\s*(%|days?|" + re.escape(spec.unit or "%") + r")$", "", text)
        return text

    def values(self, text: str) -> dict[str, Any]:
        """'base salary 118,000 EUR, remote days 3' -> {'base_salary': {...}, 'remote_days': '3'}."""
        labels = sorted(
            ((s.label.lower(), s) for s in self.current(check=False).terms.values()),
            key=lambda pair: -len(pair[0]),
        )
        out: dict[str, Any] = {}
        for part in re.split(r",\s+", text.strip()):
            for label, spec in labels:
                if part.lower().startswith(label + " "):
                    out[spec.key] = self.value(spec, part[len(label) + 1 :])
                    break
            else:
                raise AssertionError(f"no term on the table starts {part!r}")
        return out

    def stored(self, text: str) -> dict[str, Any]:
        """Values as the negotiation stores them (checked through each term's definition)."""
        negotiation = self.current()
        return {key: negotiation.terms[key].validate(raw, key) for key, raw in self.values(text).items()}
