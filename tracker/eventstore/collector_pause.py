"""The garbage collector paused while a negotiation is rebuilt from the store.

Rebuilding a long negotiation (its snapshot decoded and unpacked, the events after it replayed)
makes tens of thousands of objects that all live on as its state. Python's collector runs after
every few hundred new objects and, every so often, walks everything not frozen at start; here it
would only find that all of them are still in use. ``paused()`` turns automatic collection off for
the block and back on after it. Threads share the collector: it is back on when the last paused
block of any thread ends, and left as it was found when something else had turned it off. Nothing is
lost: garbage made meanwhile is collected by the next run after the block.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_blocks = 0
_turned_off = False  # whether the first block turned it off (it was on), so the last turns it back on


@contextmanager
def paused() -> Iterator[None]:
    global _blocks, _turned_off
    with _lock:
        if _blocks == 0:
            _turned_off = gc.isenabled()
            gc.disable()
        _blocks += 1
    try:
        yield
    finally:
        with _lock:
            _blocks -= 1
            if _blocks == 0 and _turned_off:
                gc.enable()
