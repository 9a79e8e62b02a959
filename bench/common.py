"""What every benchmark shares: options, outcomes, timing, and the stores to measure on."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.config import load_config, postgres_connection


@dataclass(frozen=True)
class Options:
    smoke: bool = False  # tiny sizes: checks that the benchmark runs; targets are not enforced
    postgres: bool | None = None  # True: required; False: skipped; None: measured when reachable
    rounds: int = 3  # a multiplier for the number of timed batches (more: steadier figures)
    workdir: Path | None = None  # where the SQLite files go (a fresh temporary directory in it)

    def size(self, full: int, smoke: int) -> int:
        return smoke if self.smoke else full


@dataclass
class Outcome:
    """A ratio and its target (met when at least the target; with ``below``, when under the target:
    lower is better, e.g. p99 latency / p50); or, with ``target`` None, a figure that is only reported
    (``ratio`` then holds it, in ``unit``)."""

    benchmark: str
    store: str
    ratio: float
    target: float | None
    figures: dict[str, str] = field(default_factory=dict)
    unit: str = ""
    below: bool = False

    @property
    def met(self) -> bool:
        if self.target is None:
            return True
        return self.ratio < self.target if self.below else self.ratio >= self.target

    @property
    def sense(self) -> str:
        """How the ratio must stand to the target: ">=" or "<"."""
        return "<" if self.below else ">="


def rate(count: int, timed: Callable[[], None]) -> float:
    """Operations per second of one call of ``timed`` that does ``count`` operations."""
    started = time.perf_counter()
    timed()
    return count / max(time.perf_counter() - started, 1e-9)


class Unavailable(Exception):
    """A store the benchmark cannot reach (a reason to skip it, or to fail with --postgres)."""


@contextmanager
def sqlite_store(options: Options) -> Iterator[dict[str, Any]]:
    """Tracker settings for a fresh SQLite file store (removed afterwards)."""
    base = tempfile.mkdtemp(prefix="tracker-bench-", dir=options.workdir)
    try:
        yield load_config({"store": "sqlite", "data_dir": base, "sqlite_file": "tracker.sqlite"})
    finally:
        shutil.rmtree(base, ignore_errors=True)


@contextmanager
def postgres_store(options: Options) -> Iterator[dict[str, Any]]:
    """Tracker settings for a fresh schema on the configured PostgreSQL server (TRACKER_POSTGRES_*;
    without TRACKER_POSTGRES_DBNAME, the database the tests use: TRACKER_TEST_PG_DBNAME or ``test``)."""
    overrides: dict[str, Any] = {"store": "postgres"}
    if "TRACKER_POSTGRES_DBNAME" not in os.environ:
        overrides["postgres_dbname"] = os.environ.get("TRACKER_TEST_PG_DBNAME", "test")
    config = load_config(overrides)
    try:
        import psycopg
    except ImportError as error:
        raise Unavailable(f"psycopg is not installed: {error}") from None
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    try:
        _on_server(config, f'CREATE SCHEMA "{schema}"')
    except psycopg.Error as error:
        raise Unavailable(
            f"PostgreSQL not reachable at {config['postgres_host']}:{config['postgres_port']}"
            f"/{config['postgres_dbname']}: {str(error).strip()}"
        ) from None
    try:
        yield dict(config, postgres_schema=schema)
    finally:
        _on_server(config, f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _on_server(config: dict[str, Any], statement: str) -> None:
    """Runs one statement on the configured PostgreSQL server, on a connection of its own."""
    import psycopg

    with psycopg.connect(**postgres_connection(config), autocommit=True, connect_timeout=3) as conn:
        conn.execute(statement)


def on_each_store(
    options: Options, measure: Callable[[dict[str, Any], Options], Outcome | list[Outcome]]
) -> list[Outcome]:
    """Runs ``measure`` (one outcome or several) on a fresh SQLite file store and, unless turned off,
    on PostgreSQL. An unreachable PostgreSQL is skipped with a note, or is an error when it was
    asked for."""
    outcomes: list[Outcome] = []

    def add(found: Outcome | list[Outcome]) -> None:
        outcomes.extend(found if isinstance(found, list) else [found])

    with sqlite_store(options) as config:
        add(measure(config, options))
    if options.postgres is not False:
        try:
            with postgres_store(options) as config:
                add(measure(config, options))
        except Unavailable as reason:
            if options.postgres:
                raise
            print(f"  (PostgreSQL skipped: {reason})", flush=True)
    return outcomes


@contextmanager
def second_store(config: dict[str, Any], name: str = "large") -> Iterator[dict[str, Any]]:
    """Another empty store beside ``config``: a second SQLite file, or a second PostgreSQL schema."""
    if config["store"] == "sqlite":
        yield dict(config, sqlite_file=f"{name}.sqlite")
        return
    schema = f"{config['postgres_schema']}_{name}"
    _on_server(config, f'CREATE SCHEMA "{schema}"')
    try:
        yield dict(config, postgres_schema=schema)
    finally:
        _on_server(config, f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
