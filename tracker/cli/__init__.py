"""The `tracker` command line (click): the group, `serve` and `demo` in group.py, gunicorn in
serving.py, the progress bar and the error exits every area's commands share (progress.py, errors.py).

``main`` is the console script (pyproject's [project.scripts]) and what tests call; it imports the
group when called, so an area's commands can import this package's helpers without a cycle.
"""

from __future__ import annotations

from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Runs `tracker` with ``argv`` (default: the process's arguments); returns the exit code."""
    from tracker.cli.group import main as run

    return run(argv)
