"""The "what's due" page (issue 20) as a person in Berlin uses it, with the README's defaults (sign-in
and CSRF on): a respond-by typed in local time comes back in local time, the decision date and an
expiring alternative are listed, overdue first, each linked to its place; a negotiation shared with
someone to read only is not on their list; the header links to the page."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.support.web import errors_beside, fill, text
from tests.support.web_auth import auth_app
from tests.web.test_time_zones import sign_up, start_negotiation

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def app():
    app = auth_app()
    yield app
    app.extensions["people"].close()
    app.extensions["tracker"].close()


def prepared(client) -> str:
    nid = start_negotiation(client)
    for name, role, side in (
        ("Alex Morgan", "candidate", "owner"),
        ("Dana Kim", "hiring manager", "counterpart"),
    ):
        assert (
            fill(
                client, f"/negotiations/{nid}/steps/join_party", {"name": name, "role": role, "side": side}
            ).status_code
            == 303
        )
    added = fill(
        client,
        f"/negotiations/{nid}/steps/add_term",
        {
            "key": "base_salary",
            "label": "Base salary",
            "kind": "money",
            "currency": "EUR",
            "better": "higher",
        },
    )
    assert added.status_code == 303, text(added)[:300]
    return nid


def test_whats_due_in_the_persons_own_time_zone(app):
    client = app.test_client()
    sign_up(client, "alex@example.org", time_zone="Europe/Berlin", locale="en-GB")
    nid = prepared(client)
    local = (datetime.now(BERLIN) + timedelta(days=2)).replace(hour=17, minute=0, second=0, microsecond=0)
    made = fill(
        client,
        f"/negotiations/{nid}/steps/make_proposal",
        {
            "from_party": "p2",
            "to_parties": "p1",
            "values-base_salary-amount": "120000",
            "values-base_salary-currency": "EUR",
            "respond_by": local.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert made.status_code == 303, errors_beside(text(made))
    stored = app.extensions["tracker"].get(nid).answer_wanted_by["prop1"]
    assert stored == local.astimezone(UTC)
    expiry = (datetime.now(BERLIN) + timedelta(days=1)).date().isoformat()
    fill(
        client,
        f"/negotiations/{nid}/steps/log_alternative",
        {"label": "Contoso offer", "kind": "competing_offer", "deadline": expiry},
    )
    overdue = (datetime.now(BERLIN) - timedelta(days=1)).date().isoformat()
    fill(
        client, f"/negotiations/{nid}/steps/set_decision_date", {"decide_by": overdue, "reason": "Start date"}
    )

    page = client.get("/due")
    assert page.status_code == 200
    body = text(page)
    assert 'href="/due"' in body  # the header's link
    items = re.findall(r'<li class="due-item( overdue)?">(.*?)</li>', body, re.S)
    assert [bool(flag) for flag, _ in items] == [True, False, False]
    decision, contoso, answer = (
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip() for _, html in items
    )
    assert decision.startswith("overdue") and f"You mean to decide by {overdue}" in decision
    assert f"Your alternative Contoso offer expires on {expiry}" in contoso
    assert "Dana Kim wants an answer to proposal #1" in answer
    assert local.strftime("%H:%M") in answer and ("CET" in answer or "CEST" in answer)
    assert f'href="/negotiations/{nid}#proposal-prop1"' in body


def test_a_bad_respond_by_is_shown_beside_its_field_and_nothing_is_stored(app):
    client = app.test_client()
    sign_up(client, "alex@example.org", time_zone="Europe/Berlin")
    nid = prepared(client)
    refused = fill(
        client,
        f"/negotiations/{nid}/steps/make_proposal",
        {
            "from_party": "p2",
            "to_parties": "p1",
            "values-base_salary-amount": "120000",
            "values-base_salary-currency": "EUR",
            "respond_by": "2020-01-01T09:00",
        },
    )
    assert refused.status_code == 422
    assert (
        errors_beside(text(refused))["respond_by"]
        == "The answer can only be wanted after the proposal was made."
    )
    assert not app.extensions["tracker"].get(nid).proposals


def test_a_reader_only_share_puts_nothing_on_their_list(app):
    owner, reader = app.test_client(), app.test_client()
    sign_up(reader, "coach@example.org", time_zone="Europe/Berlin")
    sign_up(owner, "alex@example.org", time_zone="Europe/Berlin")
    nid = prepared(owner)
    fill(
        owner,
        f"/negotiations/{nid}/steps/set_decision_date",
        {"decide_by": datetime.now(BERLIN).date().isoformat()},
    )
    app.extensions["people"].access.share_with_user(
        nid, "coach@example.org", "viewer", actor="alex@example.org"
    )
    assert "You mean to decide by" in text(owner.get("/due"))
    assert "Nothing is due in the next 7 days" in text(reader.get("/due"))
