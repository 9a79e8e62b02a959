"""The route-by-role test: every route of the app (walked from app.url_map, so a route added later
is covered, and one nobody classified fails), asked by every role someone can have:

anonymous: pages send to the sign-in page, the API answers 401 · stranger (signed in, no access):
404 on anything about the negotiation or the team · viewer and auditor (team viewer): reads as the
owner gets them, 403 on writes · editor and team member (team shared as editor): writes pass the
access check · owner: sharing too · team lead (team owner): manages the team.
"""

from __future__ import annotations

import pytest

from tests.support.access import ROLES
from tests.support.routes import Route, every_route, request_body

REFUSED = (401, 403, 404)
#: Which roles get through, per need (the others are refused as described above).
ALLOWED = {
    "read": {"viewer", "editor", "owner", "member", "auditor", "lead"},
    "write": {"editor", "owner", "member", "lead"},
    "share": {"owner"},
    "team_read": {"member", "auditor", "lead"},
    "team_manage": {"lead"},
    "team_bands": {"auditor", "lead"},  # pay bands: never a plain member
}
#: Roles who can see the thing but whose role is too weak: 403 (everyone else: 404).
VISIBLE = {
    "read": ALLOWED["read"],
    "write": ALLOWED["read"],
    "share": ALLOWED["read"],
    "team_read": ALLOWED["team_read"],
    "team_manage": ALLOWED["team_read"],
    "team_bands": ALLOWED["team_read"],
}


def ask(world, route: Route, role: str):
    url = route.url(world.nid, world.team_id)
    if route.is_api:
        return world.api(role, route.method.lower(), url, **request_body(route))
    client = world.page(role)
    if route.endpoint == "auth.signout" and role != "anonymous":  # signing out ends this client's session
        from tests.support.access import PEOPLE
        from tests.support.auth import sign_up_and_sign_in

        client = world.app.test_client()
        sign_up_and_sign_in(client, world.app, PEOPLE[role])
    return getattr(client, route.method.lower())(url, **request_body(route))


def sent_to_sign_in(response) -> bool:
    return response.status_code == 302 and response.headers["Location"].startswith("/auth/signin?next=")


def check(world, route: Route, role: str, owner_status: int | None) -> str | None:
    """None when ``role`` got the answer it should; otherwise what went wrong."""
    response = ask(world, route, role)
    status = response.status_code
    if route.need == "public":  # an empty sign-in form is refused (401, 422), but not for lack of a session
        ok = status < 500 and not sent_to_sign_in(response)
    elif role == "anonymous":
        ok = (
            status == 401 and "Bearer" in response.headers.get("WWW-Authenticate", "")
            if route.is_api
            else sent_to_sign_in(response)
        )
    elif route.need == "signed_in":
        ok = status not in REFUSED and not sent_to_sign_in(response) and status < 500
    elif route.need == "own_thing":
        ok = status == 404
    elif role in ALLOWED[route.need]:
        ok = status not in REFUSED and status < 500 and not sent_to_sign_in(response)
        if route.need == "read" and owner_status is not None:
            ok = ok and status == owner_status  # a reader gets what the owner gets
    elif role in VISIBLE[route.need]:
        ok = status == 403
    else:
        ok = status == 404
    if route.need in ("read", "write", "share") and status == 404 and role not in VISIBLE[route.need]:
        body = response.get_data(as_text=True)
        ok = ok and "Tech lead for the data platform" not in body  # nothing hints that it exists
    return None if ok else f"{route} as {role}: {status} {response.get_data(as_text=True)[:160]!r}"


def walk(world, roles=ROLES, only=None) -> tuple[int, list[str]]:
    routes, unclassified = every_route(world.app)
    assert not unclassified, f"classify these routes in tests/support/routes.py: {unclassified}"
    problems, asked = [], 0
    for route in routes:
        if only is not None and route.endpoint not in only:
            continue
        owner_status = ask(world, route, "owner").status_code if route.need == "read" else None
        for role in roles:
            asked += 1
            problem = check(world, route, role, owner_status)
            if problem:
                problems.append(problem)
    return asked, problems


@pytest.mark.slow
def test_every_route_for_every_role_on_sqlite(sqlite_world):
    asked, problems = walk(sqlite_world)
    assert asked > 400
    assert not problems, "\n".join(problems)
    # nothing the refused roles tried was stored
    assert sqlite_world.tracker.get(sqlite_world.nid).version == 10  # as prepared
    assert [n.text for n in sqlite_world.tracker.get(sqlite_world.nid).notes] == []


REPRESENTATIVE = {
    "pages.index",
    "pages.negotiation",
    "pages.step",
    "pages.export_json",
    "pages.charts",
    "api.get_negotiation",
    "api.add_note",
    "api.get_timeline",
    "teams.access",
    "teams.share",
    "teams.dashboard",
    "teams.add_member",
    "auth.tokens",
    "teams.add_webhook",
    "notifications.webhooks",
    "notifications.test_webhook",
    "api.list_team_webhooks",
    "api.create_team_webhook",
    "api.disable_webhook",
}


def test_representative_routes_for_every_role_on_postgres(pg_world):
    asked, problems = walk(pg_world, only=REPRESENTATIVE)
    assert asked >= len(REPRESENTATIVE) * len(ROLES)
    assert not problems, "\n".join(problems)
    assert pg_world.tracker.get(pg_world.nid).version == 10  # as prepared


def test_an_unclassified_route_fails_the_walk():
    from tracker import create_app

    app = create_app({"store": "memory", "secret_key": "x"})
    try:
        assert every_route(app)[1] == []
        app.add_url_rule("/brand-new-report", "brand_new_report", lambda: "report")
        app.add_url_rule("/negotiations/<nid>/brand-new-chart", "brand_new_chart", lambda nid: "chart")
        routes, unclassified = every_route(app)
        assert unclassified == ["GET /brand-new-report (brand_new_report)"]
        assert [r.need for r in routes if r.endpoint == "brand_new_chart"] == ["read"]  # by its method
    finally:
        app.extensions["people"].close()
        app.extensions["tracker"].close()
