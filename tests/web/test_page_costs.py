"""The negotiation page of a long history costs what it shows, counted rather than timed: a view after
the first decodes the events of its timeline page and those after the nearest snapshots, not the
history (the badge re-reads the rows but decodes nothing already verified), and the scores card
lists the latest proposals, not every one ever made. Notes and interactions, which it does not show,
are not even decoded from the snapshots it reads."""

from __future__ import annotations

import re
from unittest import mock

import pytest

from bench.history import long_negotiation
from tests.support.config import make_config
from tracker import create_app
from tracker.audit import verify
from tracker.eventstore.storage import decode_state
from tracker.web.pages.analysis.panels import PANEL_PROPOSALS

EVENTS = 600
INTERVAL = 20
PACKAGE = re.compile(r'data-package="([^"]+)"')


@pytest.fixture
def app():
    app = create_app(
        make_config(
            store="memory",
            auth_required=False,
            csrf_enabled=False,
            secret_key="test",
            snapshot_interval=INTERVAL,
            aggregate_cache_size=0,
        )
    )
    yield app
    app.extensions["tracker"].close()


@pytest.fixture
def nid(app) -> str:
    return str(long_negotiation(app.extensions["tracker"], EVENTS, actor="local user"))


def view(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_data(as_text=True)


@pytest.mark.parametrize("order", ["oldest", "newest"])
def test_a_view_after_the_first_decodes_the_page_not_the_history(app, nid, order):
    client, tracker = app.test_client(), app.extensions["tracker"]
    url = f"/negotiations/{nid}?order={order}"
    assert "Record intact: 600 events verified" in view(client, url)  # the first view checks it all
    with (
        mock.patch.object(tracker.mapper, "to_domain_event", wraps=tracker.mapper.to_domain_event) as domain,
        mock.patch.object(verify, "decode_state", wraps=decode_state) as chain,
    ):
        assert "Record intact: 600 events verified" in view(client, url)
    # the timeline page (a snapshot, the events up to the page, its 50); the latest state, when the
    # page ends earlier, from the newest snapshot and the events after it
    assert domain.call_count <= INTERVAL + 50 + 1
    assert chain.call_count == 0  # the rows were re-read and fingerprinted: nothing decoded again


@pytest.mark.parametrize("order", ["oldest", "newest"])
def test_the_page_builds_no_note_or_interaction_from_a_snapshot(app, nid, order):
    """Neither is shown on the page, so their rows in a snapshot stay undecoded (``DEFERRED``). (The
    first view also checks the snapshots it reads against the events, which takes them again.)"""
    from tracker.domain import snapshot

    client = app.test_client()
    url = f"/negotiations/{nid}?order={order}"
    view(client, url)
    with mock.patch.object(snapshot, "build", wraps=snapshot.build) as built:
        view(client, url)
    classes = {call.args[0].__name__ for call in built.call_args_list}
    assert "Proposal" in classes and not classes & {"Note", "Interaction"}, classes
    assert "Note" in {note.__class__.__name__ for note in app.extensions["tracker"].get(nid).notes}


def test_the_scores_card_lists_the_latest_proposals_and_links_to_the_rest(app, nid):
    tracker = app.extensions["tracker"]
    made = [p.proposal_id for p in tracker.get(nid).proposals_in_order()]
    assert len(made) > PANEL_PROPOSALS
    html = view(app.test_client(), f"/negotiations/{nid}")
    start = html.index('<section class="analysis-panels"')
    panel = html[start : html.index("</section>", start)]
    assert PACKAGE.findall(panel) == [f"proposal:{p}" for p in made[-PANEL_PROPOSALS:]]
    earlier = len(made) - PANEL_PROPOSALS
    assert f"And {earlier} earlier proposals:" in panel
    assert f'href="/negotiations/{nid}/analysis#standing">every package on the analysis page' in panel
    full = view(app.test_client(), f"/negotiations/{nid}/analysis")
    assert len(set(PACKAGE.findall(full))) == len(made)


def test_the_page_that_ends_with_the_newest_step_reads_the_latest_state_from_its_own_replay(app, nid):
    from tracker.audit.reads import Part, read_latest_page

    tracker = app.extensions["tracker"]
    newest = Part(limit=50, newest=True)
    as_of, timeline = read_latest_page(tracker, nid, newest)
    latest = tracker.get(nid)
    assert (as_of.version, as_of.latest_version, as_of.recorded_at) == (EVENTS, EVENTS, latest.modified_on)
    assert {k: v for k, v in vars(as_of.negotiation).items() if k != "_pending_events"} == {
        k: v for k, v in vars(latest).items() if k != "_pending_events"
    }
    assert timeline.entries == tracker.timeline_page(nid, EVENTS - 49, EVENTS) and timeline.count == EVENTS
    assert read_latest_page(tracker, nid, Part(limit=50)) is None  # oldest first, page 1 ends earlier


def test_the_first_view_works_out_what_the_panels_show_and_the_analysis_page_the_rest(app, nid):
    """Counted on a fresh view (nothing cached): the money of the packages the scores card lists, not
    of every one; no concession round or drift row (the page shows shares and a summary); no
    contradiction worked out twice (the timeline's flags and the ledger card share them); no
    frontier. The analysis page then works out all of it."""
    from tracker.analysis import ledger, package_value, report

    with (
        mock.patch.object(package_value, "value_of", wraps=package_value.value_of) as valued,
        mock.patch.object(ledger, "_contradictions", wraps=ledger._contradictions) as said,
        mock.patch.object(report, "win_win", wraps=report.win_win) as frontier,
    ):
        html = view(app.test_client(), f"/negotiations/{nid}")
    start = html.index('<section class="analysis-panels"')
    listed = PACKAGE.findall(html[start : html.index("</section>", start)])
    assert 0 < valued.call_count <= len(listed) == PANEL_PROPOSALS
    terms = {key for p in app.extensions["tracker"].get(nid).proposals.values() for key in p.values}
    assert said.call_count == len(terms) * 2  # once per term and party
    assert frontier.call_count == 0
    glance = next(r for r in app.extensions["analysis_reports"].values() if hasattr(r, "concessions"))
    for party in glance.concessions.parties:
        assert all("steps" not in vars(term) for term in party.terms)
    assert glance.ledger is None and "rows" not in vars(glance.drift)
    with mock.patch.object(package_value, "value_of", wraps=package_value.value_of) as valued:
        view(app.test_client(), f"/negotiations/{nid}/analysis")
    made = len(app.extensions["tracker"].get(nid).proposals)
    assert valued.call_count == made - len(listed)  # the rest, each once
