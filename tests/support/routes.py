"""Every route of the app, classified by what it needs, with the values that fill in its URL.

A route about one negotiation (its rule names ``<nid>`` or ``<negotiation_id>``) is classified by
method unless listed: GET reads, POST writes. Every other route must be listed in ``CLASSES``: a
route nobody classified fails the route-by-role test, so a new route is never left unchecked."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

#: What a route needs:
#: public       nothing (sign-in pages, health check, static files)
#: signed_in    any signed-in person (their own lists, starting a negotiation, their account)
#: own_thing    a signed-in person, about a thing of their own (a token id of someone else's: 404)
#: read         read access to the negotiation      write   may log steps      share   the owner
#: team_read    membership of the team              team_manage   a team owner
#: team_bands   a team owner or auditor (pay bands)
CLASSES: dict[str, str] = {
    "auth.signin": "public",
    "auth.signup": "public",
    "healthz": "public",
    "static": "public",
    "ping": "public",  # "ok" and nothing else: the HTTP benchmark's baseline
    "signing_keys": "public",  # the installation's public keys, for those who trust its exports
    "calendar.feed": "public",  # the token in its URL is the credential; a wrong one is a bare 404
    "auth.signout": "signed_in",
    "auth.password": "signed_in",
    "auth.tokens": "signed_in",
    "auth.open_calendar_feed": "signed_in",
    "auth.close_calendar_feed": "signed_in",  # one's own feed; none on: refused beside the button (422)
    "api.get_calendar_feed": "signed_in",
    "api.open_calendar_feed": "signed_in",
    "api.close_calendar_feed": "signed_in",  # none on: 404
    "auth.settings": "signed_in",
    "auth.revoke_token": "own_thing",
    "auth.end_session_elsewhere": "own_thing",
    "pages.index": "signed_in",
    "pages.start": "signed_in",
    "pages.import_negotiation_page": "signed_in",
    "pages.load_sample": "signed_in",
    "pages.due": "signed_in",
    "notifications.notifications": "signed_in",
    "notifications.settings": "signed_in",
    "notifications.mark_read": "signed_in",
    "notifications.open_notification": "own_thing",
    "notifications.webhooks": "signed_in",
    "notifications.test_webhook": "own_thing",  # a webhook id of nobody's: 404 (someone else's: the same)
    "notifications.disable_webhook": "own_thing",
    "notifications.enable_webhook": "own_thing",
    "api.list_webhooks": "signed_in",
    "api.create_webhook": "signed_in",
    "api.list_webhook_deliveries": "own_thing",
    "api.test_webhook": "own_thing",
    "api.disable_webhook": "own_thing",
    "api.enable_webhook": "own_thing",
    "api.list_team_webhooks": "team_manage",
    "api.create_team_webhook": "team_manage",
    "teams.add_webhook": "team_manage",
    "api.get_notifications": "signed_in",
    "api.mark_notifications_read": "signed_in",
    "api.get_notification_preferences": "signed_in",
    "api.set_notification_preferences": "signed_in",
    "api.get_due": "signed_in",
    "api.list_negotiations": "signed_in",
    "api.start_negotiation": "signed_in",
    "api.import_events": "signed_in",
    "api.openapi_document": "signed_in",
    "teams.teams": "signed_in",
    "teams.new_team": "signed_in",
    "teams.team": "team_read",
    "teams.dashboard": "team_read",
    "teams.approvals": "team_read",
    "teams.set_approvals": "team_manage",
    "teams.pay_bands": "team_bands",
    "api.get_approval_chain": "team_read",
    "api.set_approval_chain": "team_manage",
    "api.get_pay_bands": "team_bands",
    "api.add_pay_band": "team_manage",
    "api.place_in_band": "team_manage",
    "teams.add_pay_band": "team_manage",
    "teams.place_in_band": "team_manage",
    "teams.dashboard_csv": "team_read",
    "api.get_team_dashboard": "team_read",
    "teams.add_member": "team_manage",
    "teams.change_role": "team_manage",
    "teams.remove_member": "team_manage",
}
#: Negotiation routes whose GET is a form for writing (or whose POST shares): not the default.
NEGOTIATION_OVERRIDES: dict[tuple[str, str], str] = {
    ("pages.step", "GET"): "write",
    ("pages.answer", "GET"): "write",
    ("teams.share", "POST"): "share",
    ("teams.revoke", "POST"): "share",
    ("api.approve_proposal", "POST"): "read",  # an approver needs only to read; the domain decides who
    ("api.decline_proposal", "POST"): "read",
}
#: Values for the URL's variables (the world's negotiation has parties p1-p3, terms base_salary and
#: remote_days, ally a1 and proposal prop1).
SAMPLE_VALUES = {
    "proposal_id": "prop1",
    "action": "accept",
    "command": "add_note",
    "key": "base_salary",
    "party_id": "p3",
    "ally_id": "a1",
    "filename": "tracker.css",
    "across": "owner",
    "up": "p2",
    "token": "not-a-calendar-feed-token",
}


@dataclass(frozen=True)
class Route:
    endpoint: str
    rule: str
    method: str
    need: str

    @property
    def is_api(self) -> bool:
        return self.rule.startswith("/api/")

    def url(self, nid: str, team_id: str) -> str:
        values = {
            **SAMPLE_VALUES,
            "nid": nid,
            "negotiation_id": nid,
            "team_id": team_id,
            "token_id": str(uuid.UUID(int=7)),
            "session_id": "someone-elses-session",
            "notification_id": "999999",  # nobody's (each person's are their own: the same 404)
            "webhook_id": str(uuid.UUID(int=9)),  # nobody's
        }
        url = self.rule
        for name, value in values.items():
            url = (
                url.replace(f"<{name}>", value)
                .replace(f"<path:{name}>", value)
                .replace(f"<int:{name}>", value)
            )
        assert "<" not in url, f"no sample value for a variable of {self.rule}"
        return url

    def __str__(self) -> str:
        return f"{self.method} {self.rule}"


def classify(rule: Any, method: str) -> str | None:
    if "<nid>" in rule.rule or "<negotiation_id>" in rule.rule:
        return NEGOTIATION_OVERRIDES.get((rule.endpoint, method), "read" if method == "GET" else "write")
    return CLASSES.get(rule.endpoint)


def every_route(app: Any) -> tuple[list[Route], list[str]]:
    """(the classified routes, the ones nobody classified)."""
    routes, unclassified = [], []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            need = classify(rule, method)
            if need is None:
                unclassified.append(f"{method} {rule.rule} ({rule.endpoint})")
            else:
                routes.append(Route(rule.endpoint, rule.rule, method, need))
    return routes, unclassified


def request_body(route: Route) -> dict[str, Any]:
    """An empty submission: access is checked first, then the (missing) values are refused, so
    nothing is stored whoever tries it."""
    if route.method != "POST":
        return {}
    return {"json": {}} if route.is_api else {"data": {}}
