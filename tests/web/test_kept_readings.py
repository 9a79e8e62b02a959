"""What the analysis read from a long history, kept in the store (tracker.audit.kept_readings): a
restarted worker's first page is the page a worker reading every event shows, byte for byte, when it
starts from the kept row, after newer events, and when the row was altered, led to by another
chain or written by code that reads the events differently (then ignored, every event read). Both
real stores."""

from __future__ import annotations

import re
from contextlib import contextmanager
from unittest import mock
from uuid import UUID

import pytest

from bench.history import grow, start
from tests.support.tamper import StoredTable
from tracker import create_app
from tracker.analysis import readings as readings_module
from tracker.audit import kept_readings
from tracker.audit.kept_readings import KEEP_EVERY
from tracker.web.pages.analysis.reports import history_for

EVENTS = 2 * KEEP_EVERY + 20
CHART_ID = re.compile(r"chart-[0-9a-f-]{36}")


@contextmanager
def worker(config, *, kept: bool = True):
    """A freshly started app on the store; without ``kept``, one that reads every event itself."""
    app = create_app(dict(config, csrf_enabled=False, secret_key="test", auth_required=False))
    if not kept:
        app.extensions["tracker"].kept_readings = None
    try:
        yield app
    finally:
        app.extensions["people"].close()
        app.extensions["tracker"].close()


def stated(tracker, nid, salary: str, weight: int) -> None:
    """A figure Dana says on a call, and a priority step, so both kinds of reading are kept."""
    tracker.step(
        nid,
        "log_interaction",
        actor="local user",
        channel="call",
        summary="Dana called.",
        participants=["p2"],
        stated_by="p2",
        stated={"base_salary": {"amount": salary, "currency": "EUR"}},
    )
    tracker.step(
        nid,
        "set_priority",
        actor="local user",
        term_key="base_salary",
        weight=weight,
        target={"amount": "160000", "currency": "EUR"},
        walk_away={"amount": "100000", "currency": "EUR"},
    )


@pytest.fixture
def seen(store_config):
    """(config, id): a long negotiation (figures stated, contradicted), viewed by a worker now gone."""
    config = dict(store_config, snapshot_interval=20)
    with worker(config) as app:
        tracker = app.extensions["tracker"]
        nid = start(tracker, actor="local user")
        stated(tracker, nid, "150000", 60)
        grow(tracker, nid, EVENTS, actor="local user")
        assert app.test_client().get(f"/negotiations/{nid}").status_code == 200
    return config, str(nid)


def page(app, nid: str) -> str:
    """The negotiation page (the charts' random element ids made alike)."""
    response = app.test_client().get(f"/negotiations/{nid}")
    assert response.status_code == 200
    return CHART_ID.sub("chart-", response.get_data(as_text=True))


def first_page(config, nid: str) -> tuple[str, int]:
    """(a fresh worker's first page, the events it read for the analysis' readings)."""
    with (
        worker(config) as app,
        mock.patch.object(
            readings_module, "priority_history", wraps=readings_module.priority_history
        ) as read,
    ):
        html = page(app, nid)
    return html, sum(len(call.args[0]) for call in read.call_args_list)


def fresh_page(config, nid: str) -> str:
    with worker(config, kept=False) as app:
        return page(app, nid)


def readings(config, nid: str, kept: bool = True):
    with worker(config, kept=kept) as app, app.test_request_context():
        return history_for(app.extensions["tracker"].get(nid))


def test_a_restarted_worker_shows_the_same_page_from_the_kept_readings(seen):
    config, nid = seen
    html, read = first_page(config, nid)
    assert read == 0  # nothing newer than the kept row
    assert html == fresh_page(config, nid)
    assert "contradiction" in html
    assert readings(config, nid) == readings(config, nid, kept=False)


def test_only_the_newer_events_are_read_and_the_page_is_the_same(seen):
    config, nid = seen
    with worker(config, kept=False) as app:
        stated(app.extensions["tracker"], nid, "140000", 70)
    html, read = first_page(config, nid)
    assert read == 2
    assert html == fresh_page(config, nid)
    assert readings(config, nid) == readings(config, nid, kept=False)


def test_an_altered_row_is_ignored(seen):
    """A stated figure changed in the kept row without the installation's key: the seal does not
    match, so every event is read, and the page shows what the events say."""
    config, nid = seen
    table = StoredTable(config, UUID(nid), purpose="events")
    name = f'"{config["postgres_schema"]}".kept_readings' if table.postgres else "kept_readings"
    table.run(
        f"UPDATE {name} SET readings = REPLACE(readings, '150000', '99000') WHERE negotiation_id = ?", nid
    )
    assert "99000" in table.run(f"SELECT readings FROM {name} WHERE negotiation_id = ?", nid)[0][0]
    html, read = first_page(config, nid)
    assert read == EVENTS
    assert html == fresh_page(config, nid)
    assert "99,000" not in html


def test_a_row_another_chain_led_to_is_ignored(seen):
    """A sealed row whose head is not the digest the chain has at its version (the events were
    rewritten since, say) is not joined to the events: every event is read."""
    config, nid = seen
    with worker(config) as app, app.test_request_context():
        tracker = app.extensions["tracker"]
        found = history_for(tracker.get(nid))
        tracker.kept_readings.keep(tracker.get(nid).id, "f" * 64, found)
    html, read = first_page(config, nid)
    assert read == EVENTS
    assert html == fresh_page(config, nid)


def test_a_row_read_by_other_code_is_ignored(seen):
    """A row sealed here but written by code that read the events differently (another upcaster, a
    changed reading): every event is read again."""
    config, nid = seen
    with mock.patch.object(kept_readings, "READ_WITH", ["ProposalMade:4", "0" * 64]):
        html, read = first_page(config, nid)
    assert read == EVENTS
    assert html == fresh_page(config, nid)
