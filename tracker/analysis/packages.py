"""The packages a negotiation has on record: every proposal and every alternative (BATNA candidate).

The proposals' packages are listed once per negotiation state: most of the analysis' parts read
them (a long negotiation has a thousand), so a small process-wide LRU keeps the latest lists, keyed
by what identifies a state exactly (the negotiation, its version and the digest of its newest event,
which covers every event before it)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from cachetools import LRUCache

from tracker.domain.view import NegotiationView

T = TypeVar("T")
STATES_KEPT = 16  # negotiation states whose proposal packages are kept
_LISTED: LRUCache = LRUCache(STATES_KEPT)
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Package:
    """One set of term values to value, score and compare.

    ``key`` is unique in the negotiation: ``"proposal:prop2"`` or ``"alternative:alt1"``."""

    key: str
    kind: str  # "proposal" | "alternative"
    ref: str  # the proposal_id or alternative_id
    label: str  # e.g. "#2 Alex Morgan (candidate)" or "Offer from Contoso"
    values: dict[str, Any]
    party_id: str | None = None  # who made a proposal
    side: str | None = None  # that party's side
    status: str | None = None  # a proposal's status
    status_label: str | None = None  # as a person reads it: "accepted by 1 of 2"
    at: datetime | None = None  # when it was made (occurred_at if given, else recorded)
    order: int = 0  # 1, 2, 3... for proposals in the order they were made; 0 for alternatives

    @property
    def withdrawn(self) -> bool:
        """A withdrawn proposal is no longer on the table: it stays on record, outside the analysis."""
        return self.status == "withdrawn"


def proposal_packages(negotiation: NegotiationView) -> list[Package]:
    """Every proposal as a package, in the order made (a fresh list; the packages are shared)."""
    head = getattr(negotiation, "head_digest", None)
    if not head:  # a state without a chain (not one the store holds): listed each time
        return _proposal_packages(negotiation)
    key = (negotiation.id, negotiation.version, head)
    with _LOCK:
        found = _LISTED.get(key)
    if found is None:
        found = tuple(_proposal_packages(negotiation))
        with _LOCK:
            _LISTED[key] = found
    return list(found)


def _proposal_packages(negotiation: NegotiationView) -> list[Package]:
    out = []
    for number, proposal in enumerate(negotiation.proposals_in_order(), start=1):
        party = negotiation.parties.get(proposal.from_party)
        out.append(
            Package(
                key=f"proposal:{proposal.proposal_id}",
                kind="proposal",
                ref=proposal.proposal_id,
                label=f"#{number} {negotiation.party_name(proposal.from_party)}",
                values=dict(proposal.values),
                party_id=proposal.from_party,
                side=party.side if party else None,
                status=proposal.status,
                status_label=proposal.status_label,
                at=getattr(proposal, "occurred_at", None) or proposal.made_at,
                order=number,
            )
        )
    return out


def on_the_table(packages: list[Package]) -> list[Package]:
    """The packages still on offer: every alternative, every proposal but the withdrawn ones."""
    return [p for p in packages if not p.withdrawn]


def alternative_packages(negotiation: NegotiationView) -> list[Package]:
    return [
        Package(
            key=f"alternative:{alt.alternative_id}",
            kind="alternative",
            ref=alt.alternative_id,
            label=alt.label,
            values=dict(alt.values),
        )
        for alt in negotiation.alternatives.values()
    ]


def all_packages(negotiation: NegotiationView) -> list[Package]:
    return proposal_packages(negotiation) + alternative_packages(negotiation)


def latest_proposal(negotiation: NegotiationView) -> Package | None:
    """The most recent proposal that was not withdrawn."""
    live = on_the_table(proposal_packages(negotiation))
    return live[-1] if live else None


class PerPackage(Mapping[str, T]):
    """{package key: what is worked out for it} for every package, each worked out when first read and
    then kept. Made from its own copies of what it reads, never the negotiation state (which a step
    changes). Threads may share it: two working out one package at once find the same."""

    def __init__(self, packages: list[Package], work: Callable[[Package], T]) -> None:
        self._packages = {p.key: p for p in packages}
        self._work = work
        self._found: dict[str, T] = {}

    def __getitem__(self, key: str) -> T:
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._work(self._packages[key])
        return found

    def __contains__(self, key: object) -> bool:  # without working it out
        return key in self._packages

    def __iter__(self) -> Iterator[str]:
        return iter(self._packages)

    def __len__(self) -> int:
        return len(self._packages)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} packages, {len(self._found)} worked out)"
