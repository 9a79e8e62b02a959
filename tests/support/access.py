"""Helpers shared by the tests (moved out of tests/web/access/conftest.py, which keeps only fixtures)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.support.auth import api_token, bearer, sign_up_and_sign_in

OWNER, VIEWER, EDITOR, STRANGER = "olive@example.org", "vic@example.org", "ed@example.org", "sy@example.org"
LEAD, MEMBER, AUDITOR = "lena@example.org", "max@example.org", "ada@example.org"

#: role -> email ("anonymous" has none). "member" and "auditor" see the negotiation only through the
#: team it is shared with (as editor): a member edits, an auditor (team viewer) only reads.
PEOPLE = {
    "stranger": STRANGER,
    "viewer": VIEWER,
    "editor": EDITOR,
    "owner": OWNER,
    "member": MEMBER,
    "auditor": AUDITOR,
    "lead": LEAD,
}


ROLES = ("anonymous", *PEOPLE)


def web_config(base: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    return {
        **base,
        "secret_key": "access-tests",
        "csrf_enabled": False,
        "password_hash_profile": "CHEAPEST",
        "auth_required": True,
        **overrides,
    }


@dataclass
class World:
    app: Any
    nid: str = ""
    team_id: str = ""
    pages: dict[str, Any] = field(default_factory=dict)  # role -> signed-in test client
    tokens: dict[str, str] = field(default_factory=dict)  # role -> API token

    @property
    def tracker(self):
        return self.app.extensions["tracker"]

    @property
    def people(self):
        return self.app.extensions["people"]

    def page(self, role: str):
        return self.pages[role]

    def api(self, role: str, method: str, url: str, **kwargs: Any):
        headers = {**kwargs.pop("headers", {}), **(bearer(self.tokens[role]) if role in self.tokens else {})}
        return getattr(self.app.test_client(), method)(url, headers=headers, **kwargs)

    def close(self) -> None:
        self.people.close()
        self.tracker.close()


def prepared_negotiation(tracker: Any, owner: str) -> str:
    """Parties, terms, an ally and an open proposal (prop1) from the hiring manager."""
    nid = tracker.start_negotiation(
        actor=owner, title="Tech lead for the data platform", kind="internal_role_change"
    )

    def step(command: str, **fields: Any) -> None:
        tracker.step(nid, command, actor=owner, **fields)

    step("join_party", name="Olive", role="engineer", side="owner")
    step("join_party", name="Dana Kim", role="director", side="counterpart")
    step("join_party", name="Sam Patel", role="coach", side="advisor")
    step("add_term", key="base_salary", label="Base salary", kind="money", currency="EUR", better="higher")
    step("add_term", key="remote_days", label="Remote days", kind="days", better="higher")
    step("enlist_ally", name="Jo Lee", relationship="former manager")
    step(
        "set_priority",
        term_key="base_salary",
        weight=80,
        target={"amount": "110000", "currency": "EUR"},
        walk_away={"amount": "90000", "currency": "EUR"},
    )
    step(  # Dana's side too, as Olive guesses it: the win-win analysis and its chart need two sides
        "set_priority",
        term_key="base_salary",
        weight=100,
        target={"amount": "90000", "currency": "EUR"},
        walk_away={"amount": "110000", "currency": "EUR"},
        party_id="p2",
    )
    step(
        "make_proposal",
        from_party="p2",
        to_parties=["p1"],
        values={"base_salary": {"amount": "95000", "currency": "EUR"}, "remote_days": "2"},
    )
    return str(nid)


def build_world(app: Any, roles: tuple[str, ...] = tuple(PEOPLE)) -> World:
    world = World(app)
    for role in roles:
        client = app.test_client()
        sign_up_and_sign_in(client, app, PEOPLE[role])
        world.pages[role] = client
        world.tokens[role] = api_token(app, PEOPLE[role])
    world.pages["anonymous"] = app.test_client()
    people = world.people
    world.nid = prepared_negotiation(world.tracker, OWNER)
    team_id = people.teams.create_team("Platform", actor=LEAD)
    people.teams.add_member(team_id, MEMBER, "member", actor=LEAD)
    people.teams.add_member(team_id, AUDITOR, "viewer", actor=LEAD)
    world.team_id = str(team_id)
    people.access.share_with_user(world.nid, VIEWER, "viewer", actor=OWNER)
    people.access.share_with_user(world.nid, EDITOR, "editor", actor=OWNER)
    people.access.share_with_team(world.nid, team_id, "editor", actor=OWNER)
    return world
