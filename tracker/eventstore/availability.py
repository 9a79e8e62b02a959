"""A store that does not answer in time, or cannot be written, raises ``StoreUnavailable``.

The library's datastores report every failure as a ``PersistenceError``; some of those mean "try
again later" rather than a bug: PostgreSQL unreachable, its pool out of connections for longer
than ``store_timeout_seconds``, a read-only server; a SQLite file (or its directory, or its
write-ahead log) that cannot be written. ``guard_datastore`` wraps a datastore so those arrive as
``StoreUnavailable`` at once, instead of a retry loop that outlasts any client and ends in a 500;
``write_problem`` says, for ``/healthz``, why a store that answers reads still cannot be written.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventsourcing.persistence import OperationalError, PersistenceError
from eventsourcing.sqlite import SQLiteDatastore

from tracker.eventstore.errors import StoreUnavailable
from tracker.eventstore.sqlite_writers import take_turns

DEFAULT_TIMEOUT = 5.0

#: SQLite's messages for a store that cannot be written or opened (sqlite3.OperationalError's text).
SQLITE_UNAVAILABLE = {
    "readonly database": "The event store's SQLite file cannot be written (it is read-only).",
    "disk i/o error": "The event store's SQLite files cannot be read or written (disk I/O error).",
    "unable to open": "The event store's SQLite file cannot be opened.",
    "database or disk is full": "The disk holding the event store is full.",
    "database is locked": "The event store's SQLite file stayed locked by another writer.",
}


def guard_datastore(datastore: Any, timeout: float = DEFAULT_TIMEOUT) -> None:
    """Makes ``datastore`` (the library's SQLite or PostgreSQL datastore) raise ``StoreUnavailable``
    for a store that is down, too slow or not writable. Idempotent."""
    if getattr(datastore, "availability_guarded", False):
        return
    if type(datastore).__module__ == "eventsourcing.postgres":  # psycopg is an optional dependency
        from tracker.eventstore.postgres_outage import guard_postgres

        guard_postgres(datastore, timeout)
    elif isinstance(datastore, SQLiteDatastore):
        take_turns(datastore, timeout)  # writers queue on a lock file, not in SQLite's busy handler
        _guard_sqlite(datastore)
    datastore.availability_guarded = True


def guard_store(app: Any) -> None:
    """Guards an eventsourcing application's datastore with the timeout its environment names
    (``STORE_TIMEOUT``, from ``store_timeout_seconds``)."""
    datastore = getattr(app.recorder, "datastore", None)
    if datastore is not None:
        guard_datastore(datastore, float(app.env.get("STORE_TIMEOUT") or DEFAULT_TIMEOUT))


def sqlite_unavailable(error: BaseException) -> StoreUnavailable | None:
    """The ``StoreUnavailable`` a SQLite error stands for, or None when it is not about availability."""
    text = str(error).lower()
    for fragment, message in SQLITE_UNAVAILABLE.items():
        if fragment in text:
            return StoreUnavailable(message, "not writable" if "lock" not in fragment else "timeout")
    return None


def _guard_sqlite(datastore: SQLiteDatastore) -> None:
    plain = datastore.transaction

    @contextmanager
    def transaction(*, commit: bool) -> Iterator[Any]:
        if commit:
            problem = sqlite_write_problem(datastore)
            if problem:  # a write now would be lost (the log deleted) or fail half-way
                raise StoreUnavailable(problem, "not writable")
        try:
            with plain(commit=commit) as cursor:
                yield cursor
        except PersistenceError as error:
            unavailable = sqlite_unavailable(error)
            if unavailable is None:
                raise
            raise unavailable from error

    datastore.transaction = transaction  # type: ignore[method-assign]


def sqlite_files(datastore: SQLiteDatastore) -> tuple[Path, Path, Path] | None:
    """The database file, its write-ahead log and shared-memory index; None in memory."""
    name = str(datastore.pool.db_name)
    if name == ":memory:" or name.startswith("file::memory:") or "mode=memory" in name:
        return None
    path = Path(name)
    return path, Path(f"{path}-wal"), Path(f"{path}-shm")


def sqlite_write_problem(datastore: SQLiteDatastore) -> str | None:
    """Why the SQLite store cannot be written, or None. Asked before every write: when all is well,
    four ``access`` calls on names worked out once (``os.access`` asks the kernel the question a
    write would: root, immutable files); the reason is looked for only when one says no."""
    names = getattr(datastore, "tracker_sqlite_names", None)
    if names is None:
        files = sqlite_files(datastore)
        names = () if files is None else (*(str(f) for f in files), str(files[0].parent))
        datastore.tracker_sqlite_names = names
    if not names:
        return None
    db, wal, shm, folder = names
    if (
        os.access(db, os.W_OK)
        and os.access(folder, os.W_OK | os.X_OK)
        and os.access(wal, os.W_OK)
        and os.access(shm, os.W_OK)
    ):
        return None
    return _sqlite_write_problem(*(Path(name) for name in names))


def _sqlite_write_problem(db: Path, wal: Path, shm: Path, folder: Path) -> str | None:
    if not db.exists():
        return f"The event store's SQLite file {db.name} was removed while the app runs."
    if not os.access(db, os.W_OK):
        return f"The event store's SQLite file {db.name} cannot be written."
    if not os.access(folder, os.W_OK | os.X_OK):
        return "The data directory holding the event store cannot be written."
    if shm.exists() and not wal.exists():
        # Open connections keep writing to the deleted log, and lose it all when they close.
        return (
            f"The event store's write-ahead log ({wal.name}) was deleted while the app runs: "
            "writes are refused; restart the app."
        )
    for extra in (wal, shm):
        if extra.exists() and not os.access(extra, os.W_OK):
            return f"The event store's SQLite file {extra.name} cannot be written."
    return None


def limit_store_waits(*apps: Any) -> None:
    """For the web app's stores: a PostgreSQL connection in use longer than the store timeout is
    ended (tracker.eventstore.postgres_outage.Watchdog), so no request waits on a silent server for
    ever. Commands are not limited: a rebuild's transactions may take longer."""
    for app in apps:
        datastore = getattr(app.recorder, "datastore", None)
        if hasattr(datastore, "limit_checkouts"):
            datastore.limit_checkouts = True


def write_problem(datastore: Any) -> str | None:
    """Why a store that answers reads cannot be written (for ``/healthz``), or None."""
    if type(datastore).__module__ == "eventsourcing.postgres":
        from tracker.eventstore.postgres_outage import postgres_write_problem

        return postgres_write_problem(datastore)
    if isinstance(datastore, SQLiteDatastore):
        return sqlite_write_problem(datastore)
    return None


def unavailable_from(error: BaseException) -> StoreUnavailable:
    """A library error that escaped the guard (a connection lost on every retry) as StoreUnavailable."""
    if isinstance(error, StoreUnavailable):
        return error
    found = sqlite_unavailable(error)
    if found is not None:
        return found
    return StoreUnavailable("The event store did not answer; nothing was stored.", "unreachable")


#: Library errors that mean the store is not there (after the guard's own translation and retries).
UNAVAILABLE_ERRORS: tuple[type[Exception], ...] = (StoreUnavailable, OperationalError)
