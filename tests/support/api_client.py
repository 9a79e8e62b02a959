"""A thin JSON client over Flask's test client for the API tests, and the prepared negotiation
every route test starts from."""

from __future__ import annotations

import json
from typing import Any

EUR = "EUR"
PREFIX = "/api/v1"


def eur(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": EUR}


def team_of(app: Any, member: bool = True) -> str:
    """A team sharing a negotiation, of which the local user is a member (or not)."""
    people, tracker = app.extensions["people"], app.extensions["tracker"]
    lead = app.config["TRACKER"].get("local_actor", "local user") if member else "lena@example.com"
    team = people.teams.create_team("Platform", actor=lead)
    nid = tracker.start_negotiation(actor=lead, title="Team lead role", kind="job_offer")
    people.access.share_with_team(nid, team, "viewer", actor=lead)
    return str(team)


class Api:
    def __init__(self, client: Any) -> None:
        self.client = client

    def start(self, **fields: Any) -> dict[str, Any]:
        body = {"title": "Senior data engineer offer at Northwind", "kind": "job_offer", **fields}
        response = self.client.post(f"{PREFIX}/negotiations", json=body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    def url(self, negotiation_id: str, path: str = "") -> str:
        return f"{PREFIX}/negotiations/{negotiation_id}{path}"

    def version(self, negotiation_id: str) -> int:
        return self.get(negotiation_id).get_json()["version"]

    def get(self, negotiation_id: str, path: str = "", **query: Any):
        return self.client.get(self.url(negotiation_id, path), query_string=query)

    def post(
        self,
        negotiation_id: str,
        path: str,
        body: Any = None,
        *,
        version: int | str | None = "current",
        headers: dict[str, str] | None = None,
        raw: str | bytes | None = None,
        content_type: str = "application/json",
    ):
        """POSTs a step; ``version="current"`` sends If-Match with the current version, None sends none."""
        headers = dict(headers or {})
        if version == "current":
            version = self.version(negotiation_id)
        if version is not None:
            headers["If-Match"] = f'"{version}"'
        data = raw if raw is not None else json.dumps(body if body is not None else {})
        return self.client.post(
            self.url(negotiation_id, path), data=data, headers=headers, content_type=content_type
        )

    def ok(
        self,
        negotiation_id: str,
        path: str,
        body: Any,
        status: int | None = None,
        version: int | str = "current",
    ) -> dict[str, Any]:
        response = self.post(negotiation_id, path, body, version=version)
        assert response.status_code in ((status,) if status else (200, 201)), response.get_json()
        return response.get_json()


def prepare(api: Api) -> str:
    """A negotiation with three negotiating parties and a coach, three terms, an ally and an open
    offer from the hiring manager (prop1) to the candidate. Returns its id."""
    negotiation_id = api.start()["id"]
    steps = [
        ("/parties", {"name": name, "role": role, "side": side})
        for name, role, side in (
            ("Alex Morgan", "candidate", "owner"),
            ("Dana Kim", "hiring manager", "counterpart"),
            ("Rick Alvarez", "recruiter", "counterpart"),
            ("Sam Patel", "coach", "advisor"),
        )
    ]
    steps += [
        (
            "/terms",
            {
                "key": "base_salary",
                "label": "Base salary",
                "kind": "money",
                "currency": EUR,
                "better": "higher",
            },
        ),
        ("/terms", {"key": "remote_days", "label": "Remote days", "kind": "days", "better": "higher"}),
        (
            "/terms",
            {
                "key": "sign_on",
                "label": "Sign-on bonus",
                "kind": "money",
                "currency": EUR,
                "better": "higher",
            },
        ),
        ("/allies", {"name": "Jo Lee", "relationship": "former manager"}),
        (
            "/proposals",
            {
                "from_party": "p2",
                "to_parties": ["p1"],
                "values": {"base_salary": eur("115000"), "remote_days": "2"},
            },
        ),
    ]
    for version, (path, body) in enumerate(steps, start=1):  # each step adds one version
        api.ok(negotiation_id, path, body, version=version)
    return negotiation_id


#: The owner's priority on base salary, as a step to run first: (path, body).
SALARY_PRIORITY = (
    "/priorities",
    {"term_key": "base_salary", "weight": 70, "target": eur("130000"), "walk_away": eur("110000")},
)

#: operationId -> how to exercise it successfully on a prepared negotiation: path values, body, query,
#: and steps to run first ((path, body) pairs).
SAMPLES: dict[str, dict[str, Any]] = {
    "list_negotiations": {"query": {"stage": "offer_received"}},
    "get_due": {},
    # The calendar feed is an account's: these sign in with a token (without one, sign-in off: 403).
    "get_calendar_feed": {"cases": {200: lambda app, api, nid: with_account(app)}},
    "open_calendar_feed": {"cases": {201: lambda app, api, nid: with_account(app)}},
    "close_calendar_feed": {
        "cases": {
            204: lambda app, api, nid: with_account(app, feed_on=True),
            404: lambda app, api, nid: with_account(app),
        }
    },
    "start_negotiation": {
        "body": {
            "title": "Promotion to staff engineer",
            "kind": "promotion",
            "opportunity_type": "new_direction",
            "description": "Scope and title",
        }
    },
    "get_negotiation": {},
    "get_timeline": {"query": {"order": "newest"}},
    "get_proposal": {"path": {"proposal_id": "prop1"}},
    "get_timeline_csv": {"query": {"kind": "proposals", "party": "p2"}},
    "compare_packages": {
        "before": [
            (
                "/proposals",
                {
                    "from_party": "p1",
                    "to_parties": ["p2"],
                    "in_reply_to": "prop1",
                    "values": {"base_salary": eur("128000"), "remote_days": "3"},
                },
            )
        ],
        "query": {"base": "prop1", "other": "prop2"},
    },
    "verify_negotiation": {"cases": {422: lambda app, api, nid: {"query": {"head_version": "0"}}}},
    "export_negotiation": {},
    "import_negotiation": {
        "cases": {
            201: lambda app, api, nid: {"body": exported_elsewhere()},
            409: lambda app, api, nid: {"body": api.client.get(api.url(nid, "/export")).get_json()},
            422: lambda app, api, nid: {"body": altered(exported_elsewhere())},
            403: lambda app, api, nid: signed_out(app, exported_elsewhere()),
        }
    },
    "get_analysis": {
        "query": {"include_charts": "true"},
        "before": [
            (
                "/priorities",
                {
                    "term_key": "base_salary",
                    "weight": 80,
                    "target": eur("130000"),
                    "walk_away": eur("110000"),
                },
            ),
            (
                "/alternatives",
                {
                    "label": "Stay at current job",
                    "kind": "status_quo",
                    "values": {"base_salary": eur("105000")},
                },
            ),
        ],
    },
    "get_readiness": {"query": {"as_of_version": "3"}},
    "get_team_dashboard": {
        "path": {"team_id": "00000000-0000-0000-0000-000000000000"},  # no such team
        "cases": {
            200: lambda app, api, nid: {
                "path_values": {"team_id": team_of(app)},
                "query": {"kind": "job_offer"},
            },
            404: lambda app, api, nid: {"path_values": {"team_id": team_of(app, member=False)}},
            422: lambda app, api, nid: {
                "path_values": {"team_id": team_of(app)},
                "query": {"stale_after": "0"},
            },
        },
    },
    "record_aspiration": {"body": {"horizon": "long_term", "area": "career", "text": "Lead a data team"}},
    "join_party": {"body": {"name": "Kim Reyes", "role": "HR partner", "side": "counterpart"}},
    "leave_party": {"path": {"party_id": "p4"}, "body": {"reason": "Coaching ended"}},
    "add_term": {
        "body": {
            "key": "title",
            "label": "Title",
            "kind": "choice",
            "options": ["Engineer", "Senior Engineer", "Staff Engineer"],
        }
    },
    "revise_term": {"path": {"key": "remote_days"}, "body": {"label": "Remote days per week"}},
    "remove_term": {"path": {"key": "sign_on"}, "body": {"reason": "Not on offer at this company"}},
    "set_priority": {
        "body": {"term_key": "base_salary", "weight": 80, "target": eur("130000"), "walk_away": eur("110000")}
    },
    "log_research": {
        "body": {
            "source": "Levels.fyi",
            "term_key": "base_salary",
            "low": "100000",
            "typical": "120000",
            "high": "140000",
            "link": "https://levels.fyi",
        }
    },
    "enlist_ally": {
        "body": {"name": "Priya Shah", "relationship": "future colleague", "stance": "supportive"}
    },
    "log_ally_action": {"path": {"ally_id": "a1"}, "body": {"action": "Vouched for me with Dana"}},
    "change_ally_stance": {"path": {"ally_id": "a1"}, "body": {"stance": "neutral", "reason": "Busy"}},
    "map_authority": {"body": {"term_key": "base_salary", "party_id": "p2", "role": "decides"}},
    "set_money_schedule": {
        "body": {"term_key": "base_salary", "kind": "raise", "raise_percent": "3", "raise_after_months": 12}
    },
    "add_value_entry": {
        "body": {
            "kind": "evidence",
            "text": "Led the migration",
            "link": "https://example.org/x",
            "supports": ["base_salary"],
        }
    },
    "rate_package": {
        "before": [
            SALARY_PRIORITY,
        ],
        "body": {"label": "Top pay", "values": {"base_salary": eur("125000")}, "rating": 80},
    },
    "calibrate_weights": {
        "before": [
            SALARY_PRIORITY,
            ("/priorities", {"term_key": "remote_days", "weight": 30, "target": "4", "walk_away": "0"}),
            *[
                (
                    "/package-ratings",
                    {"values": {"base_salary": eur(salary), "remote_days": remote}, "rating": rating},
                )
                for salary, remote, rating in (("130000", "0", 50), ("110000", "4", 60), ("120000", "2", 70))
            ],
        ],
        "body": {"weights": {"base_salary": 40, "remote_days": 60}},
    },
    "log_alternative": {
        "body": {
            "label": "Stay at current job",
            "kind": "status_quo",
            "values": {"base_salary": eur("105000")},
            "deadline": "2030-01-31",
        }
    },
    "make_proposal": {
        "body": {
            "from_party": "p1",
            "to_parties": ["p2", "p3"],
            "in_reply_to": "prop1",
            "values": {"base_salary": eur("128000"), "remote_days": "3"},
            "rationale": "Market data",
        }
    },
    "accept_proposal": {"path": {"proposal_id": "prop1"}, "body": {"party": "p1", "reason": "Fair"}},
    "reject_proposal": {"path": {"proposal_id": "prop1"}, "body": {"party": "p1", "reason": "Too low"}},
    "withdraw_proposal": {"path": {"proposal_id": "prop1"}, "body": {"party": "p2"}},
    "amend_proposal": {
        "path": {"proposal_id": "prop1"},
        "body": {"values": {"base_salary": eur("118000"), "remote_days": "3"}, "reason": "Rounded up"},
    },
    "approve_proposal": {
        "before": [
            (
                "/proposals",
                {"from_party": "p2", "to_parties": ["p1"], "values": {"base_salary": eur("1500000")}},
            )
        ],
        "path": {"proposal_id": "prop2"},
        "body": {"comment": "Within the band"},
        "cases": {403: lambda app, api, nid: not_my_approval(app, nid, "approve_proposal")},
    },
    "decline_proposal": {
        "before": [
            (
                "/proposals",
                {"from_party": "p2", "to_parties": ["p1"], "values": {"base_salary": eur("1500000")}},
            )
        ],
        "path": {"proposal_id": "prop2"},
        "body": {"comment": "Above the band"},
        "cases": {403: lambda app, api, nid: not_my_approval(app, nid, "decline_proposal")},
    },
    "log_interaction": {
        "body": {
            "channel": "call",
            "summary": "Discussed remote days",
            "participants": ["p1", "p2"],
            "tone": "warm",
            "occurred_at": "2024-05-02T10:00:00+00:00",
        }
    },
    "add_note": {"body": {"text": "Ask about the equity refresh"}},
    "change_stage": {"body": {"stage": "negotiating", "reason": "Counter coming"}},
    "set_decision_date": {"body": {"decide_by": "2031-07-01", "reason": "Their offer expires then"}},
    "conclude": {"body": {"outcome": "walked_away", "lessons": "Know the walk-away early"}},
    "record_lessons": {"body": {"lessons": "Research first"}},
    "reopen": {"before": [("/conclusion", {"outcome": "stalled"})], "body": {"reason": "They came back"}},
}


def not_my_approval(app: Any, nid: str, command: str) -> dict[str, Any]:
    """A proposal awaiting someone else's approval (Kim's): the caller may read it, not approve it."""
    from tracker.teams.approval_rules import ApprovalRule
    from tracker.teams.approvals import ChainPolicy

    tracker = app.extensions["tracker"]
    rule = ApprovalRule("kim@example.org", 1, "always")
    tracker.approval_chains = ChainPolicy(lambda _: [("hr-team", [rule], None)])
    made = tracker.step(
        nid,
        "make_proposal",
        actor="local user",
        from_party="p2",
        to_parties=["p1"],
        values={"remote_days": "1"},
    )
    return {"sample": {**SAMPLES[command], "path": {"proposal_id": made.value}}}


def exported_elsewhere() -> dict[str, Any]:
    """The export document of a negotiation made in another (in-memory) store."""
    from tests.support.config import make_config
    from tracker.audit.exporting import export_negotiation
    from tracker.bootstrap import build_tracker

    tracker = build_tracker(make_config(store="memory"))
    try:
        negotiation_id = tracker.start_negotiation(
            actor="alex@example.org", title="Promotion to staff engineer", kind="promotion"
        )
        tracker.step(
            negotiation_id, "add_note", actor="alex@example.org", text="Ask for the staff title first"
        )
        return export_negotiation(tracker, negotiation_id)
    finally:
        tracker.close()


def altered(document: dict[str, Any]) -> dict[str, Any]:
    """The document with a stored note rewritten (its digest no longer matches)."""
    document["events"][1]["stored_state"]["text"] = "Ask for a lower title"
    document["events"][1]["state"]["text"] = "Ask for a lower title"
    return document


def signed_out(app: Any, document: dict[str, Any]) -> dict[str, Any]:
    """Nobody is signed in (no local user either)."""
    app.config["TRACKER"]["local_actor"] = ""
    return {"body": document}


def with_account(app: Any, feed_on: bool = False) -> dict[str, Any]:
    """Requests as an account of its own (a bearer token), its calendar feed on or off."""
    from tests.support.auth import api_token, bearer, people

    email = "calendar-feed@example.org"
    token = api_token(app, email)
    feeds = people(app).accounts
    if feeds.calendar_feed(email).on != feed_on:
        feeds.open_calendar_feed(email) if feed_on else feeds.close_calendar_feed(email)
    return {"headers": bearer(token)}
