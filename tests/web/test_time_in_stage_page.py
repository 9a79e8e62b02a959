"""The negotiation page's "Time in stage": each stay in a stage (a reopened negotiation enters one
again), when it was entered in the reader's zone, the days spent, the current stage "so far"; as of
an earlier version, only the stays up to it."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from tests.support.web import text
from tests.web.test_time_zones import app, client, sign_up  # noqa: F401

JAN = datetime(2026, 1, 5, 14, 30, tzinfo=UTC)


def rows(page: str) -> list[list[str]]:
    """The table's rows, each cell's text with its spaces tidied."""
    start = page.index('id="time-in-stage"')
    body = page[page.index("<tbody>", start) : page.index("</tbody>", start)]
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


@pytest.fixture
def reopened(app, client):  # noqa: F811
    """Ana (in New York) started it on 1 Jan: negotiating from 5 Jan, declined 15 Jan, reopened 25 Jan."""
    assert sign_up(client, "ana@example.org", time_zone="America/New_York").status_code == 303
    tracker, actor = app.extensions["tracker"], "ana@example.org"
    nid = str(
        tracker.start_negotiation(
            actor=actor, title="Team lead", kind="internal_role_change", occurred_at=JAN.replace(day=1)
        )
    )
    tracker.step(nid, "change_stage", actor=actor, stage="negotiating", occurred_at=JAN)
    tracker.step(nid, "conclude", actor=actor, outcome="declined", occurred_at=JAN.replace(day=15))
    tracker.step(nid, "reopen", actor=actor, reason="New budget", occurred_at=JAN.replace(day=25))
    return nid


def test_each_stay_in_the_readers_zone_with_the_days_spent(client, reopened):  # noqa: F811
    found = rows(text(client.get(f"/negotiations/{reopened}")))
    assert found[:3] == [
        ["preparing", "1 Jan 2026, 09:30 EST", "4.0"],
        ["negotiating", "5 Jan 2026, 09:30 EST", "10.0"],
        ["declined", "15 Jan 2026, 09:30 EST", "10.0"],
    ]
    assert found[3][:2] == ["preparing", "25 Jan 2026, 09:30 EST"]  # entered again on reopening
    days, so_far = found[3][2].split()[0], found[3][2].split(" ", 1)[1]
    assert so_far == "so far" and float(days) >= (datetime.now(UTC) - JAN.replace(day=25)).days


def test_as_of_an_earlier_version_only_the_stays_up_to_it(client, reopened):  # noqa: F811
    found = rows(text(client.get(f"/negotiations/{reopened}?as_of_version=2")))
    assert [row[0] for row in found] == ["preparing", "negotiating"]
    assert found[1][2].endswith("so far")
