"""Comparing packages term by term on a page: two proposals, a proposal and your targets, a proposal
and an alternative; each value, the difference, which way it moved and whether that is better or
worse for you, in words as well as colour. Linked from every proposal on the timeline."""

from __future__ import annotations

import re

from tests.support.audit_pages import entry_html, section
from tests.support.web import text


def row(html: str, key: str) -> str:
    return re.sub(r"\s+", " ", section(html, f'id="term-{key}"', "</tr>"))


def test_two_proposals_term_by_term(client, demo):
    page = client.get(f"/negotiations/{demo}/compare?base=prop1&other=prop3")
    assert page.status_code == 200
    html = text(page)
    assert (
        "Proposal #3 from Dana Kim (hiring manager) compared with Proposal #1 from Dana Kim (hiring manager)"
        in html
    )
    salary = row(html, "base_salary")
    assert "118,000 EUR" in salary and "124,000 EUR" in salary and "+6,000 EUR" in salary
    assert "↑ up" in salary and "verdict-better" in salary and "Better for you" in salary
    assert "weight 40" in salary
    title = row(html, "title")  # a choice: judged by the owner's ratings (20 -> 80)
    assert "changed" in title and "Better for you" in title
    start = row(html, "start_date")  # only the first offer named a start date
    assert "only in #1 · Dana Kim" in start and "Not in both" in start
    assert re.search(r"better for you on 7 terms", html)


def test_worse_is_said_in_words_and_colour(client, demo):
    html = text(client.get(f"/negotiations/{demo}/compare?base=targets&other=prop4"))
    assert "Proposal #4 from Alex Morgan (candidate) compared with Your targets" in html
    salary = row(html, "base_salary")
    assert "130,000 EUR" in salary and "127,000 EUR" in salary and "-3,000 EUR" in salary
    assert "↓ down" in salary and "verdict-worse" in salary and "Worse for you" in salary
    remote = row(html, "remote_days")
    assert "no change" in remote and "No change" in remote


def test_a_proposal_against_an_alternative(client, demo):
    html = text(client.get(f"/negotiations/{demo}/compare?base=alt1&other=prop4"))
    assert "compared with Alternative: Offer from Contoso" in html
    assert "+3,000 EUR" in row(html, "base_salary")


def test_the_picker_lists_every_package_and_keeps_the_choice(client, demo):
    html = text(client.get(f"/negotiations/{demo}/compare?base=prop2&other=walk_away"))
    picker = section(html, 'class="filters compare-picker"', "</form>")
    for ref in ("prop1", "prop2", "prop3", "prop4", "alt1", "alt2", "targets", "walk_away"):
        assert f'<option value="{ref}"' in picker
    assert '<option value="prop2" selected>' in picker and '<option value="walk_away" selected>' in picker
    assert f"/negotiations/{demo}/compare?base=walk_away&amp;other=prop2" in html  # swap
    fresh = text(client.get(f"/negotiations/{demo}/compare"))
    assert '<option value="prop3" selected>' in fresh and '<option value="prop4" selected>' in fresh
    assert "compare-table" not in fresh


def test_every_proposal_on_the_timeline_links_to_comparisons(client, demo):
    page = client.get(f"/negotiations/{demo}")
    first = entry_html(page, 32)
    assert f"/negotiations/{demo}/compare?base=targets&amp;other=prop1" in first
    counter = entry_html(page, 35)  # prop3 answers prop2 and follows Dana's prop1
    assert (
        f'/negotiations/{demo}/compare?base=prop2&amp;other=prop3">'
        "Compare with proposal #2 from Alex Morgan, which it answers" in counter
    )
    assert (
        f'/negotiations/{demo}/compare?base=prop1&amp;other=prop3">Compare with proposal #1 from Dana Kim, '
        "the previous one"
    ) in counter
    assert "compare?" not in entry_html(page, 33)  # an interaction is not a package


def test_as_of_an_earlier_version(client, demo):
    page = client.get(f"/negotiations/{demo}/compare?base=prop1&other=prop2&as_of_version=34")
    assert page.status_code == 200
    html = text(page)
    assert "As it stood at version 34 of 40" in html
    assert '<option value="prop3"' not in html  # not made yet
    assert (
        client.get(f"/negotiations/{demo}/compare?base=prop1&other=prop3&as_of_version=34").status_code == 422
    )


def test_unknown_or_missing_packages_are_explained(client, tracker, demo, nid):
    for query, words in (
        ("base=prop1&other=prop9", "no proposal or alternative &#39;prop9&#39;"),
        ("base=prop1", "Pick a second package"),
        ("base=prop1&other=prop1", "two different packages"),
        ("base=prop1&other=prop2&as_of_version=99", "no version 99"),
    ):
        page = client.get(f"/negotiations/{demo}/compare?{query}")
        assert page.status_code == 422, query
        assert words in text(page) and 'id="error-summary"' in text(page), query
        assert "compare-table" not in text(page) or "as_of_version" in query
    tracker.step(
        nid, "make_proposal", actor="alex", from_party="p2", to_parties=["p1"], values={"remote_days": "2"}
    )
    no_targets = client.get(f"/negotiations/{nid}/compare?base=targets&other=prop1")
    assert no_targets.status_code == 422 and "No targets are set yet." in text(no_targets)
    assert client.get("/negotiations/4b7e1c9a-0000-4000-8000-000000000000/compare").status_code == 404


def test_an_empty_negotiation_has_nothing_to_compare(client, nid):
    html = text(client.get(f"/negotiations/{nid}/compare"))
    assert "Nothing to compare yet" in html
