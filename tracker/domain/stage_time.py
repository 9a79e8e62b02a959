"""Time in stage: the spans a negotiation spent in each stage, read from its events.

A stage is entered when an event's ``evolve`` changes ``stage_value`` (Started enters the first one);
a reopened negotiation enters a stage again, so a stage may have several spans. A step's time is when
it happened if given (``occurred_at``), else when it was recorded; a step backdated before the stage
it ends was entered ends that stage the moment it began (spans never run backwards).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tracker.domain.vocabulary import Stage

DAY_SECONDS = 86_400


@dataclass(frozen=True)
class StageSpan:
    """One stay in a stage: ``left`` is None while it is the negotiation's current stage."""

    stage: Stage
    entered: datetime
    left: datetime | None = None

    @property
    def is_current(self) -> bool:
        return self.left is None

    def days(self, now: datetime) -> float:
        """Days spent in the stage; the current one counts up to ``now``."""
        end = self.left if self.left is not None else max(now, self.entered)
        return (end - self.entered).total_seconds() / DAY_SECONDS


def step_time(event: Any) -> datetime:
    """When a step happened: its ``occurred_at`` if given, else when it was recorded."""
    return event.occurred_at or event.timestamp


def stage_entries(events: Iterable[Any]) -> list[tuple[str, datetime]]:
    """(stage, when entered) for each change of stage in ``events`` (a negotiation's events from its
    first), folded into the aggregate with the domain's own rules."""
    state, entries = None, []
    for event in events:
        before = None if state is None else state.stage_value
        state = event.mutate(state)
        if state.stage_value != before:
            entries.append((state.stage_value, step_time(event)))
    return entries


def spans_from(entries: Sequence[tuple[str, datetime]]) -> list[StageSpan]:
    """The spans between consecutive entries; the last one is current."""
    spans: list[StageSpan] = []
    for stage, entered in entries:
        if spans:
            previous = spans[-1]
            entered = max(entered, previous.entered)
            spans[-1] = StageSpan(previous.stage, previous.entered, entered)
        spans.append(StageSpan(Stage(stage), entered))
    return spans


def stage_spans(events: Iterable[Any]) -> list[StageSpan]:
    """A negotiation's time in stage, from its events."""
    return spans_from(stage_entries(events))
