"""AccountService: sign up, sign in (throttled), passwords, sessions, API tokens and calendar feeds.

Every method takes plain values and returns plain values (``Account``, ``IssuedToken``,
``TokenInfo``); the aggregates stay inside. Times come from ``clock`` (UTC), so tests can move it.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from uuid import UUID

from cachetools import LRUCache
from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError

from tracker.accounts.application import Accounts
from tracker.accounts.calendar_feeds import CalendarFeed, feed_hash, looks_like_feed_token, new_feed_token
from tracker.accounts.emails import email_key, normalise_email
from tracker.accounts.errors import EmailTaken, SignInFailed
from tracker.accounts.fresh import FreshReads
from tracker.accounts.guards import GuardBook
from tracker.accounts.passwords import Passwords
from tracker.accounts.preferences import DEFAULT_TIME_ZONE, check_preferences
from tracker.accounts.records import (
    Account,
    CalendarFeedInfo,
    IssuedFeed,
    IssuedToken,
    SessionInfo,
    TokenInfo,
    account_of,
)
from tracker.accounts.sessions import SessionPolicy
from tracker.accounts.throttle import ThrottlePolicy
from tracker.accounts.tokens import ApiToken, looks_like_token, new_token, token_hash, token_hint
from tracker.accounts.user import User
from tracker.domain.errors import NotFound
from tracker.domain.limits import SHORT_TEXT
from tracker.domain.terms import optional_text, require_text

Clock = Callable[[], datetime]
TOKEN_OWNERS_KEPT = 10_000  # whose each recently used API token is


def utcnow() -> datetime:
    return datetime.now(UTC)


class AccountService:
    def __init__(
        self,
        app: Accounts,
        *,
        passwords: Passwords | None = None,
        account_policy: ThrottlePolicy | None = None,
        client_policy: ThrottlePolicy | None = None,
        sessions: SessionPolicy | None = None,
        clock: Clock = utcnow,
        sleep: Callable[[float], None] = time.sleep,
        share_reads: bool = False,
    ) -> None:
        self.app = app
        self.sleep = sleep  # how a failure's answer is held back (tests pass one that only records)
        self.passwords = passwords or Passwords()
        self.sessions = sessions or SessionPolicy()
        self.clock = clock
        self._fresh_users: FreshReads[UUID, User] | None = FreshReads() if share_reads else None
        self._token_owners: LRUCache[UUID, str] = LRUCache(TOKEN_OWNERS_KEPT)  # token id -> owner
        self._token_owners_lock = threading.Lock()
        self.guards = GuardBook(
            app, account_policy or ThrottlePolicy(), client_policy or ThrottlePolicy(max_failures=30)
        )

    # -- people ----------------------------------------------------------------------------------
    def sign_up(
        self,
        email: object,
        password: object,
        display_name: object = None,
        *,
        actor: str | None = None,
        time_zone: object = None,
        locale: object = None,
    ) -> Account:
        """A new account. ``actor`` is whoever creates it (the person, or an operator); ``time_zone``
        and ``locale`` (optional: UTC and none otherwise) are recorded with it as PreferencesChanged."""
        address = normalise_email(email)
        name = optional_text(display_name, "display_name", SHORT_TEXT) or address.split("@")[0]
        chosen = time_zone not in (None, "") or locale not in (None, "")
        zone, tag = check_preferences(time_zone or DEFAULT_TIME_ZONE, locale) if chosen else (None, None)
        password_hash = self.passwords.hash(password)
        if self._user(address) is not None:
            raise EmailTaken("An account with that email address already exists.", "email")
        user = User(
            email=address,
            display_name=name,
            password_hash=password_hash,
            actor=actor or address,
            at=self.clock(),
        )
        if zone is not None:
            user.change_preferences(time_zone=zone, locale=tag, actor=actor or address)
        try:
            self.app.save(user)
        except IntegrityError:  # a concurrent sign-up with the same address won
            raise EmailTaken("An account with that email address already exists.", "email") from None
        return account_of(user)

    def get_user(self, email: object) -> Account | None:
        user = self._user(email_key(email), copy=False)
        return account_of(user) if user else None

    def require_user(self, email: object) -> Account:
        account = self.get_user(email)
        if account is None:
            raise NotFound(f"No account for {email}.")
        return account

    def reading_settings(self, email: object) -> tuple[str, str | None]:
        """How the person reads times and numbers (time zone, locale): the defaults without an account."""
        account = self.get_user(email)
        return (
            (account.time_zone or DEFAULT_TIME_ZONE, account.locale) if account else (DEFAULT_TIME_ZONE, None)
        )

    def user_exists(self, email: object) -> bool:
        return self._user(email_key(email), copy=False) is not None

    def rename(self, email: object, display_name: object) -> Account:
        user = self._require(email)
        user.rename(display_name=require_text(display_name, "display_name", SHORT_TEXT), actor=user.email)
        self.app.save(user)
        return account_of(user)

    def change_preferences(
        self, email: object, time_zone: object, locale: object, *, actor: str | None = None
    ) -> Account:
        """The person's time zone (an IANA name) and locale (a Babel identifier, or blank for none).
        Both are checked first and every problem is refused at once (``Refusals``); an unchanged
        choice records nothing."""
        zone, tag = check_preferences(time_zone, locale)
        user = self._require(email)
        if (zone, tag) != (getattr(user, "time_zone", DEFAULT_TIME_ZONE), getattr(user, "locale", None)):
            user.change_preferences(time_zone=zone, locale=tag, actor=actor or user.email)
            self.app.save(user)
        return account_of(user)

    # -- signing in ------------------------------------------------------------------------------
    def sign_in(self, email: object, password: object, *, client: str | None = None) -> Account:
        """The account, or SignInLocked (the account is locked) / SignInFailed. Failures count per
        account (a lock) and per client address (slower failures, never a refusal of the right password)."""
        key, now = email_key(email), self.clock()
        self.guards.check(("email", key), now=now)
        user = self._user(key)
        if not self.passwords.verify(user.password_hash if user else None, password):
            self.guards.fail(("email", key), now=now)
            self._slow_down(client, now)
            raise SignInFailed()
        assert user is not None
        self.guards.succeed("email", key, now)
        if self.passwords.needs_rehash(user.password_hash):
            user.rehash_password(password_hash=self.passwords.hash(password), actor=user.email)
            self.app.save(user)
        return account_of(user)

    def verify_password(self, email: object, password: object) -> bool:
        """Checks a password without signing in (no throttling: callers are already signed in)."""
        user = self._user(email_key(email))
        return self.passwords.verify(user.password_hash if user else None, password)

    def locked_until(self, email: object) -> datetime | None:
        return self.guards.locked_until("email", email_key(email), self.clock())

    def change_password(self, email: object, current_password: object, new_password: object) -> Account:
        """Needs the current password; ends every other session."""
        user = self._require(email)
        if not self.passwords.verify(user.password_hash, current_password):
            raise SignInFailed("The current password is not right.")
        return self._set_password(user, new_password, actor=user.email)

    def set_password(self, email: object, new_password: object, *, actor: str) -> Account:
        """An operator's reset (the CLI)."""
        return self._set_password(self._require(email), new_password, actor=actor)

    def _set_password(self, user: User, new_password: object, *, actor: str) -> Account:
        user.change_password(password_hash=self.passwords.hash(new_password), actor=actor, at=self.clock())
        self.app.save(user)
        return account_of(user)

    # -- sessions --------------------------------------------------------------------------------
    def start_session(self, email: object, *, device: str = "") -> str:
        """Records a sign-in (SessionStarted) and returns its random session id, for the cookie."""
        user = self._require(email)
        session_id = secrets.token_urlsafe(24)
        user.start_session(
            session_id=session_id, device=device[:SHORT_TEXT], actor=user.email, at=self.clock()
        )
        self.app.save(user)
        return session_id

    def end_session(self, email: object, session_id: object) -> bool:
        """Ends one session of the person's (SessionEnded); False when it was not open."""
        user = self._user(email_key(email))
        if user is None or not isinstance(session_id, str) or session_id not in user.sessions_open():
            return False
        user.end_session(session_id=session_id, actor=user.email, at=self.clock())
        self.app.save(user)
        return True

    def list_sessions(self, email: object) -> list[SessionInfo]:
        """The person's sessions still current, newest first."""
        user = self._require(email)
        now = self.clock()
        found = [
            SessionInfo(sid, info["started_at"], info["device"])
            for sid, info in user.sessions_open().items()
            if self.sessions.is_current(info["started_at"], now, None, user.sessions_valid_after, idle=False)
        ]
        return sorted(found, key=lambda s: s.started_at, reverse=True)

    def session_user(
        self,
        email: object,
        issued_at: datetime,
        last_seen: datetime | None = None,
        session_id: str | None = None,
    ) -> Account | None:
        """The signed-in account if the session is still current (and, given its id, not ended), else
        None. The session set comes with the account's own read: no extra cost per request."""
        user = self._user(email_key(email), copy=False)  # only read, on every request
        if user is None:
            return None
        if not self.sessions.is_current(issued_at, self.clock(), last_seen, user.sessions_valid_after):
            return None
        if session_id is not None and session_id not in user.sessions_open():
            return None
        return account_of(user)

    def sign_out_everywhere(self, email: object) -> None:
        user = self._require(email)
        user.revoke_sessions(actor=user.email, at=self.clock())
        self.app.save(user)

    # -- API tokens ------------------------------------------------------------------------------
    def create_token(self, email: object, *, label: object = "", actor: str | None = None) -> IssuedToken:
        user = self._require(email)
        token = new_token()
        name = optional_text(label, "label", SHORT_TEXT)
        now = self.clock()
        record = ApiToken(
            token_hash=token_hash(token),
            owner_id=user.id,
            owner_email=user.email,
            label=name,
            hint=token_hint(token),
            actor=actor or user.email,
            at=now,
        )
        user.add_token(
            token_id=str(record.id), label=name, hint=record.hint, actor=actor or user.email, at=now
        )
        self.app.save(user, record)
        return IssuedToken(token, record.id, name, record.hint)

    def list_tokens(self, email: object) -> list[TokenInfo]:
        user = self._require(email)
        return [
            TokenInfo(UUID(tid), t["label"], t["hint"], t["created_at"], t["revoked_at"])
            for tid, t in user.tokens.items()
        ]

    def revoke_token(self, email: object, token_id: UUID | str, *, actor: str | None = None) -> None:
        """Only the owner's own tokens; anything else is NotFound."""
        user = self._require(email)
        key = str(token_id)
        if key not in user.tokens:
            raise NotFound("No such token.")
        if user.tokens[key]["revoked_at"] is not None:
            return
        record: ApiToken = self.app.repository.get(UUID(key))
        now = self.clock()
        record.revoke(actor=actor or user.email, at=now)
        user.remove_token(token_id=key, actor=actor or user.email, at=now)
        self.app.save(user, record)

    def authenticate_token(self, token: object, *, client: str | None = None) -> Account:
        """The token's owner, or SignInFailed (unknown, revoked): answered more slowly once the client
        address has failed too often, but a valid token is never refused for others' failures.

        Whose a token is never changes, so once its record has been read that is kept; whether it is
        still valid is read fresh on each request from its owner's account, which records each of
        their tokens and its revocation in the same save as the token's record: one store read."""
        now = self.clock()
        owner, token_id = None, None
        if looks_like_token(token):
            assert isinstance(token, str)
            token_id = ApiToken.create_id(token_hash(token))
            with self._token_owners_lock:  # a get reorders the cache
                owner = self._token_owners.get(token_id)
            if owner is None:
                owner = self._token_record_owner(token_id)
        user = self._user(owner, copy=False) if owner is not None else None
        if user is not None and token_id is not None and not self._token_active(user, token_id):
            user = None
        if user is None:
            self._slow_down(client, now)
            raise SignInFailed("That API token is not valid.")
        return account_of(user)

    def _token_record_owner(self, token_id: UUID) -> str | None:
        """The owner's email from the token's record (kept for next time), or None without one."""
        try:
            record: ApiToken = self.app.repository.get(token_id, deepcopy_from_cache=False)
        except AggregateNotFoundError:
            return None
        with self._token_owners_lock:
            self._token_owners[token_id] = record.owner_email
        return record.owner_email

    def _token_active(self, user: User, token_id: UUID) -> bool:
        listed = user.tokens.get(str(token_id))
        if listed is not None:
            return listed["revoked_at"] is None
        try:  # a token its owner's account does not list: its record says
            return bool(self.app.repository.get(token_id, deepcopy_from_cache=False).active)
        except AggregateNotFoundError:
            return False

    # -- calendar feeds --------------------------------------------------------------------------
    def open_calendar_feed(self, email: object, *, actor: str | None = None) -> IssuedFeed:
        """A new private feed token for the person (shown once: only its hash is stored); the feed
        on before is closed with it, so its URL stops working."""
        user = self._require(email)
        token, now, who = new_feed_token(), self.clock(), actor or user.email
        record = CalendarFeed(
            token_hash=feed_hash(token), owner_id=user.id, owner_email=user.email, actor=who, at=now
        )
        before = self._close_feed(user, who, now)
        user.open_calendar_feed(feed_id=str(record.id), actor=who, at=now)
        self.app.save(user, record, *before)
        return IssuedFeed(token, now)

    def close_calendar_feed(self, email: object, *, actor: str | None = None) -> None:
        """Turns the person's feed off; NotFound when none is on."""
        user = self._require(email)
        closed = self._close_feed(user, actor or user.email, self.clock())
        if not closed:
            raise NotFound("No calendar feed is on.")
        self.app.save(user, *closed)

    def calendar_feed(self, email: object) -> CalendarFeedInfo:
        feed = self._require(email).open_feed()
        return CalendarFeedInfo(True, feed["opened_at"]) if feed else CalendarFeedInfo(False)

    def calendar_feed_owner(self, token: object) -> Account | None:
        """Whose feed ``token`` opens (one get by the token's hash), or None: unknown, replaced or
        turned off."""
        if not looks_like_feed_token(token):
            return None
        assert isinstance(token, str)
        try:
            record: CalendarFeed = self.app.repository.get(CalendarFeed.create_id(feed_hash(token)))
        except AggregateNotFoundError:
            return None
        user = self._user(record.owner_email, copy=False) if record.active else None
        return account_of(user) if user is not None else None

    def _close_feed(self, user: User, actor: str, now: datetime) -> list[CalendarFeed]:
        """Closes the person's open feed (recorded on both): the record to save with the user."""
        feed = user.open_feed()
        if not feed:
            return []
        record: CalendarFeed = self.app.repository.get(UUID(feed["feed_id"]))
        record.close(actor=actor, at=now)
        user.close_calendar_feed(feed_id=feed["feed_id"], actor=actor, at=now)
        return [record]

    # -- internals -------------------------------------------------------------------------------
    def _slow_down(self, client: str | None, now: datetime) -> None:
        delay = self.guards.slow_down(client, now)
        if delay > 0:
            self.sleep(delay)

    def _user(self, address: str, copy: bool = True) -> User | None:
        """The user's aggregate; ``copy=False`` for reading only: the cached one itself, not a copy,
        on PostgreSQL from a store read shared with the threads asking at the same time (tracker.accounts.fresh)."""
        if not address:
            return None
        uid = User.create_id(address)

        def read() -> User:
            return self.app.repository.get(uid, deepcopy_from_cache=copy)

        try:
            return read() if copy or self._fresh_users is None else self._fresh_users.read(uid, read)
        except AggregateNotFoundError:
            return None

    def _require(self, email: object) -> User:
        user = self._user(email_key(email))
        if user is None:
            raise NotFound(f"No account for {email}.")
        return user

    def close(self) -> None:
        self.app.close()
