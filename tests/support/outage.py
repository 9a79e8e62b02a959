"""Stores that fail under a running app: PostgreSQL behind a proxy the test cuts, a SQLite file made
immutable or its write-ahead log deleted, a PostgreSQL role whose sessions are read-only."""

from __future__ import annotations

import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.support.services import PG, postgres_config, postgres_schema
from tests.support.tcp_proxy import TcpProxy


@contextmanager
def proxied_postgres(**settings: Any) -> Iterator[tuple[dict[str, Any], TcpProxy]]:
    """A fresh schema, and the settings of an app that reaches PostgreSQL through a TcpProxy."""
    from tests.support.config import make_config

    with postgres_schema() as schema:
        proxy = TcpProxy(PG["host"], PG["port"]).start()
        try:
            yield make_config(**{**postgres_config(schema), "postgres_port": proxy.port, **settings}), proxy
        finally:
            proxy.stop()


@contextmanager
def immutable(path: Path) -> Iterator[None]:
    """``chattr +i``: not even root may write the file (what a read-only mount or a full quota does to
    an app running as root). Skips when the file system has no such flag."""
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not available here: {done.stderr.strip() or done.returncode}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@contextmanager
def read_only_role() -> Iterator[str]:
    """A PostgreSQL role whose sessions are read-only (``default_transaction_read_only``): a server
    put in read-only mode for maintenance, without touching the database other tests share."""
    import psycopg

    role = f"tracker_ro_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(**PG, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN SUPERUSER')
    try:
        yield role
    finally:
        with psycopg.connect(**PG, autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,))
            conn.execute(f'DROP OWNED BY "{role}" CASCADE')
            conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def make_read_only(role: str) -> None:
    import psycopg

    with psycopg.connect(**PG, autocommit=True) as conn:
        conn.execute(f'ALTER ROLE "{role}" SET default_transaction_read_only = on')
        # Sessions read the setting when they start: end the app's, as a failover would.
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,))


def seconds_until(action: Callable[[], Any], limit: float, pause: float = 0.1) -> float:
    """Calls ``action`` until it returns without raising (or ``limit`` seconds pass: the last error is
    raised); returns how long that took."""
    started = time.monotonic()
    while True:
        try:
            action()
            return time.monotonic() - started
        except Exception:
            if time.monotonic() - started > limit:
                raise
            time.sleep(pause)
