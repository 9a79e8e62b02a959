"""The negotiation page as it stood after a version or at a moment: summary, terms, positions and
stage then, a banner saying which version of how many, a way back to now, and no way to log steps
from the past. A bad version or moment is explained on the page (the latest is shown), never a 500."""

from __future__ import annotations

import re

from tests.support.audit_pages import entries, entry_html, section
from tests.support.web import text

EUR = lambda amount: {"amount": amount, "currency": "EUR"}  # noqa: E731


def test_every_timeline_entry_links_to_the_page_as_of_that_step(client, demo):
    page = client.get(f"/negotiations/{demo}")
    for version in (1, 32, 40):
        assert (
            f'href="/negotiations/{demo}?as_of_version={version}#v{version}">Show as of here'
            in entry_html(page, version)
        )


def test_as_of_a_version_shows_the_state_then_with_a_banner(client, demo):
    page = client.get(f"/negotiations/{demo}?as_of_version=32")  # just after the first offer
    assert page.status_code == 200
    html = text(page)
    banner = section(html, 'id="as-of-banner"', "</div>")
    assert re.search(r"You are looking at version 32 of 40</strong>,\s+recorded <time", banner)
    assert "Nothing can be logged from this view." in banner
    assert f'<a href="/negotiations/{demo}">Back to now</a>' in banner
    assert [v for _, v in entries(page)] == list(range(1, 33))
    assert "version 32" in section(html, 'class="meta"', "</p>")
    assert ">Offer received<" in html or "offer received" in html.lower()
    terms = section(html, 'class="terms-table"', "</table>")
    assert "118,000 EUR" in terms and "132,000 EUR" not in terms  # Dana's first offer; no counter yet
    assert "Senior Data Engineer offer at Northwind" in html


def test_nothing_can_be_logged_from_the_past(client, demo):
    past = text(client.get(f"/negotiations/{demo}?as_of_version=32"))  # prop1 was open then
    assert 'id="log-a-step"' not in past and "Make a proposal" not in past
    assert "/proposals/prop1/accept" not in past and "in_reply_to=prop1" not in past
    assert "/steps/set_priority" not in past
    assert "Open proposals" in past  # the proposal is shown, without its buttons


def test_as_of_the_latest_version_says_so_and_keeps_the_forms(client, tracker, nid):
    latest = tracker.get(nid).version
    html = text(client.get(f"/negotiations/{nid}?as_of_version={latest}"))
    assert f"version {latest} of {latest}" in html and "This is the latest version." in html
    assert 'id="log-a-step"' in html


def test_as_of_a_moment(client, tracker, nid):
    fifth = tracker.timeline(nid)[4].recorded_at
    for moment in (fifth.isoformat(), fifth.strftime("%Y-%m-%dT%H:%M:%S.%fZ")):
        page = client.get(f"/negotiations/{nid}", query_string={"as_of": moment})
        assert page.status_code == 200
        assert [v for _, v in entries(page)] == [1, 2, 3, 4, 5], moment
        assert "the last step recorded by" in text(page)
    # the form's datetime-local value has no zone: the page reads it as UTC
    whole_seconds = client.get(f"/negotiations/{nid}", query_string={"as_of": "2999-01-01T10:00"})
    assert whole_seconds.status_code == 200 and 'value="2999-01-01T10:00:00"' in text(whole_seconds)


def test_the_past_links_compare_as_of_that_version(client, demo):
    html = text(client.get(f"/negotiations/{demo}?as_of_version=35"))
    assert f"/negotiations/{demo}/compare?base=prop2&amp;other=prop3&amp;as_of_version=35" in html
    assert f"/negotiations/{demo}/compare?as_of_version=35" in html


def test_filters_apply_to_the_past_timeline_and_keep_the_version(client, demo):
    page = client.get(f"/negotiations/{demo}?as_of_version=34&kind=proposals")
    assert [v for _, v in entries(page)] == [32, 34]
    html = text(page)
    assert "Showing 2 of 34 steps." in html
    assert '<input type="hidden" name="as_of_version" value="34">' in html
    assert f'href="/negotiations/{demo}?kind=proposals">Back to now' in html


def test_bad_versions_and_moments_are_explained_and_the_latest_is_shown(client, demo):
    for query, words in (
        ("as_of_version=41", "There is no version 41"),
        ("as_of_version=0", "Must be greater than or equal to 1"),
        ("as_of_version=first", "Not a valid integer"),
        ("as_of=yesterday", "ISO 8601"),
        ("as_of=2001-01-01T00:00:00Z", "did not exist yet"),
        ("as_of_version=3&as_of=2030-01-01", "not both"),
    ):
        page = client.get(f"/negotiations/{demo}?{query}")
        assert page.status_code == 422, query
        html = text(page)
        assert words in html and "Showing the latest version instead." in html, query
        assert 'id="as-of-banner"' not in html and 'id="log-a-step"' in html
        assert len(entries(page)) == 40


def test_an_unknown_negotiation_is_404(client):
    assert client.get("/negotiations/4b7e1c9a-0000-4000-8000-000000000000?as_of_version=2").status_code == 404
