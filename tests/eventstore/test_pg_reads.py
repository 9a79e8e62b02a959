"""PostgreSQL reads of one aggregate's events from statements rendered once
(tracker.eventstore.postgres_reads): every shape of read (after, up to, newest first, a limit) has the
library's own statement text and returns what the library's own ``select_events`` returns."""

from __future__ import annotations

import itertools

import pytest
from eventsourcing.postgres import PostgresApplicationRecorder

from tracker.bootstrap import build_tracker
from tracker.demo import load_demo
from tracker.eventstore.postgres_reads import library_statement

SHAPES = list(itertools.product((None, 5), (None, 30), (False, True), (None, 7)))


@pytest.fixture
def tracker(pg_config):
    tracker = build_tracker(pg_config)
    yield tracker
    tracker.close()


@pytest.mark.parametrize(("gt", "lte", "desc", "limit"), SHAPES)
def test_every_shape_reads_what_the_library_reads(tracker, gt, lte, desc, limit):
    nid = load_demo(tracker)
    recorder = tracker.recorder
    ours = recorder.select_events(nid, gt=gt, lte=lte, desc=desc, limit=limit)
    theirs = PostgresApplicationRecorder.select_events(recorder, nid, gt=gt, lte=lte, desc=desc, limit=limit)
    assert ours == theirs
    assert ours  # the demo has 40 events: every shape here finds some
    versions = [e.originator_version for e in ours]
    assert versions == sorted(versions, reverse=desc)
    assert all(v > (gt or 0) and v <= (lte or 10**6) for v in versions)
    assert limit is None or len(versions) == limit


def test_the_rendered_text_is_the_library_composed_statement(tracker):
    nid = load_demo(tracker)
    recorder = tracker.recorder
    for gt, lte, desc, limit in SHAPES:
        recorder.select_events(nid, gt=gt, lte=lte, desc=desc, limit=limit)
    rendered = recorder._rendered_selects
    assert len(rendered) == len(SHAPES)
    with recorder.datastore.get_connection() as conn:
        for shape, text in rendered.items():
            assert text == library_statement(recorder.select_events_statement, *shape).as_string(conn)
