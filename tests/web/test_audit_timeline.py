"""The timeline on the negotiation page, filtered by party, kind of step, actor and date range
(recorded or happened), each step with its version, actor, recorded and happened times; the CSV
download honours the same filters. A bad filter is explained beside its field, never a 500."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from tests.support.audit_pages import entries, entry_html, section
from tests.support.web import text


def versions(response) -> list[int]:
    return [v for _, v in entries(response)]


def test_every_step_shows_version_actor_recorded_and_happened_times(client, demo):
    page = client.get(f"/negotiations/{demo}")
    assert page.status_code == 200 and versions(page) == list(range(1, 41))
    offer = entry_html(page, 32)  # prop1, happened 14 days before it was logged
    assert ">#32<" in offer and "demo@example.org" in offer
    assert "recorded <time" in offer and "happened <time" in offer
    assert "40 steps." in text(page)


def test_filter_by_party_kind_and_actor(client, tracker, demo):
    tracker.step(demo, "record_lessons", actor="coach@example.org", lessons="Ask about the on-call rota.")
    dana = client.get(f"/negotiations/{demo}?party=p2")
    assert versions(dana) == [5, 32, 33, 34, 35, 36, 38]
    assert "Showing 7 of 41 steps." in text(dana)
    proposals = client.get(f"/negotiations/{demo}?kind=proposals&party=p3")
    assert [(k, v) for k, v in entries(proposals)] == [
        ("ProposalMade", 34),
        ("ProposalMade", 36),
        ("ProposalAccepted", 37),
    ]
    coach = client.get(f"/negotiations/{demo}?actor=COACH@example.org")
    assert versions(coach) == [41]


def test_filter_by_date_range_on_recorded_or_happened_time(client, tracker, nid):
    for day in (3, 5, 9):
        tracker.step(
            nid,
            "log_interaction",
            actor="alex",
            channel="call",
            participants=["p1", "p2"],
            summary=f"Call on the {day}th",
            occurred_at=datetime(2026, 3, day, 10, tzinfo=UTC),
        )
    happened = client.get(f"/negotiations/{nid}?since=2026-03-04&until=2026-03-09&basis=occurred")
    assert [v for k, v in entries(happened)] == [11, 12]
    assert "Call on the 5th" in text(happened) and "Call on the 3rd" not in text(happened)
    today = datetime.now(UTC).date().isoformat()
    recorded = client.get(f"/negotiations/{nid}?since={today}&until={today}")
    assert versions(recorded) == list(range(1, 13))  # everything was logged today
    assert versions(client.get(f"/negotiations/{nid}?until=2026-03-09")) == []


def test_the_filter_form_keeps_its_values_and_the_order_link_keeps_the_filters(client, demo):
    html = text(client.get(f"/negotiations/{demo}?party=p2&kind=proposals&basis=occurred&order=newest"))
    form = section(html, 'class="filters timeline-filters"', "</form>")
    assert '<option value="p2" selected>Dana Kim (hiring manager)</option>' in form
    assert '<option value="proposals" selected>' in form
    assert '<option value="occurred" selected>happened</option>' in form
    assert '<input type="hidden" name="order" value="newest">' in form
    assert f'/negotiations/{demo}?party=p2&amp;kind=proposals&amp;basis=occurred">show oldest first' in html
    newest = client.get(f"/negotiations/{demo}?party=p2&order=newest")
    assert versions(newest) == [38, 36, 35, 34, 33, 32, 5]


def test_bad_filters_are_explained_beside_their_field_and_the_whole_timeline_shows(client, demo):
    for query, field, words in (
        ("since=yesterday", "since", "YYYY-MM-DD"),
        ("kind=gossip", "kind", "Choose a kind of step"),
        ("party=p9", "party", "There is no party &#39;p9&#39;"),
        ("basis=whenever", "basis", "Must be one of"),
        ("since=2026-03-09&until=2026-03-01", "since", "after its end"),
    ):
        page = client.get(f"/negotiations/{demo}?{query}")
        assert page.status_code == 422, query
        html = text(page)
        assert f'id="filter-{field}-error"' in html and words in html, query
        assert f'id="filter-{field}"' in html and 'aria-invalid="true"' in html
        assert versions(page) == list(range(1, 41)), query
        assert "Some filters could not be used" in html


def test_csv_download_honours_the_filters(client, demo):
    response = client.get(f"/negotiations/{demo}/timeline.csv?kind=proposals&party=p2")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert "timeline-filtered.csv" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(text(response))))
    assert rows[0] == ["version", "type", "actor", "recorded_at", "occurred_at", "sentence"]
    assert [int(r[0]) for r in rows[1:]] == [32, 34, 35, 36, 38]
    everything = list(csv.reader(io.StringIO(text(client.get(f"/negotiations/{demo}/timeline.csv")))))
    assert len(everything) == 41
    page = text(client.get(f"/negotiations/{demo}?kind=proposals&party=p2"))
    assert f"/negotiations/{demo}/timeline.csv?kind=proposals&amp;party=p2" in page


def test_csv_with_a_bad_filter_is_a_clear_refusal(client, demo):
    response = client.get(f"/negotiations/{demo}/timeline.csv?since=soon")
    assert response.status_code == 422 and "YYYY-MM-DD" in text(response)
    assert client.get("/negotiations/00000000-0000-0000-0000-000000000000/timeline.csv").status_code == 404


def test_every_bad_filter_is_named_at_once(client, demo):
    html = text(client.get(f"/negotiations/{demo}?since=soon&until=later&party=p9&kind=gossip"))
    for field in ("since", "until", "party", "kind"):
        assert f'id="filter-{field}-error"' in html, field
