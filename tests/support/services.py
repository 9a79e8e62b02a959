"""Access to the services some tests need (PostgreSQL, Chromium), with one rule: locally a missing
service skips the test with a clear reason; in CI (TRACKER_REQUIRE_SERVICES=1) it fails it."""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PG = dict(
    host=os.environ.get("TRACKER_TEST_PG_HOST", "127.0.0.1"),
    port=int(os.environ.get("TRACKER_TEST_PG_PORT", "5432")),
    dbname=os.environ.get("TRACKER_TEST_PG_DBNAME", "test"),
    user=os.environ.get("TRACKER_TEST_PG_USER", "postgres"),
)
CHROMIUM = Path(os.environ.get("TRACKER_TEST_CHROMIUM", "/usr/bin/chromium"))


def services_required() -> bool:
    return os.environ.get("TRACKER_REQUIRE_SERVICES", "").lower() in ("1", "true", "yes")


def unavailable(reason: str) -> None:
    """Skip locally, fail in CI."""
    if services_required():
        pytest.fail(f"{reason} (TRACKER_REQUIRE_SERVICES is set, so this is a failure, not a skip)")
    pytest.skip(reason)


@functools.cache
def postgres_error() -> str | None:
    try:
        import psycopg

        with psycopg.connect(**PG, connect_timeout=3):
            return None
    except Exception as error:  # any failure to connect means: not available
        return f"PostgreSQL not reachable at {PG['host']}:{PG['port']}/{PG['dbname']}: {error}"


def require_postgres() -> None:
    error = postgres_error()
    if error:
        unavailable(error)


def require_chromium() -> None:
    if not CHROMIUM.exists():
        unavailable(f"headless Chromium not installed at {CHROMIUM} (apt-get install chromium)")


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A fresh schema for one test, dropped afterwards, so tests (and parallel runs) never collide."""
    import psycopg

    require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(**PG, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield schema
    finally:
        with psycopg.connect(**PG, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def postgres_config(schema: str) -> dict:
    return {
        "store": "postgres",
        "postgres_host": PG["host"],
        "postgres_port": PG["port"],
        "postgres_dbname": PG["dbname"],
        "postgres_user": PG["user"],
        "postgres_password": "",
        "postgres_schema": schema,
        "postgres_pool_size": 3,
        "postgres_max_overflow": 3,
    }
