"""What the analysis needs from a negotiation's events beyond its state: the priority steps (scores
then and now) and the stated figures (the ledger). Read from one pass over the events, and extended
with newer events by a caller that keeps the last one (tracker.web.pages.analysis.reports)."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.analysis.ledger import Statements, read_statements
from tracker.domain.priority_history import PriorityHistory, priority_history


@dataclass(frozen=True)
class Readings:
    """The priority history and the stated figures, read from the same events."""

    history: PriorityHistory
    statements: Statements

    @property
    def version(self) -> int:
        return self.history.version

    @classmethod
    def read(cls, events: list, before: Readings | None = None) -> Readings:
        return cls(
            priority_history(events, before.history if before else None),
            read_statements(events, before.statements if before else None),
        )
