"""Operator subcommands of `tracker`: `user add`, `token create`, `rebuild-projections`.

Exit codes: 0 done; 2 bad input (invalid email, weak password, unknown user, bad configuration).
"""

from __future__ import annotations

import argparse
import sys
from typing import Callable

from tracker.accounts.errors import EmailTaken
from tracker.accounts.passwords import generate_password
from tracker.config import ConfigError, load_config
from tracker.domain.errors import DomainError, NotFound


def _guarded(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def command(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except (DomainError, NotFound, ConfigError) as error:
            print(f"tracker: {getattr(error, 'message', error)}", file=sys.stderr)
            return 2
    return command


def _user_add(args: argparse.Namespace) -> int:
    from tracker.accounts import build_accounts

    accounts = build_accounts(load_config())
    try:
        password = args.password or generate_password()
        account = accounts.sign_up(args.email, password, args.name, actor="cli")
    except EmailTaken:
        if not args.reset:
            raise
        account = accounts.set_password(args.email, password, actor="cli")
        print(f"reset the password of {account.email}", file=sys.stderr)
    finally:
        accounts.close()
    if not args.password:
        print(password)
    print(f"account {account.email} ({account.display_name})", file=sys.stderr)
    return 0


def _token_create(args: argparse.Namespace) -> int:
    from tracker.accounts import build_accounts

    accounts = build_accounts(load_config())
    try:
        issued = accounts.create_token(args.email, label=args.label, actor="cli")
    finally:
        accounts.close()
    print(issued.token)
    print(f"token {issued.token_id} for {args.email}; it is shown once, keep it safe", file=sys.stderr)
    return 0


def _rebuild(args: argparse.Namespace) -> int:
    from tracker.services import build_people, build_tracker

    config = load_config()
    tracker = build_tracker(config)
    people = build_people(config, tracker)
    try:
        count = people.read_model.rebuild()
    finally:
        people.close()
        tracker.close()
    print(f"rebuilt the read model from {count} events")
    return 0


def add_people_commands(sub: argparse._SubParsersAction) -> None:
    user = sub.add_parser("user", help="manage accounts").add_subparsers(dest="user_command", required=True)
    add = user.add_parser("add", help="create an account (prints a generated password if none is given)")
    add.add_argument("email")
    add.add_argument("--password", help="the password (default: generate one and print it)")
    add.add_argument("--name", help="display name (default: the part of the email before @)")
    add.add_argument("--reset", action="store_true", help="if the account exists, set its password instead")
    add.set_defaults(func=_guarded(_user_add))
    token = sub.add_parser("token", help="manage API tokens").add_subparsers(dest="token_command", required=True)
    create = token.add_parser("create", help="create an API token for an account and print it")
    create.add_argument("email")
    create.add_argument("--label", default="", help="what the token is for")
    create.set_defaults(func=_guarded(_token_create))
    rebuild = sub.add_parser("rebuild-projections", help="rebuild the read model (lists, dashboard) from zero")
    rebuild.set_defaults(func=_guarded(_rebuild))
