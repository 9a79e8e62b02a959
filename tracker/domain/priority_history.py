"""The priority steps of a negotiation's history, read from its events: who set which term's weight,
target and walk-away point at which version, and at which version each alternative was logged. The
aggregate keeps only the priorities as they stand; scoring a package against the priorities in force
when it was recorded (tracker.analysis.drift) needs these. The caller reads the events (the
application service's ``events.get``); this only looks at them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tracker.domain import events as ev


@dataclass(frozen=True)
class PriorityStep:
    """One change of one side's priority on one term (a calibration gives one per weight it changes)."""

    version: int
    recorded_at: datetime
    whose: str  # "owner" or a party id
    term_key: str
    weight: int
    target: Any = None
    walk_away: Any = None
    ratings: tuple[tuple[str, int], ...] = ()
    calibrated: bool = False  # a weight taken from a calibration (target and walk-away unchanged)


@dataclass(frozen=True)
class PriorityHistory:
    steps: tuple[PriorityStep, ...]
    alternatives: dict[str, int]  # alternative id -> the version that logged it
    version: int = 0  # the newest version read


def priority_history(
    events: Iterable[ev.NegotiationEvent], before: PriorityHistory | None = None
) -> PriorityHistory:
    """Every priority step in ``events`` (a negotiation's, oldest first), after those of ``before``
    (the history up to the version before the first of ``events``, when a reader keeps one)."""
    steps: list[PriorityStep] = list(before.steps) if before else []
    alternatives: dict[str, int] = dict(before.alternatives) if before else {}
    current: dict[tuple[str, str], PriorityStep] = {(s.whose, s.term_key): s for s in steps}
    last = before.version if before else 0
    for event in events:
        version, at = event.originator_version, event.timestamp
        last = version
        if isinstance(event, ev.PrioritySet):
            step = PriorityStep(
                version,
                at,
                event.party_id or "owner",
                event.term_key,
                event.weight,
                event.target,
                event.walk_away,
                tuple(sorted((event.ratings or {}).items())),
            )
        elif isinstance(event, ev.WeightsCalibrated):
            for key, weight in event.weights.items():
                before = current.get(("owner", key))
                if before is not None and before.weight != weight:
                    step = PriorityStep(
                        version,
                        at,
                        "owner",
                        key,
                        weight,
                        before.target,
                        before.walk_away,
                        before.ratings,
                        True,
                    )
                    steps.append(step)
                    current[("owner", key)] = step
            continue
        elif isinstance(event, ev.AlternativeLogged):
            alternatives[event.alternative_id] = version
            continue
        else:
            continue
        steps.append(step)
        current[(step.whose, step.term_key)] = step
    return PriorityHistory(tuple(steps), alternatives, last)
