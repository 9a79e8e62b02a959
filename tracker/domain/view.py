"""The read-only shape of a negotiation: what the analysis, the step sentences (describe) and the web
pages read. The Negotiation aggregate satisfies it; so does anything built to stand in for it.

``StepNames`` is the smaller part a step's sentence needs (names of parties, terms, allies,
proposals): a summary row's RowState (tracker.projections.rowstate) provides that much, not the
whole view.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from tracker.domain.state import (
    Ally,
    Alternative,
    Aspiration,
    Interaction,
    Note,
    Party,
    Priority,
    Proposal,
    Research,
)
from tracker.domain.terms import TermSpec
from tracker.domain.vocabulary import NegotiationKind, OpportunityType, Stage


class StepNames(Protocol):
    """What describe() reads to name the things a step is about."""

    @property
    def allies(self) -> Mapping[str, Ally]: ...

    def party_name(self, party_id: str) -> str: ...

    def term_spec(self, key: str) -> TermSpec | None: ...

    def proposal_name(self, proposal_id: str | None, *, first: bool = False) -> str: ...


class NegotiationView(StepNames, Protocol):
    """A negotiation as it stands (now or at a version), read and never changed."""

    @property
    def id(self) -> UUID: ...
    @property
    def version(self) -> int: ...
    @property
    def created_on(self) -> datetime: ...
    @property
    def modified_on(self) -> datetime: ...
    @property
    def title(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def owner(self) -> str: ...
    @property
    def stage(self) -> Stage: ...
    @property
    def kind(self) -> NegotiationKind: ...
    @property
    def opportunity_type(self) -> OpportunityType: ...
    @property
    def aspirations(self) -> Sequence[Aspiration]: ...
    @property
    def parties(self) -> Mapping[str, Party]: ...
    @property
    def terms(self) -> Mapping[str, TermSpec]: ...
    @property
    def removed_terms(self) -> Mapping[str, TermSpec]: ...
    @property
    def priorities(self) -> Mapping[str, Mapping[str, Priority]]: ...  # whose ("owner" or a party) -> term
    @property
    def research(self) -> Sequence[Research]: ...
    @property
    def alternatives(self) -> Mapping[str, Alternative]: ...
    @property
    def proposals(self) -> Mapping[str, Proposal]: ...
    @property
    def interactions(self) -> Sequence[Interaction]: ...
    @property
    def notes(self) -> Sequence[Note]: ...
    @property
    def lessons(self) -> Sequence[str]: ...
    @property
    def final_terms(self) -> Mapping[str, Any]: ...  # term key -> stored value (money, decimal, text...)
    @property
    def agreed_proposal(self) -> str | None: ...

    def active_parties(self) -> Mapping[str, Party]: ...

    def proposals_in_order(self) -> list[Proposal]: ...

    def proposal_number(self, proposal_id: str | None) -> int | None: ...

    def latest_positions(self) -> dict[str, dict[str, Any]]: ...

    def owner_priorities(self) -> Mapping[str, Priority]: ...
