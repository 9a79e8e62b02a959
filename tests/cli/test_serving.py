"""``tracker serve``: each gunicorn worker builds its app after the fork and sets the interpreter's
thread switch interval from the configuration."""

from __future__ import annotations

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
