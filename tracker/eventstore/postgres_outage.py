"""PostgreSQL down, slow or read-only: ``StoreUnavailable`` within ``store_timeout_seconds``, and
back to work within a couple of seconds of the server's return.

The library's pool (psycopg_pool) waits ``timeout`` for a connection, and its recorders retry
connection errors ten times, each waiting that long again: a lost server cost 20 s or more per
request and then a 500. Its background reconnection backs off exponentially for five minutes, so
after a long outage the first connection could come up to a minute after the server did.

``guard_postgres`` sets, on the library's datastore:
- libpq's ``connect_timeout``, TCP keepalives and ``tcp_user_timeout``, and the pool's wait, to the
  store timeout;
- the pool's reconnection to give up after the store timeout (a later request starts a fresh one
  at once, so its backoff never grows past a couple of seconds);
- with ``postgres_pre_ping``, a connection that fails its check drains the pool (``checked``);
- after a timeout, callers fail at once while a background probe waits for the server (Outage);
- in the web app, a connection out of the pool for two store timeouts is ended (Watchdog): a server
  that accepts but never answers is StoreUnavailable too, not a hang;
- failing to *get* a connection (the pool's wait ran out, the server refused) raises
  ``StoreUnavailable``: the recorders' retry loop is for a pooled connection found broken, which is
  retried, once the pool is drained of the other connections that died with it.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from eventsourcing.persistence import InterfaceError, InternalError, OperationalError

from tracker.eventstore.errors import StoreUnavailable

MIN_CONNECT_TIMEOUT = 2  # libpq treats 1 as 2
CHECKOUT_LIMIT = 2  # store timeouts a web request's connection may stay out of the pool (Watchdog)


def unreachable(timeout: float) -> StoreUnavailable:
    return StoreUnavailable(
        f"The event store (PostgreSQL) did not answer within {timeout:g} s; nothing was stored. "
        "Try again shortly.",
        "unreachable",
    )


def read_only() -> StoreUnavailable:
    return StoreUnavailable(
        "The event store (PostgreSQL) is read-only at the moment; nothing was stored. Try again later.",
        "read-only",
    )


def guard_postgres(datastore: Any, timeout: float) -> None:
    pool = datastore.pool
    pool.timeout = float(timeout)
    pool.reconnect_timeout = float(timeout)
    if isinstance(pool.kwargs, dict):
        pool.kwargs.update(
            connect_timeout=max(MIN_CONNECT_TIMEOUT, round(timeout)),
            # A network that stops carrying packets (no reset) ends the connection too: TCP keepalives
            # after the timeout, and sent data left unacknowledged that long (Linux).
            keepalives=1,
            keepalives_idle=max(1, round(timeout)),
            keepalives_interval=1,
            keepalives_count=2,
            tcp_user_timeout=int(timeout * 1000),
        )
    if getattr(pool, "_check", None) is not None:  # postgres_pre_ping: see checked()
        pool._check = checked(pool, pool._check)
    plain = datastore.get_connection
    outage = Outage(pool, timeout)

    @contextmanager
    def get_connection() -> Iterator[Any]:
        conn = None
        outage.check()
        try:
            limited = datastore.limit_checkouts
            with plain() as conn, WATCHDOG.watching(conn, CHECKOUT_LIMIT * timeout, limited):
                yield conn
        except (OperationalError, InterfaceError) as error:
            if conn is None or WATCHDOG.ended(conn):  # no connection, or no answer, in time
                outage.began()
                pool.drain()
                raise unreachable(timeout) from error
            if conn.broken:  # the others in the pool most likely died with it: open fresh ones
                pool.drain()
            raise  # the recorders retry on a fresh connection
        except InternalError as error:
            if isinstance(error.__cause__, psycopg.errors.ReadOnlySqlTransaction):
                raise read_only() from error
            raise

    datastore.get_connection = get_connection
    datastore.outage = outage
    datastore.limit_checkouts = False  # the web app turns it on (availability.limit_store_waits)


class Watchdog:
    """For the web app's datastores (``limit_checkouts``), a connection kept out of the pool longer
    than ``CHECKOUT_LIMIT`` store timeouts (a statement or a short transaction takes milliseconds; a
    read model's catch-up of a large backlog longer) has its socket shut down: a server that accepts
    but never answers (frozen, or a network holding packets) then ends the request with
    StoreUnavailable instead of hanging it and, one by one, every thread. Commands are not limited
    (a rebuild's transactions may take longer)."""

    PERIOD = 0.25

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.watched: dict[int, tuple[float, Any]] = {}
        self.killed: set[int] = set()
        self.thread: threading.Thread | None = None

    @contextmanager
    def watching(self, conn: Any, timeout: float, enabled: bool) -> Iterator[None]:
        if not enabled:
            yield
            return
        key = id(conn)
        with self.lock:
            self.killed.discard(key)  # an earlier connection at this address
            self.watched[key] = (time.monotonic() + timeout, conn)
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="store-watchdog", daemon=True)
                self.thread.start()
        try:
            yield
        finally:
            with self.lock:
                self.watched.pop(key, None)

    def ended(self, conn: Any) -> bool:
        """Whether the watchdog ended this connection (then the store is not answering: no retry)."""
        with self.lock:
            if id(conn) in self.killed:
                self.killed.discard(id(conn))
                return True
            return False

    def _run(self) -> None:
        while True:
            time.sleep(self.PERIOD)
            now = time.monotonic()
            with self.lock:
                late = [conn for deadline, conn in self.watched.values() if deadline <= now]
                for conn in late:
                    self.watched.pop(id(conn), None)
                    self.killed.add(id(conn))
            for conn in late:
                _shut_down(conn)


def _shut_down(conn: Any) -> None:
    """Ends the connection's socket under libpq (a duplicate descriptor, shut down and closed), so the
    thread waiting on it wakes to an error; the pool then discards the broken connection."""
    try:
        fd = conn.pgconn.socket
        with socket.socket(fileno=os.dup(fd)) as sock:
            sock.shutdown(socket.SHUT_RDWR)
    except (OSError, psycopg.Error):
        pass


WATCHDOG = Watchdog()


class Outage:
    """Once getting a connection has timed out, every caller is answered StoreUnavailable at once
    (rather than each holding a server thread for the whole timeout) while one background thread
    asks the pool for a connection every ``PROBE_SECONDS``; its first success ends the outage."""

    PROBE_SECONDS = 0.5

    def __init__(self, pool: Any, timeout: float) -> None:
        self.pool, self.timeout = pool, timeout
        self.lock = threading.Lock()
        self.down = False
        self.prober: threading.Thread | None = None

    def check(self) -> None:
        if self.down:
            raise unreachable(self.timeout)

    def began(self) -> None:
        with self.lock:
            self.down = True
            if self.prober is None or not self.prober.is_alive():
                self.prober = threading.Thread(target=self._probe, name="store-outage-probe", daemon=True)
                self.prober.start()

    def _probe(self) -> None:
        while self.down and not self.pool.closed:
            time.sleep(self.PROBE_SECONDS)
            try:
                with self.pool.connection(timeout=self.timeout) as conn:
                    conn.execute("SELECT 1")
            except Exception:  # still down (or the pool closed: the loop ends)
                continue
            self.down = False


def checked(pool: Any, check: Any) -> Any:
    """The pool's pre-use check, draining the pool when it finds a dead connection: the pool waits
    (backing off, a second then two) before each next candidate, and the idle ones most likely died
    together, so without the drain a pool of dead connections outlasted the store timeout."""

    def check_and_drain(conn: Any) -> None:
        try:
            check(conn)
        except Exception:
            pool.drain()
            raise

    return check_and_drain


def postgres_write_problem(datastore: Any) -> str | None:
    """Why this PostgreSQL server cannot take writes (a read-only session or a standby), or None."""
    with datastore.get_connection() as conn:
        row = conn.execute(
            "SELECT current_setting('transaction_read_only') AS read_only, pg_is_in_recovery() AS standby"
        ).fetchone()
    if row["standby"]:
        return "The event store (PostgreSQL) is a standby in recovery: it cannot be written."
    if row["read_only"] == "on":
        return "The event store (PostgreSQL) is read-only (default_transaction_read_only)."
    return None
