"""`tracker notify`: runs the outbox once (new events to deliveries, then the sends that are due),
or with ``--follow`` keeps running it until stopped. `tracker serve` runs the same rounds in each
worker (``notify_in_serve``), so this is for an installation that turns that off and runs one
outbox process of its own.

Exit codes: 0 done; 2 bad configuration.
"""

from __future__ import annotations

import click

from tracker.cli.errors import exits_on
from tracker.cli.stopping import wait_until_stopped
from tracker.notify.runner import OutboxRunner
from tracker.notify.store import EMAIL, FAILED, IN_APP, QUEUED, SENT, WEBHOOK


@click.command("notify", short_help="Tell people and systems of new steps; --follow keeps doing it.")
@click.option("--follow", is_flag=True, help="Keep running until stopped (SIGTERM or Ctrl-C).")
@click.option(
    "--interval", type=float, metavar="SECONDS", default=None, help="Seconds between rounds with --follow."
)
@exits_on()
def notify(follow: bool, interval: float | None) -> None:
    """Turn new events into notifications, emails and webhook calls, and send what is due."""
    from tracker.config import load_config
    from tracker.projections.cli import _people

    with _people() as people:
        outbox = people.outbox
        if not follow:
            made, tried = outbox.run_once()
            click.echo(f"handled {made} events; tried {tried} deliveries")
            counts = outbox.store.counts()
            for channel in (IN_APP, EMAIL, WEBHOOK):
                line = ", ".join(f"{counts.get((channel, s), 0)} {s}" for s in (SENT, QUEUED, FAILED))
                click.echo(f"  {channel}: {line}")
            return
        every = interval or float(load_config().get("notify_interval_seconds") or 1)
        runner = OutboxRunner(outbox, every).start()
        click.echo("following the event log; Ctrl-C to stop")
        try:
            wait_until_stopped()
        finally:
            runner.stop()


COMMANDS = (notify,)
