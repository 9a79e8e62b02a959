"""The rebuild reads the notification logs as plain rows (notifications.reader): the same
notifications as the library's ``select_notifications``, with the same bounds, on every store."""

from __future__ import annotations

from tests.support.config import make_config
from tests.support.histories import random_history
from tests.support.teams import make_world
from tracker.projections.notifications import as_uuid, reader


def as_rows(notifications):
    return [(n.id, n.originator_id, n.originator_version, n.topic, bytes(n.state)) for n in notifications]


def read_alike(app):
    read, select = reader(app.recorder), app.recorder.select_notifications
    newest = app.recorder.max_notification_id()
    for start, limit, stop in (
        (1, 100_000, None),
        (1, 7, None),
        (5, 3, None),
        (2, 100, 9),
        (newest, 10, None),
    ):
        rows = [(i, as_uuid(o), v, t, bytes(s)) for i, o, v, t, s in read(start, limit, stop)]
        assert rows == as_rows(select(start=start, limit=limit, stop=stop)), (start, limit, stop)
    assert read(newest + 1, 10, None) == []


def test_the_rows_are_the_notifications_in_memory():
    w = make_world(make_config(store="memory"))
    try:
        random_history(w, seed=7, negotiations=3, rounds=5)
        for app in (w.tracker, w.teams.app):
            read_alike(app)
    finally:
        w.people.close()
        w.tracker.close()


def test_the_rows_are_the_notifications_on_each_store(store_config):
    w = make_world(store_config)
    try:
        random_history(w, seed=7, negotiations=3, rounds=5)
        for app in (w.tracker, w.teams.app):
            read_alike(app)
            assert reader(app.recorder).__qualname__.startswith(store_config["store"])  # its own query
    finally:
        w.people.close()
        w.tracker.close()
