"""The negotiation page: summary (stage, parties by side, terms with priorities and positions, open
proposals) and the timeline of readable sentences with anchors, oldest or newest first."""

import re
from datetime import UTC, datetime

from tests.support.web import text

EUR = lambda amount: {"amount": amount, "currency": "EUR"}  # noqa: E731


def test_summary_shows_stage_parties_by_side_and_terms(client, nid):
    page = text(client.get(f"/negotiations/{nid}"))
    assert "Data Engineer offer" in page and "preparing" in page
    owner = page.index(">owner<")
    counterpart = page.index(">counterpart<")
    assert owner < page.index("Alex Morgan") < counterpart < page.index("Dana Kim")
    for label in ("Base salary", "Remote days", "Company car", "Start date", "Title"):
        assert label in page


def test_terms_table_shows_priority_and_each_partys_latest_position(client, tracker, nid):
    tracker.step(
        nid,
        "set_priority",
        actor="alex",
        term_key="base_salary",
        weight=40,
        target=EUR("130000"),
        walk_away=EUR("112000"),
    )
    tracker.step(
        nid,
        "make_proposal",
        actor="alex",
        from_party="p2",
        to_parties=["p1"],
        values={"base_salary": EUR("118000"), "remote_days": "2"},
    )
    tracker.step(
        nid,
        "make_proposal",
        actor="alex",
        from_party="p2",
        to_parties=["p1"],
        values={"base_salary": EUR("121000")},
    )
    page = text(client.get(f"/negotiations/{nid}"))
    table = page[page.index('class="terms-table"') : page.index("</table>")]
    salary_row = table[table.index("Base salary") : table.index("Remote days")]
    assert re.search(r">\s*40\s*<", salary_row)
    assert "130,000 EUR" in salary_row and "112,000 EUR" in salary_row
    assert "121,000 EUR" in salary_row and "118,000 EUR" not in salary_row  # the latest position only
    assert "Dana Kim</th>" in table


def test_open_proposals_offer_accept_counter_reject_withdraw(client, tracker, nid):
    tracker.step(
        nid,
        "make_proposal",
        actor="alex",
        from_party="p2",
        to_parties=["p1"],
        values={"base_salary": EUR("118000")},
    )
    page = text(client.get(f"/negotiations/{nid}"))
    assert f"/negotiations/{nid}/proposals/prop1/accept" in page
    assert f"/negotiations/{nid}/proposals/prop1/reject" in page
    assert f"/negotiations/{nid}/proposals/prop1/withdraw" in page
    assert f"/negotiations/{nid}/steps/make_proposal?in_reply_to=prop1" in page


def test_timeline_has_every_event_as_a_sentence_with_its_anchor_actor_and_times(client, tracker, nid):
    happened = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    tracker.step(
        nid,
        "log_interaction",
        actor="coach@example.org",
        channel="call",
        participants=["p1", "p2"],
        summary="Dana is open on remote days.",
        occurred_at=happened,
    )
    page = text(client.get(f"/negotiations/{nid}"))
    for version in range(1, 11):
        assert f'id="v{version}"' in page and f'href="#v{version}"' in page
    assert "Started “Data Engineer offer”: job offer, standard ask" in page
    assert "Dana Kim (hiring manager) joined on the counterpart side" in page
    entry = page[page.index('id="v10"') :]
    assert (
        "Call with Alex Morgan (candidate), Dana Kim (hiring manager) (neutral): Dana is open on remote days."
        in entry
    )
    assert "coach@example.org" in entry and "happened" in entry and "2 Mar 2026, 09:30 UTC" in entry
    assert "recorded" in entry


def test_timeline_order_is_oldest_first_or_newest_first(client, nid):
    oldest = text(client.get(f"/negotiations/{nid}"))
    newest = text(client.get(f"/negotiations/{nid}?order=newest"))
    assert oldest.index('id="v1"') < oldest.index('id="v8"')
    assert newest.index('id="v8"') < newest.index('id="v1"')
    assert "show oldest first" in newest and "show newest first" in oldest


def test_user_text_is_escaped_everywhere(client, tracker, nid):
    tracker.step(nid, "add_note", actor="alex", text="<img src=x onerror=alert(1)>")
    tracker.step(nid, "join_party", actor="alex", name="<b>Eve</b>", role="HR", side="counterpart")
    page = text(client.get(f"/negotiations/{nid}"))
    assert "<img src=x" not in page and "<b>Eve</b>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "&lt;b&gt;Eve&lt;/b&gt;" in page


def test_unknown_or_malformed_negotiation_is_404(client):
    assert client.get("/negotiations/7c1f0a52-8a3e-4c2c-9d7e-1b2c3d4e5f60").status_code == 404
    assert client.get("/negotiations/not-an-id").status_code == 404
    assert client.get("/negotiations/not-an-id/steps/add_note").status_code == 404


def test_a_closed_negotiation_offers_only_lessons_and_reopening(client, tracker, nid):
    tracker.step(nid, "conclude", actor="alex", outcome="declined")
    page = text(client.get(f"/negotiations/{nid}"))
    assert f"/negotiations/{nid}/steps/reopen" in page
    assert f"/negotiations/{nid}/steps/record_lessons" in page
    assert f"/negotiations/{nid}/steps/add_term" not in page


def test_pages_carry_security_headers_and_no_inline_script(client, nid):
    response = client.get(f"/negotiations/{nid}")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    scripts = re.findall(r"<script[^>]*>", text(response))
    assert scripts and all('src="/static/' in tag for tag in scripts)
    assert "http://" not in "".join(re.findall(r'(?:href|src)="[^"]*"', text(response)))
