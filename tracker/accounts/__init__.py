"""Accounts: people who sign in, their passwords (argon2 hashes), sessions, API tokens and calendar
feed tokens.

Public API (see AccountService for each method)::

    accounts = build_accounts(config)            # tracker.config mapping; clock= for tests
    accounts.sign_up(email, password, display_name=None, actor=None, time_zone=None, locale=None) -> Account
    accounts.change_preferences(email, time_zone, locale) -> Account  # InvalidValue / Refusals by field
    accounts.sign_in(email, password, client=addr) -> Account   # SignInFailed (401) / SignInLocked (429)
    accounts.session_user(email, issued_at, last_seen=None) -> Account | None
    accounts.change_password(email, current, new); accounts.set_password(email, new, actor=)
    accounts.sign_out_everywhere(email); accounts.get_user(email) / require_user / user_exists
    accounts.create_token(email, label="") -> IssuedToken(token="trk_...", token_id, label, hint)
    accounts.list_tokens(email) -> [TokenInfo]; accounts.revoke_token(email, token_id)
    accounts.authenticate_token(token, client=addr) -> Account  # SignInFailed (slower past the limit)
    accounts.open_calendar_feed(email) -> IssuedFeed(token, opened_at)  # replaces the one before
    accounts.close_calendar_feed(email)  # NotFound when none is on; accounts.calendar_feed(email)
    accounts.calendar_feed_owner(token) -> Account | None  # one get by the token's hash
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from tracker.accounts.application import Accounts
from tracker.accounts.emails import normalise_email
from tracker.accounts.errors import EmailTaken, SignInFailed, SignInLocked
from tracker.accounts.passwords import Passwords, generate_password
from tracker.accounts.service import Account, AccountService, Clock, IssuedToken, TokenInfo, utcnow
from tracker.accounts.sessions import SessionPolicy
from tracker.accounts.throttle import ThrottlePolicy
from tracker.eventstore.application import application_env

__all__ = [
    "Account",
    "AccountService",
    "Accounts",
    "EmailTaken",
    "IssuedToken",
    "Passwords",
    "SessionPolicy",
    "SignInFailed",
    "SignInLocked",
    "ThrottlePolicy",
    "TokenInfo",
    "build_accounts",
    "generate_password",
    "normalise_email",
]


def build_accounts(config: Mapping[str, Any], *, clock: Clock = utcnow) -> AccountService:
    app = Accounts(application_env(config, Accounts))
    return AccountService(
        app,
        passwords=Passwords(str(config.get("password_hash_profile") or "")),
        account_policy=ThrottlePolicy.for_accounts(config),
        client_policy=ThrottlePolicy.for_clients(config),
        sessions=SessionPolicy.from_config(config),
        clock=clock,
        sleep=config["sleep"] if callable(config.get("sleep")) else time.sleep,  # tests: a recorder
        # a PostgreSQL read is a network round trip worth sharing; a SQLite one
        # (about 40 us) is quicker than the threads' hand-over (tracker.accounts.fresh)
        share_reads=config.get("store") == "postgres",
    )
