"""A small, independent model of a negotiation for the random-history test: its state, and the
rules of the table (parties, terms, notes). ``history_bargaining`` adds the bargaining rules.

For each step the model predicts, without asking the domain, whether the step must be accepted
(and how many events it stores) or refused (and with which kinds of DomainError). The test then
compares the prediction with what the application service did, so a rule broken in the domain
shows up as a mismatch, not just as a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tracker.domain.errors import InvalidValue, NegotiationClosed, UnknownParty, UnknownTerm

OPEN_STAGES = ("preparing", "offer_received", "negotiating")
OUTCOMES = ("agreed", "declined", "walked_away", "withdrawn", "stalled")
SIDES = ("owner", "counterpart", "advisor", "neutral")


@dataclass
class ModelParty:
    party_id: str
    name: str
    side: str
    active: bool = True


@dataclass
class ModelProposal:
    proposal_id: str
    from_party: str
    to_parties: list[str]
    values: dict[str, Any] = field(default_factory=dict)  # the terms it covers: see Model.token
    status: str = "open"
    accepted_by: list[str] = field(default_factory=list)


@dataclass
class Prediction:
    """Refusal reasons (empty: the step must be accepted), events it stores, and its effect."""

    reasons: set[type] = field(default_factory=set)
    events: int = 1
    value: Any = None
    effect: Callable[[], None] | None = None

    @property
    def valid(self) -> bool:
        return not self.reasons


@dataclass
class TableModel:
    terms: set[str] = field(default_factory=set)
    currencies: dict[str, str] = field(default_factory=dict)  # of the money terms
    options: dict[str, tuple[str, ...]] = field(default_factory=dict)  # of the choice terms
    stage: str = "preparing"
    version: int = 1
    parties: dict[str, ModelParty] = field(default_factory=dict)
    proposals: dict[str, ModelProposal] = field(default_factory=dict)
    request_ids: dict[str, int] = field(default_factory=dict)

    @property
    def closed(self) -> bool:
        return self.stage not in OPEN_STAGES

    def token(self, key: str, raw: Any) -> Any:
        """What a value must keep matching to fit its term: a currency, or the option chosen."""
        return self.currencies.get(key) if key in self.currencies else raw if key in self.options else None

    def fits(self, key: str, token: Any) -> bool:
        if key not in self.terms:
            return False
        if key in self.currencies:
            return self.currencies[key] == token
        return token in self.options[key] if key in self.options else True

    def is_active(self, party: object) -> bool:
        return isinstance(party, str) and party in self.parties and self.parties[party].active

    def _common(self, actor_ok: bool, when_ok: bool, closed_matters: bool = True) -> set[type]:
        reasons: set[type] = set()
        if not actor_ok or not when_ok:
            reasons.add(InvalidValue)
        if closed_matters and self.closed:
            reasons.add(NegotiationClosed)
        return reasons

    # -- predictions: the table ------------------------------------------------------------------
    def join_party(
        self, name: object, side: object, actor_ok: bool = True, when_ok: bool = True
    ) -> Prediction:
        reasons = self._common(actor_ok, when_ok)
        text = name.strip() if isinstance(name, str) else ""
        if not text or any(p.active and p.name.lower() == text.lower() for p in self.parties.values()):
            reasons.add(InvalidValue)
        if side not in SIDES:
            reasons.add(InvalidValue)
        party_id = f"p{len(self.parties) + 1}"

        def effect() -> None:
            self.parties[party_id] = ModelParty(party_id, text, str(side))

        return Prediction(reasons, 1, party_id, effect)

    def leave_party(self, party_id: object, actor_ok: bool = True, when_ok: bool = True) -> Prediction:
        reasons = self._common(actor_ok, when_ok)
        if not self.is_active(party_id):
            reasons.add(UnknownParty)
        if any(
            p.status == "open" and (p.from_party == party_id or party_id in p.to_parties)
            for p in self.proposals.values()
        ):
            reasons.add(InvalidValue)

        def effect() -> None:
            self.parties[str(party_id)].active = False

        return Prediction(reasons, 1, None, effect)

    def add_term(
        self,
        key: str,
        currency: str | None = None,
        currency_ok: bool = True,
        actor_ok: bool = True,
        when_ok: bool = True,
        options: tuple[str, ...] | None = None,
    ) -> Prediction:
        reasons = self._common(actor_ok, when_ok)
        if key in self.terms or not currency_ok:
            reasons.add(InvalidValue)

        def effect() -> None:
            self.terms.add(key)
            if currency:
                self.currencies[key] = currency.strip().upper()
            if options:
                self.options[key] = tuple(options)

        return Prediction(reasons, 1, None, effect)

    def revise_term(
        self, key: str, options: tuple[str, ...], actor_ok: bool = True, when_ok: bool = True
    ) -> Prediction:
        reasons = self._common(actor_ok, when_ok)
        if key not in self.terms:
            reasons.add(UnknownTerm)
        elif options == self.options[key]:
            reasons.add(InvalidValue)  # nothing changed
        if any(
            p.status == "open" and key in p.values and p.values[key] not in options
            for p in self.proposals.values()
        ):
            reasons.add(InvalidValue)  # an open proposal offers an option left out

        def effect() -> None:
            self.options[key] = options

        return Prediction(reasons, 1, None, effect)

    def remove_term(self, key: str, actor_ok: bool = True, when_ok: bool = True) -> Prediction:
        reasons = self._common(actor_ok, when_ok)
        if key not in self.terms:
            reasons.add(UnknownTerm)
        if any(p.status == "open" and key in p.values for p in self.proposals.values()):
            reasons.add(InvalidValue)

        def effect() -> None:
            self.terms.discard(key)

        return Prediction(reasons, 1, None, effect)

    def add_note(self, text_ok: bool, actor_ok: bool = True, when_ok: bool = True) -> Prediction:
        reasons = self._common(actor_ok, when_ok)
        if not text_ok:
            reasons.add(InvalidValue)
        return Prediction(reasons, 1)

    def record_lessons(self, text_ok: bool, actor_ok: bool = True, when_ok: bool = True) -> Prediction:
        reasons = self._common(actor_ok, when_ok, closed_matters=False)
        if not text_ok:
            reasons.add(InvalidValue)
        return Prediction(reasons, 1)


def values_reasons(
    values: object, drawn_ok: dict[str, bool], terms: set[str], empty_ok: bool = False
) -> set[type]:
    """Why a values mapping must be refused: not a mapping, empty, an unknown term, a bad value."""
    if not isinstance(values, dict):
        return {InvalidValue}
    reasons: set[type] = set()
    if not values and not empty_ok:
        reasons.add(InvalidValue)
    for key in values:
        if key not in terms:
            reasons.add(UnknownTerm)
        elif not drawn_ok[key]:
            reasons.add(InvalidValue)
    return reasons
