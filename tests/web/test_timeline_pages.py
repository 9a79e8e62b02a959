"""The negotiation page and the timeline API read a long history a page at a time: the page shows 50
entries with links to the pages around it, only the page's events are replayed (the full timeline is
never built without filters), links to one entry name its page, and the API pages with limit and
after_version / before_version while answering as before without them."""

from __future__ import annotations

import re

import pytest

from bench.history import grow, long_negotiation
from tests.support.config import make_config
from tracker import create_app

EVENTS = 130
ENTRY = re.compile(r'<li class="entry[^"]*" id="v(\d+)"')
NEXT = re.compile(r'<a rel="next" href="([^"]+)">([^<]+)</a>')
PREV = re.compile(r'<a rel="prev" href="([^"]+)">([^<]+)</a>')


@pytest.fixture
def app():
    app = create_app(
        make_config(
            store="memory", auth_required=False, csrf_enabled=False, secret_key="test", snapshot_interval=20
        )
    )
    yield app
    app.extensions["tracker"].close()


@pytest.fixture
def tracker(app):
    return app.extensions["tracker"]


@pytest.fixture
def nid(tracker) -> str:
    return str(long_negotiation(tracker, EVENTS, actor="local user"))


@pytest.fixture
def client(app):
    return app.test_client()


def shown(client, url: str) -> tuple[list[int], str]:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    html = response.get_data(as_text=True)
    return [int(v) for v in ENTRY.findall(html)], html


def unescape(url: str) -> str:
    return url.replace("&amp;", "&")


def test_oldest_first_pages_of_fifty_with_links_between_them(client, nid):
    versions, html = shown(client, f"/negotiations/{nid}")
    assert versions == list(range(1, 51))
    assert "Page 1 of 3" in html and not PREV.search(html)
    link, label = NEXT.search(html).groups()
    assert label == "Later steps" and "page=2" in link
    versions, html = shown(client, unescape(link))
    assert versions == list(range(51, 101))
    versions, html = shown(client, f"/negotiations/{nid}?page=3")
    assert versions == list(range(101, EVENTS + 1)) and not NEXT.search(html)
    link, label = PREV.search(html).groups()
    assert label == "Earlier steps" and "page=2" in link


def test_newest_first_starts_with_the_latest_steps(client, nid):
    versions, html = shown(client, f"/negotiations/{nid}?order=newest")
    assert versions == list(range(EVENTS, EVENTS - 50, -1))
    link, label = NEXT.search(html).groups()
    assert label == "Older steps" and "order=newest" in link and "page=2" in link
    versions, _ = shown(client, f"/negotiations/{nid}?order=newest&page=3")
    assert versions == list(range(EVENTS - 100, 0, -1))


@pytest.mark.parametrize(
    "page, expected",
    [("99", range(101, EVENTS + 1)), ("0", range(1, 51)), ("-3", range(1, 51)), ("two", range(1, 51))],
)
def test_a_page_out_of_range_or_not_a_number_shows_the_nearest(client, nid, page, expected):
    versions, _ = shown(client, f"/negotiations/{nid}?page={page}")
    assert versions == list(expected)


def test_only_the_page_is_replayed(client, tracker, nid, monkeypatch):
    """(after, up to) of each replay: the page's events after the state before them. A page that ends
    with the newest step also gives the latest state (no second read of it)."""
    windows = []
    replay = tracker.replay

    def recorded(negotiation_id, gt=None, lte=None):
        windows.append((gt, lte))
        return replay(negotiation_id, gt=gt, lte=lte)

    def refused(*_args, **_kwargs):
        raise AssertionError("the whole timeline was built")

    monkeypatch.setattr(tracker, "timeline", refused)
    monkeypatch.setattr(tracker, "replay", recorded)
    shown(client, f"/negotiations/{nid}?page=2")
    shown(client, f"/negotiations/{nid}?order=newest")
    assert windows == [(50, 100), (EVENTS - 50, EVENTS)]


def test_filters_page_through_the_matching_steps(client, tracker, nid):
    notes = [e.version for e in tracker.timeline(nid) if e.event_type == "NoteAdded"]
    assert 50 < len(notes) <= 100
    versions, html = shown(client, f"/negotiations/{nid}?kind=notes")
    assert versions == notes[:50] and "Page 1 of 2" in html
    assert f"Showing {len(notes)} of {EVENTS} steps." in " ".join(html.split())
    versions, html = shown(client, f"/negotiations/{nid}?kind=notes&page=2")
    assert versions == notes[50:]
    assert "kind=notes" in unescape(PREV.search(html).group(1))


