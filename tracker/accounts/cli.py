"""Account subcommands of `tracker`: `user add` and `token create`.

Exit codes: 0 done; 2 bad input (invalid email, weak password, an account that exists already,
unknown user, bad configuration).
"""

from __future__ import annotations

from typing import Any

import click

from tracker.accounts.errors import EmailTaken
from tracker.accounts.passwords import generate_password
from tracker.cli.errors import exits_on
from tracker.config import load_config


def _accounts() -> Any:
    from tracker.accounts import build_accounts

    return build_accounts(load_config())


@click.group("user")
def user() -> None:
    """Manage accounts."""


@user.command("add", short_help="Create an account (prints a generated password if none is given).")
@click.argument("email")
@click.option("--password", metavar="PASSWORD", help="The password (default: generate one and print it).")
@click.option("--name", metavar="NAME", help="Display name (default: the part of the email before @).")
@click.option("--reset", is_flag=True, help="If the account exists, set its password instead.")
@exits_on()
def user_add(email: str, password: str | None, name: str | None, reset: bool) -> None:
    """Create an account for EMAIL (prints a generated password if none is given).

    The password goes to the standard output, the account's summary to the standard error."""
    accounts = _accounts()
    chosen = password or generate_password()
    try:
        account = accounts.sign_up(email, chosen, name, actor="cli")
    except EmailTaken:
        if not reset:
            raise
        account = accounts.set_password(email, chosen, actor="cli")
        click.echo(f"reset the password of {account.email}", err=True)
    finally:
        accounts.close()
    if not password:
        click.echo(chosen)
    click.echo(f"account {account.email} ({account.display_name})", err=True)


@click.group("token")
def token() -> None:
    """Manage API tokens."""


@token.command("create")
@click.argument("email")
@click.option(
    "--label", metavar="LABEL", default="", help="What the token is for (shown in the account's token list)."
)
@exits_on()
def token_create(email: str, label: str) -> None:
    """Create an API token for the account EMAIL and print it (it is shown once)."""
    accounts = _accounts()
    try:
        issued = accounts.create_token(email, label=label, actor="cli")
    finally:
        accounts.close()
    click.echo(issued.token)
    click.echo(f"token {issued.token_id} for {email}; it is shown once, keep it safe", err=True)


COMMANDS = (user, token)
