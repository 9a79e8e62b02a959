"""The progress bar of the long commands (`rebuild-projections`, `verify --all`, `catch-up`).

The work reports (done, total) through a plain callback (``tracker.projections.progress``,
``tracker.audit.verify.verify_all``); ``ProgressBar`` draws it with click's progress bar on the
standard error: counts, percentage, time left and the rate. It stays silent with ``--quiet`` and
when the standard error is not a terminal (cron, a pipe, a test), so the summary lines on the
standard output are all a script sees.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any

import click

REDRAW_SECONDS = 0.1

quiet_option = click.option(
    "--quiet", "-q", is_flag=True, help="No progress bar (it only shows on a terminal anyway)."
)


def is_terminal() -> bool:
    """Whether a progress bar can be drawn: the standard error is a terminal."""
    stream = sys.stderr
    return bool(getattr(stream, "isatty", None) and stream.isatty())


class _Terminal:
    """The standard error as click's bar sees it once ``is_terminal()`` said yes: click asks the
    stream itself, and would draw only the label on anything else."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def isatty(self) -> bool:
        return True

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


class ProgressBar:
    """A ``(done, total)`` callback that draws a bar once the first report arrives (the total is
    known by then). Use it as a context manager so the bar ends with its line."""

    def __init__(self, label: str, unit: str, *, quiet: bool = False) -> None:
        self.label, self.unit = label, unit
        self.shown = not quiet and is_terminal()
        self.bar: Any = None
        self.started = self.drawn = time.monotonic()

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.bar is not None:
            self.bar.render_finish()
            self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if not self.shown or (self.bar is None and total <= 0):
            return  # nothing to do: no bar at all
        now = time.monotonic()
        if self.bar is None:
            self.started = now
            self.bar = click.progressbar(
                length=total,
                label=self.label,
                file=_Terminal(sys.stderr),
                show_pos=True,
                show_percent=True,
                show_eta=True,
                item_show_func=self._rate,
            )
            self.bar.render_progress()
        elif done < max(total, self.bar.length) and now - self.drawn < REDRAW_SECONDS:
            return  # a terminal needs no more than a few frames a second
        self.drawn = now
        self.bar.length = max(total, done)
        self.bar.update(max(done - self.bar.pos, 0), current_item=done)

    def _rate(self, done: int | None) -> str:
        elapsed = time.monotonic() - self.started
        if not done or elapsed <= 0:
            return ""
        return f"{done / elapsed:,.0f} {self.unit}/s"
