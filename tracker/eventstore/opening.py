"""Why a store cannot be opened, in one line a person can act on (``tracker serve`` and the other
commands print it instead of a traceback): PostgreSQL not reachable, a database or schema that does
not exist, a data directory or SQLite file that cannot be written."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from eventsourcing.persistence import PersistenceError

from tracker.config import sqlite_path
from tracker.eventstore.errors import StoreUnavailable


@contextmanager
def opening_store(config: Mapping[str, Any]) -> Iterator[None]:
    """Raises ``StoreUnavailable`` (with ``open_problem``'s line) for a store that cannot be opened."""
    try:
        yield
    except StoreUnavailable:
        raise
    except Exception as error:
        problem = open_problem(error, config)
        if problem is None:
            raise
        raise StoreUnavailable(problem, "cannot open") from error


def _causes(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    line = text[0].strip() if text else type(error).__name__
    return line.rsplit(" failed: ", 1)[-1].removeprefix("FATAL:").strip()


def open_problem(error: BaseException, config: Mapping[str, Any]) -> str | None:
    """The one-line reason ``error`` stopped the store from opening, or None when it is something
    else (a bug, which keeps its traceback)."""
    for cause in _causes(error):
        found = _postgres_problem(cause, config) if config.get("store") == "postgres" else None
        found = found or _file_problem(cause, config)
        if found:
            return found
    return None


def _postgres_problem(error: BaseException, config: Mapping[str, Any]) -> str | None:
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is an optional dependency
        return None
    where = f"PostgreSQL at {config['postgres_host']}:{config['postgres_port']}"
    database = config["postgres_dbname"]
    if isinstance(error, psycopg.errors.InvalidSchemaName):
        schema = config.get("postgres_schema") or "public"
        return (
            f"the schema {schema!r} does not exist in database {database!r} on {where}: "
            f"create it (CREATE SCHEMA {schema}) or set postgres_schema"
        )
    if isinstance(error, psycopg.errors.UndefinedTable):
        return f"a table the tracker needs is missing on {where}, database {database!r}: {_first_line(error)}"
    if isinstance(error, psycopg.OperationalError):
        reason = _first_line(error)
        if "does not exist" in reason:
            return f"{where}: {reason} (set postgres_dbname, or create it)"
        if "couldn't get a connection" in reason:  # the pool's wait ran out
            reason = "no answer within the store timeout (is the server running there?)"
        return f"cannot connect to {where} (database {database!r}): {reason}"
    if isinstance(error, psycopg.Error):
        return f"{where}, database {database!r}: {_first_line(error)}"
    return None


def _file_problem(error: BaseException, config: Mapping[str, Any]) -> str | None:
    if config.get("store") == "sqlite" and isinstance(error, sqlite3.Error | PersistenceError):
        return (
            f"cannot open the SQLite file {sqlite_path(config)}: {_first_line(error)} "
            "(data_dir must be a directory this user can write)"
        )
    if isinstance(error, OSError) and error.filename is not None:
        return (
            f"cannot use the data directory {config.get('data_dir')}: {error.strerror or error} "
            f"({error.filename}); data_dir must be a directory this user can write"
        )
    return None
