"""The read model's subcommands of `tracker`: `catch-up` and `rebuild-projections`.

Every list and dashboard query catches the read model up first, in the web process, so neither is
required. On a busy installation `catch-up --follow` keeps it caught up from its own process, so
those queries find little left to do; without ``--follow`` it catches up once and prints how many
events it projected (after restoring a backup, or from cron). `rebuild-projections` empties the
read model and projects every event again.

Exit codes: 0 done; 2 bad configuration.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from tracker.cli.errors import exits_on
from tracker.cli.progress import ProgressBar, quiet_option
from tracker.cli.stopping import wait_until_stopped


@contextmanager
def _people() -> Iterator[Any]:
    from tracker.bootstrap import build_people, build_tracker
    from tracker.config import load_config

    config = load_config()
    tracker = build_tracker(config)
    people = build_people(config, tracker)
    try:
        yield people
    finally:
        people.close()
        tracker.close()


@click.command("catch-up", short_help="Bring the read model up to date; --follow keeps doing it.")
@click.option("--follow", is_flag=True, help="Keep polling for new events until stopped (SIGTERM or Ctrl-C).")
@click.option(
    "--interval",
    type=float,
    metavar="SECONDS",
    default=2.0,
    show_default=True,
    help="Seconds between polls with --follow.",
)
@quiet_option
@exits_on()
def catch_up(follow: bool, interval: float, quiet: bool) -> None:
    """Bring the read model (lists, dashboards) up to date; --follow keeps doing it (its own process)."""
    with _people() as people:
        with ProgressBar("Catching up", "events", quiet=quiet or follow) as progress:
            count = people.read_model.catch_up(progress=progress)
        click.echo(f"projected {count} events")
        sys.stdout.flush()
        if follow:
            follow_events(people, interval)


def follow_events(people: Any, interval: float, stop: threading.Event | None = None) -> None:
    """Polls every ``interval`` seconds until SIGTERM or SIGINT (or ``stop`` is set)."""
    runner = people.start_catch_up(interval)
    try:
        wait_until_stopped(stop)
    finally:
        runner.stop()
    if runner.error is not None:
        click.echo(f"tracker catch-up: the last round failed: {runner.error}", err=True)


@click.command("rebuild-projections", short_help="Rebuild the read model (lists, dashboard) from zero.")
@quiet_option
@exits_on()
def rebuild_projections(quiet: bool) -> None:
    """Rebuild the read model (lists, dashboard) from zero, from every stored event."""
    with _people() as people:
        with ProgressBar("Rebuilding", "events", quiet=quiet) as progress:
            count = people.read_model.rebuild(progress=progress)
    click.echo(f"rebuilt the read model from {count} events")


COMMANDS = (catch_up, rebuild_projections)
