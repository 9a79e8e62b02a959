"""SQLite's writers take turns through a lock file, instead of through SQLite's busy handler.

A SQLite file has one writer at a time. A writer that finds it taken by another process is left to
SQLite's busy handler, which sleeps 1, 2, 5, ... up to 100 ms between tries: under steady writes
from several processes (gunicorn's workers) a waiter kept missing the short moments the lock was
free and waited half a second while the store sat idle. Here every write transaction first takes
its turn: one thread of a process at a time (a lock in the process), then an ``flock`` on a file
beside the database, tried again every fraction of a millisecond; so SQLite finds its write lock
free. The store timeout still bounds the wait (``StoreUnavailable``, as a locked file is).

Correctness does not rest on this: SQLite's own locking still decides, and a writer that does not
take turns (another program) is only waited for as before.
"""

from __future__ import annotations

import fcntl
import itertools
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tracker.eventstore.errors import StoreUnavailable

#: Seconds between tries for a lock held by another process (a write holds it about a millisecond).
PAUSES = (0.0001, 0.0002, 0.0005, 0.001)
LOCKED = "The event store's SQLite file stayed locked by another writer."


class WriterTurns:
    """The turns of one process's writers to one SQLite file (``turn`` is reentrant per thread)."""

    def __init__(self, lock_path: str) -> None:
        self.lock_path = lock_path
        self._mine = threading.RLock()  # one thread of the process waits on the file at a time
        self._fd: int | None = None
        self._depth = 0

    @contextmanager
    def turn(self, timeout: float) -> Iterator[None]:
        deadline = time.monotonic() + timeout
        if not self._mine.acquire(timeout=max(timeout, 0.001)):
            raise StoreUnavailable(LOCKED, "timeout")
        try:
            if self._depth == 0:
                self._take(deadline)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0 and self._fd is not None:
                    fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._mine.release()

    def _take(self, deadline: float) -> None:
        if self._fd is None:
            try:
                self._fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            except OSError:  # a folder that cannot be written: SQLite's own locking alone
                return
        for pause in itertools.chain(PAUSES, itertools.repeat(PAUSES[-1])):
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreUnavailable(LOCKED, "timeout") from None
                time.sleep(pause)


_turns: dict[tuple[int, str], WriterTurns] = {}
_turns_lock = threading.Lock()


def writer_turns(db_path: str) -> WriterTurns:
    """This process's turns for the SQLite file ``db_path`` (one per process and file: a forked
    process makes its own, as an inherited lock file would be shared with its parent)."""
    key = (os.getpid(), db_path)
    with _turns_lock:
        found = _turns.get(key)
        if found is None:
            found = _turns[key] = WriterTurns(f"{db_path}.writers")
        return found


def take_turns(datastore: Any, timeout: float) -> None:
    """Makes each write transaction of a file-based ``SQLiteDatastore`` wait for its turn first
    (reads are left as they are). Idempotent; a database in memory is left alone."""
    if getattr(datastore, "writers_take_turns", False):
        return
    name = str(datastore.pool.db_name)
    if name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        return
    turns = writer_turns(os.path.abspath(name))
    plain = datastore.transaction

    @contextmanager
    def transaction(*, commit: bool) -> Iterator[Any]:
        if not commit:
            with plain(commit=False) as cursor:
                yield cursor
            return
        with turns.turn(timeout), plain(commit=True) as cursor:
            yield cursor

    datastore.transaction = transaction
    datastore.writers_take_turns = True
