"""Analysis pages: as of an earlier version or moment, and every way to ask wrongly: an unknown
negotiation, bad rates (the page still shows, unconverted, with the reason), a bad as-of; and the
access check on every route."""

from __future__ import annotations

import re
import uuid

import pytest

from tests.support.web import text
from tracker.domain.errors import NotFound
from tracker.web.identity import Forbidden

PAGES = ("analysis", "charts", "side-by-side", "charts/dance.svg", "charts/terms/base_salary.svg")


def first_offer_version(tracker, nid: str) -> int:
    return next(e.version for e in tracker.timeline(nid) if e.event_type == "ProposalMade")


@pytest.mark.parametrize("page", PAGES)
def test_an_unknown_negotiation_is_404(client, page):
    assert client.get(f"/negotiations/{uuid.uuid4()}/{page}").status_code == 404
    assert client.get(f"/negotiations/not-a-uuid/{page}").status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_every_route_checks_read_access(app, client, demo, page):
    calls = []

    def nobody(negotiation_id, level):
        calls.append((str(negotiation_id), level))
        raise NotFound("No such negotiation.")

    app.extensions["access_check"] = nobody
    assert client.get(f"/negotiations/{demo}/{page}").status_code == 404
    assert calls == [(demo, "read")]


def test_a_reader_without_permission_to_read_gets_403(app, client, demo):
    def forbidden(negotiation_id, level):
        raise Forbidden("Not yours to read.")

    app.extensions["access_check"] = forbidden
    response = client.get(f"/negotiations/{demo}/analysis")
    assert response.status_code == 403 and "Not yours to read." in text(response)


@pytest.mark.parametrize(
    "query, message",
    [
        ("rates=USD:abc&convert_to=EUR", "&#39;abc&#39; is not a number."),
        ("rates=USD:0.9", "Say which currency to convert to (convert_to), e.g. EUR."),
        ("rates=USD:-1&convert_to=EUR", "The rate for USD must be a positive number."),
        ("rates=USD0.9&convert_to=EUR", "&#39;USD0.9&#39; is not a rate: write each as CURRENCY:RATE"),
        ("rates=USD:1,USD:2&convert_to=EUR", "USD is given twice."),
        ("rates=DOLLARS:1&convert_to=EUR", "A currency is a three-letter code such as EUR or USD."),
        ("convert_to=EURO", "A currency is a three-letter code such as EUR or USD."),
    ],
)
@pytest.mark.parametrize("page", ("analysis", "side-by-side", "charts"))
def test_bad_rates_show_the_page_unconverted_with_the_reason(client, demo, query, message, page):
    response = client.get(f"/negotiations/{demo}/{page}?{query}")
    assert response.status_code == 422
    html = text(response)
    assert f"Your rates were not used: {message}" in html
    assert 'aria-invalid="true"' in html
    assert "Offer from Contoso" in html  # the analysis is still there
    assert "≈" not in html


def test_bad_rates_do_not_matter_to_a_chart_file(client, demo):
    response = client.get(f"/negotiations/{demo}/charts/dance.svg?rates=nonsense&convert_to=EUR")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"


@pytest.mark.parametrize(
    "query, message",
    [
        ("as_of_version=0", "A version is a whole number from 1."),
        ("as_of_version=abc", "A version is a whole number from 1."),
        ("as_of_version=999", "There is no version 999: this negotiation has versions 1 to 40."),
        ("as_of=yesterday", "Give a date and time in ISO 8601"),
        ("as_of=2026-03-03T17:00:00", "Give the time with its time zone"),
        ("as_of=2000-01-01", "The negotiation did not exist yet"),
        ("as_of=2000-01-01&as_of_version=3", "Ask for a version or a moment, not both."),
    ],
)
@pytest.mark.parametrize("page", ("analysis", "charts", "side-by-side"))
def test_a_bad_as_of_says_what_to_change(client, demo, query, message, page):
    response = client.get(f"/negotiations/{demo}/{page}?{query}")
    assert response.status_code == 422
    html = text(response)
    assert "Cannot show this analysis" in html and message in html
    assert f'href="/negotiations/{demo}/{page}"' in html  # a way back to the analysis now


@pytest.mark.parametrize("chart", ("dance.svg", "terms/base_salary.svg"))
def test_a_bad_as_of_on_a_chart_file_is_422_in_plain_text(client, demo, chart):
    response = client.get(f"/negotiations/{demo}/charts/{chart}?as_of_version=999")
    assert response.status_code == 422 and response.mimetype == "text/plain"
    assert "There is no version 999" in text(response)


def test_the_analysis_as_of_the_first_offer(client, tracker, demo):
    version = first_offer_version(tracker, demo)
    html = re.sub(r"\s+", " ", text(client.get(f"/negotiations/{demo}/analysis?as_of_version={version}")))
    assert f"As of version {version} of 40" in html
    assert 'data-package="proposal:prop1"' in html and 'data-package="proposal:prop2"' not in html
    assert "Not enough proposals from both sides yet to compare concessions." in html
    assert f'href="/negotiations/{demo}/charts?as_of_version={version}"' in html  # links keep the moment
    assert f'href="/negotiations/{demo}/analysis">See it as it stands now' in html


def test_as_of_a_moment_reads_what_the_record_said_then(client, tracker, demo):
    version = first_offer_version(tracker, demo)
    moment = next(e.recorded_at for e in tracker.timeline(demo) if e.version == version)
    response = client.get(f"/negotiations/{demo}/side-by-side", query_string={"as_of": moment.isoformat()})
    html = re.sub(r"\s+", " ", text(response))
    assert response.status_code == 200
    assert f"As of version {version} of 40" in html
    assert "Latest proposal #1 Dana Kim (hiring manager)" in html


def test_the_chart_files_as_of_a_version(client, tracker, demo):
    version = first_offer_version(tracker, demo)
    dance = text(client.get(f"/negotiations/{demo}/charts/dance.svg?as_of_version={version}"))
    assert "Dana Kim's proposals, your score" in dance and "Alex Morgan's proposals" not in dance
    # Before any proposal there is nothing to draw
    assert client.get(f"/negotiations/{demo}/charts/dance.svg?as_of_version={version - 1}").status_code == 404
    assert client.get(f"/negotiations/{demo}/charts/terms/base_salary.svg?as_of_version=2").status_code == 404
