"""GET /api/v1/teams/{team_id}/dashboard: the page's figures in JSON (counts, stale list, time in stage,
the charts' series) with its filters, for the team's members only; others and unknown teams 404."""

# ruff: noqa: F811  (the fixtures imported from test_team_pages are used by name)
from __future__ import annotations

from tests.support.access import AUDITOR, LEAD, MEMBER, OWNER, STRANGER
from tests.support.auth import api_token, bearer, ensure_user
from tests.web.access.test_team_pages import app, clock, team  # noqa: F401

URL = "/api/v1/teams/{}/dashboard"


def get(app, email, team, **query):
    ensure_user(app, email)
    return app.test_client().get(URL.format(team), query_string=query, headers=bearer(api_token(app, email)))


def test_members_get_the_figures_and_the_series(app, team):
    response = get(app, AUDITOR, team)
    assert response.status_code == 200
    body = response.get_json()
    assert (body["team_name"], body["total"], body["agreed"]) == ("Platform", 5, 2)
    assert body["by_stage"] == {"agreed": 2, "preparing": 3}
    assert {s["title"] for s in body["stale"]} == {
        "Four-day week",
        "Platform architect role",
        "Promotion to senior",
    }
    assert body["time_in_stage"] == [
        {
            "stage": "preparing",
            "current": False,
            "median_days": 20.0,
            "p90_days": 30.0,
            "stays": 2,
            "negotiations": 2,
        },
        {
            "stage": "preparing",
            "current": True,
            "median_days": 50.0,
            "p90_days": 50.0,
            "stays": 3,
            "negotiations": 3,
        },
        {
            "stage": "agreed",
            "current": True,
            "median_days": 45.0,
            "p90_days": 50.0,
            "stays": 2,
            "negotiations": 2,
        },
    ]
    assert len(body["months"]) == 12 and body["months"][-1].endswith("-01")
    assert body["stages_by_month"]["preparing"][-1] == 3 and body["stages_by_month"]["agreed"][-1] == 2
    assert sum(body["outcomes_by_month"]["agreed"]) == 2
    assert body["agreement_by_kind"] == [
        {"kind": "internal_role_change", "median_days": 20.0, "negotiations": 2}
    ]
    assert body["approvals_waiting"] == []


def test_the_filters_of_the_page(app, team):
    body = get(app, LEAD, team, kind="promotion", stale_after="60").get_json()
    assert (body["total"], body["stale_count"], body["stale_after_days"]) == (1, 0, 60)
    assert body["time_in_stage"] == [
        {
            "stage": "preparing",
            "current": True,
            "median_days": 50.0,
            "p90_days": 50.0,
            "stays": 1,
            "negotiations": 1,
        }
    ]
    refused = get(app, LEAD, team, stale_after="0")
    assert refused.status_code == 422 and "stale_after" in refused.get_json()["errors"]


def test_outsiders_and_unknown_teams_get_404(app, team):
    for email in (OWNER, STRANGER):  # Olive shares with the team but is not in it
        response = get(app, email, team)
        assert response.status_code == 404 and "Platform" not in response.get_data(as_text=True)
    assert get(app, MEMBER, "00000000-0000-0000-0000-000000000000").status_code == 404
    assert app.test_client().get(URL.format(team)).status_code == 401