def test_a_recorded_step_and_a_proposal_link_to_the_page_that_shows_them(client, tracker, nid):
    response = client.post(f"/negotiations/{nid}/steps/add_note", data={"text": "Asked about the bonus."})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/negotiations/{nid}?page=3#v{EVENTS + 1}")
    versions, html = shown(client, f"/negotiations/{nid}?page=3")
    assert EVENTS + 1 in versions
    negotiation = tracker.get(nid)
    made = {p.proposal_id: p.made_version for p in negotiation.proposals.values() if p.is_open}
    proposal, version = max(made.items(), key=lambda kv: kv[1])
    number = negotiation.proposal_number(proposal)  # shown by number, never by internal id
    assert f'href="/negotiations/{nid}?page={(version - 1) // 50 + 1}#v{version}">Proposal #{number}<' in html


def test_a_short_negotiation_has_one_page_and_plain_links(client, tracker):
    nid = str(long_negotiation(tracker, 12, actor="local user"))
    versions, html = shown(client, f"/negotiations/{nid}")
    assert versions == list(range(1, 13)) and 'class="pager"' not in html
    response = client.post(f"/negotiations/{nid}/steps/add_note", data={"text": "Short."})
    assert response.headers["Location"].endswith(f"/negotiations/{nid}#v13")


# -- the JSON API --------------------------------------------------------------------------------
def timeline(client, nid: str, **query):
    return client.get(f"/api/v1/negotiations/{nid}/timeline", query_string=query)


def test_the_api_answers_the_whole_timeline_without_paging_parameters(client, nid):
    body = timeline(client, nid).get_json()
    assert [e["version"] for e in body["entries"]] == list(range(1, EVENTS + 1))
    assert body["more"] is False and body["version"] == EVENTS


def test_the_api_pages_oldest_first_with_after_version(client, tracker, nid):
    body = timeline(client, nid, limit=50).get_json()
    assert [e["version"] for e in body["entries"]] == list(range(1, 51)) and body["more"] is True
    body = timeline(client, nid, limit=50, after_version=100).get_json()
    assert [e["version"] for e in body["entries"]] == list(range(101, EVENTS + 1)) and body["more"] is False
    full = {e.version: e.sentence for e in tracker.timeline(nid)}
    assert all(full[e["version"]] == e["sentence"] for e in body["entries"])


def test_the_api_pages_newest_first_with_before_version(client, nid):
    body = timeline(client, nid, limit=30, order="newest").get_json()
    assert [e["version"] for e in body["entries"]] == list(range(EVENTS, EVENTS - 30, -1)) and body["more"]
    body = timeline(client, nid, limit=30, order="newest", before_version=21).get_json()
    assert [e["version"] for e in body["entries"]] == list(range(20, 0, -1)) and body["more"] is False


def test_the_api_pages_filtered_and_as_of(client, nid):
    body = timeline(client, nid, kind="proposals", limit=4).get_json()
    assert [e["event_type"] for e in body["entries"]] == ["ProposalMade"] * 4 and body["more"] is True
    body = timeline(client, nid, as_of_version=60, limit=100, after_version=40).get_json()
    assert [e["version"] for e in body["entries"]] == list(range(41, 61)) and body["more"] is False


@pytest.mark.parametrize(
    "query, field",
    [
        ({"limit": 0}, "limit"),
        ({"limit": 1001}, "limit"),
        ({"after_version": -1}, "after_version"),
        ({"before_version": 0}, "before_version"),
        ({"limit": "x"}, "limit"),
    ],
)
def test_the_api_refuses_bad_paging_values(client, nid, query, field):
    response = timeline(client, nid, **query)
    assert response.status_code == 422 and field in response.get_json()["errors"]


def test_a_page_grows_with_the_page_not_with_the_history(client, tracker, nid, monkeypatch):
    """After thousands more steps the newest page still replays 50 events from a snapshot."""
    grow(tracker, tracker.get(nid).id, 2_000, batch=200)
    read = []
    get = tracker.events.get

    def counted(*args, **kwargs):
        found = list(get(*args, **kwargs))
        read.append(len(found))
        return iter(found)

    monkeypatch.setattr(tracker.events, "get", counted)
    tracker.timeline_page(nid, 1951, 2000)
    assert sum(read) <= 50 + 20  # the window, and at most a snapshot interval before it
