"""``tracker serve``: each gunicorn worker builds its app after the fork, sets the interpreter's thread
switch interval from the configuration, and freezes what it built out of the garbage collector's
full passes."""

from __future__ import annotations

import gc
import sys

import pytest

from tracker.cli.serving import TrackerServer


@pytest.fixture
def restore_switch_interval():
    before = sys.getswitchinterval()
    yield
    sys.setswitchinterval(before)


@pytest.mark.parametrize("interval_ms, expected", [(2, 0.002), (0, None)])
def test_a_worker_sets_the_switch_interval_it_is_configured_with(
    restore_switch_interval, interval_ms, expected
):
    sys.setswitchinterval(0.005)
    server = TrackerServer(
        {"bind": "127.0.0.1:0", "workers": 1}, {"store": "memory", "switch_interval_ms": interval_ms}
    )
    app = server.load()
    try:
        assert sys.getswitchinterval() == pytest.approx(expected or 0.005)
        assert app.test_client().get("/ping").status_code == 200
    finally:
        app.extensions["people"].close()
        app.extensions["tracker"].close()


def test_a_worker_freezes_what_it_built_at_start_out_of_full_collections():
    gc.unfreeze()
    server = TrackerServer({"bind": "127.0.0.1:0", "workers": 1}, {"store": "memory"})
    app = server.load()
    try:
        assert gc.get_freeze_count() > 0  # the app, its modules and templates: not walked by each full pass
        assert app.test_client().get("/ping").status_code == 200
    finally:
        gc.unfreeze()
        app.extensions["people"].close()
        app.extensions["tracker"].close()
