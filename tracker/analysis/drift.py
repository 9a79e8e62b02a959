"""Scores then and now: each recorded package scored against the owner's priorities in force when it
was recorded as well as against today's, and the priority steps in between that explain a difference
("this offer scored 64 when it arrived; against today's priorities 71, because Remote days went from
weight 20 to 40"). Priorities change as a negotiation goes on; without this an early offer silently
looks better or worse than it looked when it came.

The priority steps come from the events (tracker.domain.priority_history); the analysis only reads them.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cached_property
from typing import Any

from tracker.analysis.packages import all_packages
from tracker.analysis.scoring import OWNER, score_values, show
from tracker.analysis.worked_out import equal_with
from tracker.domain.priority_history import PriorityHistory, PriorityStep
from tracker.domain.state import Priority
from tracker.domain.view import NegotiationView

MOVED = Decimal("0.5")  # a change of score smaller than this does not show in whole points


@dataclass(frozen=True)
class PriorityChange:
    term_key: str
    label: str
    version: int
    recorded_at: datetime
    words: str  # "weight 20 → 40", "target 3 days → 4 days"


@dataclass(frozen=True)
class ScoreThenAndNow:
    package_key: str
    label: str
    version: int  # when the package was recorded
    recorded_at: datetime | None
    then: Decimal | None  # against the priorities in force then (None: nothing could be scored)
    now: Decimal | None
    changes: list[PriorityChange] = field(default_factory=list)  # the steps between, on its terms

    @property
    def score_moved(self) -> bool:
        if self.then is None or self.now is None:
            return self.then != self.now
        return abs(self.now - self.then) >= MOVED

    @cached_property
    def sentence(self) -> str:
        """What happened to its score, in a sentence (written when first read: the negotiation page
        shows the scores of a few rows, the analysis page every sentence)."""
        then, now = show(self.then), show(self.now)
        if not self.score_moved:
            return f"{self.label} scores {now}, as when it came."
        if self.then is None:
            return (
                f"{self.label} could not be scored when it came (no priorities then); today it scores {now}."
            )
        why = "; ".join(f"{c.label}: {c.words} (version {c.version})" for c in self.changes)
        return f"{self.label} scored {then} when it came; against today's priorities {now}" + (
            f", because {why}." if why else "."
        )


@dataclass(frozen=True)
class Drift:
    """The summary and the rows whose score moved (``moved``), worked out at once; every row
    (``rows``) when first read: the negotiation page shows the summary and a few moved rows, the
    analysis page every row. A package scored against the same priorities then as now did not move,
    so the summary scores only the packages whose priorities changed since they came."""

    summary: str
    _moved: list[ScoreThenAndNow] = field(default_factory=list, repr=False, compare=False)
    _rows: Callable[[], list[ScoreThenAndNow]] = field(default=list, repr=False, compare=False)

    @property
    def moved(self) -> list[ScoreThenAndNow]:
        return self._moved

    @cached_property
    def rows(self) -> list[ScoreThenAndNow]:
        return self._rows()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Drift):
            return NotImplemented
        return equal_with(self, other, "rows")


def drift(negotiation: NegotiationView, history: PriorityHistory | None) -> Drift:
    if history is None:
        return Drift("")
    versions = {f"proposal:{p.proposal_id}": p.made_version for p in negotiation.proposals.values()}
    versions |= {f"alternative:{a}": v for a, v in history.alternatives.items()}
    own_now = copy.deepcopy(dict(negotiation.priorities.get(OWNER, {})))  # its own: rows come later
    specs = dict(negotiation.terms)
    steps = [s for s in history.steps if s.whose == OWNER]
    now_items = list(own_now.items())
    listed = [
        (package, version, _recorded(negotiation, package.key))
        for package in all_packages(negotiation)
        if (version := versions.get(package.key)) is not None
    ]

    def row(
        package: Any,
        version: int,
        recorded: datetime | None,
        then_priorities: dict[str, Priority] | None = None,
    ) -> ScoreThenAndNow:
        if then_priorities is None:
            then_priorities = priorities_at(steps, version)
        now = score_values(package.values, specs, own_now).score
        # the same priorities, in the same order, score the same: scored once
        same = list(then_priorities.items()) == now_items
        then = now if same else score_values(package.values, specs, then_priorities).score
        changes = [
            _change(s, then_priorities, specs[s.term_key].label, steps)
            for s in steps
            if s.version > version and s.term_key in package.values and s.term_key in specs
        ]
        return ScoreThenAndNow(package.key, package.label, version, recorded, then, now, changes)

    def rows() -> list[ScoreThenAndNow]:
        return [row(*item) for item in listed]

    moved = []
    for item in listed:
        then_priorities = priorities_at(steps, item[1])
        if list(then_priorities.items()) != now_items:  # the same priorities cannot move a score
            found = row(*item, then_priorities)
            if found.score_moved:
                moved.append(found)
    if not listed:
        summary = ""
    elif not moved:
        summary = (
            "Every package scores the same against today's priorities as against those in force when it came."
        )
    else:
        summary = (
            f"{len(moved)} of {len(listed)} packages score differently against today's priorities than "
            "against those in force when they came."
        )
    return Drift(summary, moved, rows)


def priorities_at(steps: list[PriorityStep], version: int) -> dict[str, Priority]:
    """The owner's priorities as they stood at ``version``."""
    found: dict[str, Priority] = {}
    for step in steps:
        if step.version <= version:
            found[step.term_key] = Priority(
                step.term_key, step.weight, step.target, step.walk_away, dict(step.ratings), None
            )
    return found


def _change(
    step: PriorityStep, then: dict[str, Priority], label: str, steps: list[PriorityStep]
) -> PriorityChange:
    before = next(
        (s for s in reversed(steps) if s.term_key == step.term_key and s.version < step.version), None
    )
    parts = []
    if before is None:
        parts.append(f"set for the first time (weight {step.weight})")
    else:
        if before.weight != step.weight:
            parts.append(f"weight {before.weight} → {step.weight}")
        if before.target != step.target:
            parts.append("target changed")
        if before.walk_away != step.walk_away:
            parts.append("walk-away point changed")
        if before.ratings != step.ratings:
            parts.append("ratings changed")
    words = ", ".join(parts) or "set again, unchanged"
    return PriorityChange(step.term_key, label, step.version, step.recorded_at, words)


def _recorded(negotiation: NegotiationView, key: str) -> datetime | None:
    kind, _, ref = key.partition(":")
    if kind == "proposal" and ref in negotiation.proposals:
        return negotiation.proposals[ref].made_at
    return None
