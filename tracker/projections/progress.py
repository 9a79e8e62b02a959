"""How far a catch-up or a rebuild has come, for a caller that shows it (`tracker rebuild-projections`
and `tracker catch-up` draw a progress bar on a terminal).

A ``Progress`` callback gets (done, total) in notifications. The projection reports the position it
reached in each upstream log; ``reporter`` turns those into counts against the logs' newest
notification ids read when it started (events written meanwhile raise the total as they come).
Without a callback nothing is read or counted: the projection behaves exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from tracker.projections.summaries import NegotiationSummaries

Progress = Callable[[int, int], object]  # (notifications done, notifications in all)
Advance = Callable[[str, int], None]  # (upstream name, notification id reached)


def no_advance(name: str, position: int) -> None:
    """The reporter when nobody asked for progress."""


def reporter(summaries: NegotiationSummaries, progress: Progress | None, *, from_zero: bool) -> Advance:
    """An ``Advance`` that calls ``progress`` with the notifications done since now (``from_zero``:
    since the first notification, as a rebuild reads them) and the notifications there are to do."""
    if progress is None:
        return no_advance
    start = {
        name: 0 if from_zero else summaries.view.max_tracking_id(summaries.key(name)) or 0
        for name in summaries.upstreams
    }
    newest = {name: app.recorder.max_notification_id() or 0 for name, app in summaries.upstreams.items()}
    reached = dict(start)
    total = sum(max(newest[name], start[name]) for name in start) - sum(start.values())

    def advance(name: str, position: int) -> None:
        reached[name] = max(reached[name], position)
        done = sum(reached.values()) - sum(start.values())
        progress(done, max(total, done))

    progress(0, total)
    return advance
