"""The `tracker` command group: `serve` and `demo` here, the other subcommands from their areas
(accounts/cli.py, audit/cli.py, projections/cli.py).

A click group, as Flask's own `flask` command is: each command builds what it needs from the
configuration (TRACKER_* variables) when it runs, `serve --dev` the Flask app with create_app.
``main(argv)`` runs it and returns the exit code, so tests and the console script share it.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from tracker.accounts.cli import COMMANDS as ACCOUNT_COMMANDS
from tracker.audit.cli import COMMANDS as AUDIT_COMMANDS
from tracker.cli.errors import exits_on, fail
from tracker.config import load_config
from tracker.eventstore.errors import StoreUnavailable
from tracker.notify.cli import COMMANDS as NOTIFY_COMMANDS
from tracker.projections.cli import COMMANDS as PROJECTION_COMMANDS

STORE_FAILED = 1
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group("tracker", context_settings=CONTEXT)
def cli() -> None:
    """Event-sourced negotiation tracker.

    Every command works on the store the configuration names (TRACKER_STORE, TRACKER_DATA_DIR, ...).
    Exit codes: 0 done; 1 a broken chain, a refused import, or a store that cannot be opened or
    written; 2 bad input, an unknown user or negotiation, or a bad configuration."""


@cli.command("serve", short_help="Start the web app on the configured store.")
@click.option("--host", metavar="HOST", help="Address to listen on (default: config host).")
@click.option("--port", type=int, metavar="PORT", help="Port to listen on (default: config port).")
@click.option("--workers", type=int, metavar="N", help="Gunicorn worker processes (default: config workers).")
@click.option("--dev", is_flag=True, help="Flask's development server with reloader and debugger.")
@exits_on()
def serve(host: str | None, port: int | None, workers: int | None, dev: bool) -> None:
    """Start the web app on the configured store (gunicorn; --dev: Flask's server)."""
    config = load_config()
    host, port = host or config["host"], port or config["port"]
    if dev:
        from tracker import create_app

        create_app().run(host=host, port=port, debug=True)
        return
    from tracker.bootstrap import check_store
    from tracker.cli.serving import serve as run

    check_store(config)  # one line and exit 1 when the store cannot be opened (main)
    run(
        host,
        port,
        workers=workers or config["workers"],
        threads=config["threads"],
        header_timeout=float(config["header_timeout_seconds"]),
    )


@cli.command("demo")
@click.option("--owner", metavar="EMAIL", help="The account that owns the sample (signed up first).")
@exits_on()
def demo(owner: str | None) -> None:
    """Load a sample negotiation and print its id."""
    from tracker.bootstrap import build_tracker
    from tracker.demo import ACTOR, load_demo

    config = load_config()
    if owner:
        owner = _account_email(config, owner)
    tracker = build_tracker(config)
    try:
        click.echo(load_demo(tracker, actor=owner or ACTOR, their_priorities=True, money_schedules=True))
    finally:
        tracker.close()
    if not owner:
        click.echo(
            f"the sample belongs to {ACTOR}; `tracker demo --owner YOUR-EMAIL` makes one you can open",
            err=True,
        )


def _account_email(config: dict, owner: str) -> str:
    """The stored email of ``owner``'s account; exit 2 when there is none."""
    from tracker.accounts import build_accounts

    accounts = build_accounts(config)
    try:
        account = accounts.get_user(owner)
    finally:
        accounts.close()
    if account is None:
        fail(f"no account for {owner}: sign up in the app first (or `tracker user add {owner}`)")
    return account.email


for command in (*AUDIT_COMMANDS, *ACCOUNT_COMMANDS, *PROJECTION_COMMANDS, *NOTIFY_COMMANDS):
    cli.add_command(command)


def main(argv: Sequence[str] | None = None) -> int:
    """Runs `tracker` with ``argv`` (default: the process's arguments); returns the exit code."""
    try:
        result = cli.main(
            args=list(argv) if argv is not None else None, prog_name="tracker", standalone_mode=False
        )
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.Abort:
        click.echo("Aborted!", err=True)
        return 1
    except StoreUnavailable as error:  # any command that opens the store
        return store_failure(error.message)
    except Exception as error:
        problem = _open_problem(error)
        if problem is None:
            raise
        return store_failure(problem)
    return result if isinstance(result, int) else 0


def store_failure(message: str) -> int:
    click.echo(f"tracker: {message}", err=True)
    return STORE_FAILED


def _open_problem(error: Exception) -> str | None:
    """A store error outside bootstrap's builders (a command opening one store on its own)."""
    from tracker.eventstore.opening import open_problem

    try:
        return open_problem(error, load_config())
    except Exception:  # the configuration itself is broken: keep the original error
        return None
