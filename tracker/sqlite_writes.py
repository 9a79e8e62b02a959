"""One writer at a time across processes on an SQLite file, queued by the operating system.

SQLite lets one connection write at a time. A writer that finds the file locked by another process
is told "busy" and SQLite's busy handler sleeps before it tries again (1 ms, then 2, 5, 10... up to
100 ms), so with several gunicorn workers writing, steps wait out sleeps while the file is free.
Here each write transaction first takes an exclusive ``flock`` on a lock file beside the database:
the kernel wakes the next writer the moment the previous one commits. Within a process the
datastore's pool already lets one writer in at a time; each datastore opens the lock file itself,
so the tracker, accounts and teams stores of one process queue behind each other too.
"""

from __future__ import annotations

import fcntl
import os
import threading
from contextlib import contextmanager
from typing import Any, Iterator


def queue_writers(datastore: Any) -> None:
    """Makes ``datastore`` (eventsourcing's SQLiteDatastore on a file) take the file's write lock
    around every write transaction. Idempotent; an in-memory database is left as it is."""
    pool = datastore.pool
    if getattr(datastore, "writers_queued", False) or pool.is_sqlite_memory_mode:
        return
    path = f"{pool.db_name}.writers"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    local = threading.local()  # a thread already holding the lock (a nested write) does not wait for itself
    plain = datastore.get_connection

    @contextmanager
    def get_connection(*, commit: bool) -> Iterator[Any]:
        if not commit or getattr(local, "held", False):
            with plain(commit=commit) as conn:
                yield conn
            return
        fcntl.flock(fd, fcntl.LOCK_EX)
        local.held = True
        try:
            with plain(commit=commit) as conn:
                yield conn
        finally:
            local.held = False
            fcntl.flock(fd, fcntl.LOCK_UN)

    datastore.get_connection = get_connection
    datastore.writers_queued = True
    datastore.writers_lock_fd = fd
