"""The `tracker` command: serve, demo, export (and more as the product grows)."""

from __future__ import annotations

import argparse
import sys
from typing import Any, Sequence

from tracker.accounts.commands import add_people_commands
from tracker.audit.commands import add_audit_commands
from tracker.config import load_config
from tracker.projections.commands import add_projection_commands
from tracker.services import build_tracker


def _serve(args: argparse.Namespace) -> int:
    config = load_config()
    host, port = args.host or config["host"], args.port or config["port"]
    if args.dev:
        from tracker import create_app

        create_app().run(host=host, port=port, debug=True)
        return 0
    from tracker.serving import serve

    serve(host, port, workers=args.workers or config["workers"], threads=config["threads"])
    return 0


def _demo(args: argparse.Namespace) -> int:
    from tracker.accounts import build_accounts
    from tracker.demo import ACTOR, load_demo

    config = load_config()
    owner = args.owner
    if owner:
        accounts = build_accounts(config)
        try:
            account = accounts.get_user(owner)
        finally:
            accounts.close()
        if account is None:
            print(f"tracker: no account for {owner}: sign up in the app first (or `tracker user add {owner}`)",
                  file=sys.stderr)
            return 2
        owner = account.email
    tracker = build_tracker(config)
    try:
        print(load_demo(tracker, actor=owner or ACTOR))
    finally:
        tracker.close()
    if not owner:
        print(f"the sample belongs to {ACTOR}; `tracker demo --owner YOUR-EMAIL` makes one you can open",
              file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tracker", description="Event-sourced negotiation tracker")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="start the web app on the configured store")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int, help="gunicorn worker processes (default: config workers)")
    serve.add_argument("--dev", action="store_true", help="Flask's development server with reloader")
    serve.set_defaults(func=_serve)
    demo = sub.add_parser("demo", help="load a sample negotiation and print its id")
    demo.add_argument("--owner", metavar="EMAIL", help="the account that owns the sample (signed up first)")
    demo.set_defaults(func=_demo)
    add_audit_commands(sub)  # export, import, verify, keygen
    add_people_commands(sub)  # user add, token create, rebuild-projections
    add_projection_commands(sub)  # catch-up [--follow]
    return parser


def main(argv: Sequence[str] | None = None) -> Any:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
