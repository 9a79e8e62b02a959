"""The garbage collector is paused while a negotiation is rebuilt from the store
(tracker.eventstore.collector_pause), and only then: on again after the last paused block of any
thread, after a block that raised, and left off when something else had turned it off."""

from __future__ import annotations

import gc
import threading

import pytest

from bench.history import long_negotiation
from tracker.bootstrap import build_tracker
from tracker.eventstore.collector_pause import paused


@pytest.fixture(autouse=True)
def collector_on():
    gc.enable()
    yield
    gc.enable()


def test_off_in_the_block_and_on_after():
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_on_again_after_a_block_that_raised():
    with pytest.raises(RuntimeError), paused():
        raise RuntimeError("the rebuild failed")
    assert gc.isenabled()


def test_left_off_when_it_was_off():
    gc.disable()
    with paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_on_only_when_the_last_thread_ends_its_block():
    first_in, second_in, first_out, second_may_end = (threading.Event() for _ in range(4))
    seen = {}

    def first():
        with paused():
            first_in.set()
            second_in.wait(5)
        seen["after first"] = gc.isenabled()
        first_out.set()

    def second():
        first_in.wait(5)
        with paused():
            second_in.set()
            second_may_end.wait(5)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_out.wait(5)
    assert seen["after first"] is False  # the second thread's block is still running
    second_may_end.set()
    for thread in threads:
        thread.join(5)
    assert gc.isenabled()


def test_a_negotiation_is_rebuilt_with_the_collector_paused(store_config):
    config = dict(store_config, snapshot_interval=20, aggregate_cache_size=0)
    writer = build_tracker(config)
    nid = long_negotiation(writer, 120, actor="alex")
    writer.close()
    reader = build_tracker(config)
    decoded = []
    mapper = reader.mapper
    plain = mapper.to_domain_event

    def watched(stored):
        decoded.append(gc.isenabled())
        return plain(stored)

    mapper.to_domain_event = watched
    try:
        reader.get(nid)
        reader.get(nid, version=50)
    finally:
        reader.close()
    assert decoded and not any(decoded)  # the snapshot and every event after it
    assert gc.isenabled()
