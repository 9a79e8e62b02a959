"""tracker.accounts.fresh.FreshReads: a caller never gets a read that began before it asked; callers asking
while a read is in flight share the next one; errors reach every caller of the read that raised."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tracker.accounts.fresh import FreshReads


class GatedStore:
    """Each fetch returns the next number, once its gate is opened."""

    def __init__(self) -> None:
        self.calls = 0
        self.started = threading.Semaphore(0)
        self.gates: list[threading.Event] = [threading.Event() for _ in range(10)]

    def fetch(self) -> int:
        self.calls += 1
        number = self.calls
        self.started.release()
        assert self.gates[number - 1].wait(5)
        return number


def wait_until(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def test_a_lone_caller_gets_its_own_read_and_nothing_is_kept():
    reads: FreshReads[str, int] = FreshReads()
    assert reads.read("dana", lambda: 7) == 7
    assert reads.read("dana", lambda: 8) == 8
    assert reads._reads == {}


def test_callers_arriving_during_a_read_share_the_next_one_never_the_early_one():
    reads: FreshReads[str, int] = FreshReads()
    store = GatedStore()
    with ThreadPoolExecutor(4) as pool:
        first = pool.submit(reads.read, "dana", store.fetch)
        assert store.started.acquire(timeout=5)  # the first read is in flight
        later = [pool.submit(reads.read, "dana", store.fetch) for _ in range(3)]
        wait_until(lambda: reads._reads["dana"][1] is not None)
        time.sleep(0.05)  # the others have had time to ask
        assert store.calls == 1
        store.gates[0].set()
        assert first.result(5) == 1
        assert store.started.acquire(timeout=5)  # the next read began only after the first ended
        store.gates[1].set()
        assert [f.result(5) for f in later] == [2, 2, 2]
    assert store.calls == 2
    assert reads._reads == {}


def test_different_keys_do_not_wait_for_each_other():
    reads: FreshReads[str, int] = FreshReads()
    store = GatedStore()
    with ThreadPoolExecutor(2) as pool:
        slow = pool.submit(reads.read, "dana", store.fetch)
        assert store.started.acquire(timeout=5)
        assert reads.read("alex", lambda: 42) == 42
        store.gates[0].set()
        assert slow.result(5) == 1


def test_an_error_reaches_every_caller_of_that_read_and_the_next_read_starts_clean():
    reads: FreshReads[str, int] = FreshReads()
    gate, started = threading.Event(), threading.Event()

    def failing() -> int:
        started.set()
        gate.wait(5)
        raise ConnectionError("store unreachable")

    with ThreadPoolExecutor(3) as pool:
        first = pool.submit(reads.read, "dana", lambda: (started.set(), gate.wait(5), 1)[2])
        assert started.wait(5)
        started.clear()
        sharing = [pool.submit(reads.read, "dana", failing) for _ in range(2)]
        wait_until(lambda: reads._reads["dana"][1] is not None)
        gate.set()
        assert first.result(5) == 1
        for future in sharing:
            with pytest.raises(ConnectionError, match="store unreachable"):
                future.result(5)
    assert reads.read("dana", lambda: 3) == 3
    assert reads._reads == {}
