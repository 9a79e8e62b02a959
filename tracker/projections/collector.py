"""The cyclic garbage collector, paused while a rebuild folds and writes one window.

Until a window is written it keeps tens of thousands of objects alive (row states, teams and access
records, rows), none of them garbage. Python's collector still goes through them again and again as
they pile up: a few hundred collections per window, two or three of them of the whole heap: a
sizeable part of a rebuild's time. Reference counting frees everything else as
before, and the collector runs again as soon as the window is written.

Pausing it is for the whole process (it cannot be paused for one thread): that only delays finding
cycles that other threads make meanwhile, for the length of one window.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    if not gc.isenabled():  # paused already (another rebuild, or the program itself): left as it is
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
