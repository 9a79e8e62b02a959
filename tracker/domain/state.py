"""The pieces of a negotiation's current state, rebuilt from its events (and kept in snapshots).

Fields hold plain values (str, Decimal, bool, lists, dicts) so snapshots store them as they are;
enumerations are kept as their string values and read back through the vocabulary enums.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tracker.domain.copying import PlainData
from tracker.domain.vocabulary import ProposalStatus


@dataclass
class Party(PlainData):
    party_id: str
    name: str
    role: str
    side: str
    active: bool = True

    @property
    def display(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


@dataclass
class Aspiration:
    horizon: str
    area: str
    text: str


@dataclass
class Priority(PlainData):
    term_key: str
    weight: int
    target: Any = None
    walk_away: Any = None
    ratings: dict[str, int] = field(default_factory=dict)
    party_id: str | None = None  # None: the owner's own priorities


@dataclass
class Research:
    research_id: str
    term_key: str | None
    source: str
    low: Any = None
    typical: Any = None
    high: Any = None
    text: str = ""
    link: str = ""


@dataclass
class Ally(PlainData):
    ally_id: str
    name: str
    relationship: str
    stance: str
    note: str = ""
    actions: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Alternative(PlainData):
    alternative_id: str
    label: str
    kind: str
    values: dict[str, Any]
    deadline: str | None = None
    notes: str = ""


@dataclass
class Proposal(PlainData):
    proposal_id: str
    from_party: str
    to_parties: list[str]
    values: dict[str, Any]
    rationale: str
    in_reply_to: str | None
    made_version: int
    made_at: datetime
    status: str = ProposalStatus.OPEN.value
    accepted_by: list[str] = field(default_factory=list)
    responses: list[dict[str, Any]] = field(default_factory=list)
    occurred_at: datetime | None = None  # when it was really made, if the user gave it

    @property
    def is_open(self) -> bool:
        return self.status == ProposalStatus.OPEN.value

    @property
    def awaiting(self) -> list[str]:
        return [p for p in self.to_parties if p not in self.accepted_by]

    @property
    def status_label(self) -> str:
        """The status as a person reads it: an open proposal some have accepted is "accepted by 1 of 2"."""
        if self.is_open and self.accepted_by:
            return f"accepted by {len(self.accepted_by)} of {len(self.to_parties)}"
        return self.status


@dataclass
class Interaction:
    channel: str
    participants: list[str]
    summary: str
    tone: str
    occurred_at: datetime | None
    version: int


@dataclass
class Note:
    text: str
    version: int


@dataclass
class PackageRating:
    """A whole package the owner rated 0-100 by feel, to check the weights against (calibration)."""

    rating_id: str
    label: str
    values: dict[str, Any]
    rating: int


@dataclass
class ValueEntry:
    """One piece of the owner's value case: what it is, and the asks (terms) it supports."""

    entry_id: str
    kind: str  # ValueKind: achievement, evidence, skill, market_data
    text: str
    link: str = ""
    supports: list[str] = field(default_factory=list)


STATE_CLASSES = (
    Party,
    Aspiration,
    Priority,
    Research,
    Ally,
    Alternative,
    Proposal,
    Interaction,
    Note,
    PackageRating,
    ValueEntry,
)
