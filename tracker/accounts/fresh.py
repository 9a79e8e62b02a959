"""Fresh reads shared between threads: each caller gets the result of a read that began after it
asked, and callers that ask together share one read.

Every request checks its session against the signed-in user, read fresh from the store (a sign-out
everywhere recorded by another server counts at once). The library fast-forwards a cached aggregate
under a lock per aggregate, so the threads of a worker serving one person (several tabs, a script on an
API token) queued behind each other's store reads: sampled under load, a third of a request's time went
on the session check, most of it waiting for that lock. Here, while one read is in flight, every caller
that arrives joins the next one, started as soon as the first ends: it began after all of them asked, so
it is as fresh for each of them as a read of its own, and it is one store query instead of one per
caller."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Read(Generic[V]):
    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: V | None = None
        self.error: BaseException | None = None

    def outcome(self) -> V:
        self.done.wait()
        if self.error is not None:
            raise self.error
        return self.value  # type: ignore[return-value]


class FreshReads(Generic[K, V]):
    """``read(key, fetch)``: ``fetch()``'s result (or its error), from a call that began after this
    one did; concurrent callers for the same key share calls. At most two reads per key exist at any
    moment: the one in flight and the next, which the callers arriving meanwhile wait for."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._reads: dict[K, list[_Read[V] | None]] = {}  # key -> [in flight, next]

    def read(self, key: K, fetch: Callable[[], V]) -> V:
        with self._lock:
            pair = self._reads.setdefault(key, [None, None])
            running, following = pair
            if following is not None:  # not begun yet: it begins after this caller asked
                joined = following
            elif running is None:
                joined, mine, wait_for = None, _Read(), None
                pair[0] = mine
            else:  # the one in flight began too early for this caller: lead the next
                joined, mine, wait_for = None, _Read(), running
                pair[1] = mine
        if joined is not None:
            return joined.outcome()
        if wait_for is not None:
            wait_for.done.wait()  # whoever finishes it makes this read the one in flight
        try:
            mine.value = fetch()
        except BaseException as error:  # every caller sharing this read gets the error
            mine.error = error
        finally:
            with self._lock:
                pair[0], pair[1] = pair[1], None
                if pair[0] is None:
                    del self._reads[key]
            mine.done.set()
        return mine.outcome()
