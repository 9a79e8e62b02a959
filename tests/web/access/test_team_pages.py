"""Teams over HTTP: starting one, its members and their roles (only team owners manage; anyone may
leave), and the dashboard: counts, outcomes, internal role agreements, median days to agreement,
stale negotiations after a number of days the reader picks, filters and pages. Outsiders get 404."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from tests.support.access import AUDITOR, LEAD, MEMBER, OWNER, STRANGER, web_config
from tests.support.accounts import FakeClock
from tests.support.auth import ensure_user, sign_up_and_sign_in
from tests.support.config import make_config
from tests.support.projections import agree

NOW = datetime.now(UTC)


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def clock():
    return FakeClock(NOW + timedelta(days=20))  # every step below was recorded 20 days "ago"


@pytest.fixture
def app(clock):
    from tracker import create_app

    app = create_app({**web_config(make_config(store="memory")), "clock": clock})
    yield app
    app.extensions["people"].close()
    app.extensions["tracker"].close()


def client_for(app, email):
    client = app.test_client()
    sign_up_and_sign_in(client, app, email)
    return client


@pytest.fixture
def team(app):
    """Platform: Lena leads, Max is a member, Ada audits. Olive (not in the team) shares four
    negotiations with it and keeps one private; Max shares one."""
    lead = client_for(app, LEAD)
    team_id = lead.post("/teams/new", data={"name": "Platform"}).headers["Location"].rsplit("/", 1)[1]
    for email, role in ((MEMBER, "member"), (AUDITOR, "viewer")):
        ensure_user(app, email)
        assert lead.post(f"/teams/{team_id}/members", data={"email": email, "role": role}).status_code == 303
    ensure_user(app, OWNER)
    tracker, access = app.extensions["tracker"], app.extensions["people"].access

    def shared(
        owner, title, kind="internal_role_change", started_days_ago=30, agreed_days_ago=None, **fields
    ):
        nid = tracker.start_negotiation(
            actor=owner, title=title, kind=kind, occurred_at=NOW - timedelta(days=started_days_ago), **fields
        )
        if agreed_days_ago is not None:
            agree(tracker, nid, owner, occurred_at=NOW - timedelta(days=agreed_days_ago))
        access.share_with_team(nid, team_id, "viewer", actor=owner)
        return nid

    shared(OWNER, "Tech lead scope", started_days_ago=40, agreed_days_ago=30)  # 10 days
    shared(OWNER, "Staff title", started_days_ago=50, agreed_days_ago=20)  # 30 days
    shared(OWNER, "Four-day week", kind="flexible_work")
    shared(OWNER, "Platform architect role")
    shared(MEMBER, "Promotion to senior", kind="promotion", opportunity_type="new_direction")
    tracker.start_negotiation(actor=OWNER, title="Private: competing offer", kind="job_offer")
    return team_id


def figure(page: str, name: str) -> str:
    return re.search(rf'id="{name}">([^<]+)<', page).group(1)


def test_the_dashboard_counts_and_outcomes(app, team):
    page = text(client_for(app, LEAD).get(f"/teams/{team}/dashboard"))
    assert figure(page, "total") == "5" and figure(page, "agreed") == "2"
    assert re.search(r"Internal role negotiations: <strong>2</strong> of\s+<strong>3</strong>", page)
    assert figure(page, "median-days") == "20 days"
    assert "<dt>agreed</dt><dd>2</dd>" in page and "<dt>preparing</dt><dd>3</dd>" in page
    assert f"<dt>{OWNER}</dt><dd>4</dd>" in page and f"<dt>{MEMBER}</dt><dd>1</dd>" in page
    assert "<dt>new direction for the organization</dt><dd>1</dd>" in page
    assert "<dt>internal role change</dt><dd>3</dd>" in page
    assert "Private: competing offer" not in page


def test_stale_negotiations_after_the_days_the_reader_picks(app, team):
    lead = client_for(app, LEAD)
    default = text(lead.get(f"/teams/{team}/dashboard"))  # 14 days by default; the open ones are 20 days old
    assert figure(default, "stale-count") == "3"
    stale = default[default.index('<h2 id="stale">Stale') : default.index("<h2>Negotiations")]
    assert "Four-day week" in stale and "Platform architect role" in stale and "Tech lead scope" not in stale
    relaxed = text(lead.get(f"/teams/{team}/dashboard?stale_after=30"))
    assert figure(relaxed, "stale-count") == "0" and "Nothing stale." in relaxed
    refused = lead.get(f"/teams/{team}/dashboard?stale_after=0")
    assert refused.status_code == 422 and "between 1 and 3650" in text(refused)


def test_filters_and_pages(app, team):
    lead = client_for(app, LEAD)
    internal = text(lead.get(f"/teams/{team}/dashboard?kind=internal_role_change"))
    assert figure(internal, "total") == "3" and "Four-day week" not in internal
    mine = text(lead.get(f"/teams/{team}/dashboard?owner={MEMBER}"))
    assert figure(mine, "total") == "1" and "Promotion to senior" in mine
    found = text(lead.get(f"/teams/{team}/dashboard?search=staff+title"))
    assert figure(found, "total") == "1"
    closed = text(lead.get(f"/teams/{team}/dashboard?open=no"))
    assert figure(closed, "total") == "2"
    bad = lead.get(f"/teams/{team}/dashboard?stage=won")
    assert bad.status_code == 422 and "stage" in text(bad)
    tracker, access = app.extensions["tracker"], app.extensions["people"].access
    for i in range(20):
        nid = tracker.start_negotiation(
            actor=MEMBER, title=f"Role change {i:02}", kind="internal_role_change"
        )
        access.share_with_team(nid, team, "viewer", actor=MEMBER)
    first = text(lead.get(f"/teams/{team}/dashboard"))
    assert "Page 1 of 2 (25 negotiations)" in first and 'rel="next"' in first
    second = text(lead.get(f"/teams/{team}/dashboard?page=2"))
    assert "Page 2 of 2" in second and 'rel="prev"' in second
    listed = first[first.index("<h2>Negotiations") :], second[second.index("<h2>Negotiations") :]
    assert len(re.findall(r"<tr>\s*<th scope=\"row\">", listed[0])) == 20
    assert len(re.findall(r"<tr>\s*<th scope=\"row\">", listed[1])) == 5


def test_only_members_see_the_team_and_its_dashboard(app, team):
    for email in (LEAD, MEMBER, AUDITOR):
        client = client_for(app, email)
        assert client.get(f"/teams/{team}").status_code == 200
        assert client.get(f"/teams/{team}/dashboard").status_code == 200
        assert "Platform" in text(client.get("/teams"))
    for email in (OWNER, STRANGER):  # Olive shares with the team but is not in it
        client = client_for(app, email)
        for url in (
            f"/teams/{team}",
            f"/teams/{team}/dashboard",
            "/teams/not-a-uuid",
            "/teams/00000000-0000-0000-0000-000000000000/dashboard",
        ):
            response = client.get(url)
            assert response.status_code == 404 and "Tech lead scope" not in text(response), url
        assert "Platform" not in text(client.get("/teams"))


def test_members_and_roles_are_managed_by_team_owners(app, team):
    lead, member, auditor = client_for(app, LEAD), client_for(app, MEMBER), client_for(app, AUDITOR)
    ensure_user(app, STRANGER)
    assert (
        member.post(f"/teams/{team}/members", data={"email": STRANGER, "role": "member"}).status_code == 403
    )
    assert (
        auditor.post(f"/teams/{team}/members/role", data={"email": AUDITOR, "role": "owner"}).status_code
        == 403
    )
    assert member.post(f"/teams/{team}/members/remove", data={"email": AUDITOR}).status_code == 403
    assert (
        lead.post(f"/teams/{team}/members/role", data={"email": MEMBER, "role": "owner"}).status_code == 303
    )
    assert (
        member.post(f"/teams/{team}/members", data={"email": STRANGER, "role": "member"}).status_code == 303
    )
    members = app.extensions["people"].teams.get_team(team).members
    assert members == {LEAD: "owner", MEMBER: "owner", AUDITOR: "viewer", STRANGER: "member"}
    assert auditor.post(f"/teams/{team}/members/remove", data={"email": AUDITOR}).status_code == 303  # leaves
    assert auditor.get(f"/teams/{team}").status_code == 404


@pytest.mark.parametrize(
    "form, message",
    [
        ({"email": "nobody@example.org", "role": "member"}, "ask them to sign up first"),
        ({"email": MEMBER, "role": "member"}, "already in the team"),
        ({"email": "x", "role": "member"}, "not a valid email"),
        ({"email": "\u0455y@example.org", "role": "member"}, "mixes letters"),
        ({"email": STRANGER, "role": "boss"}, "Choose a team role"),
    ],
)
def test_bad_member_input_is_refused(app, team, form, message):
    ensure_user(app, STRANGER)
    response = client_for(app, LEAD).post(f"/teams/{team}/members", data=form)
    assert response.status_code == 422 and message in text(response)
    assert set(app.extensions["people"].teams.get_team(team).members) == {LEAD, MEMBER, AUDITOR}


def test_the_last_owner_cannot_leave_the_team_ownerless(app, team):
    lead = client_for(app, LEAD)
    response = lead.post(f"/teams/{team}/members/remove", data={"email": LEAD})
    assert response.status_code == 422
    assert app.extensions["people"].teams.get_team(team).members[LEAD] == "owner"
