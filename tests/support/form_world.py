"""A fresh, signed-in person for each fuzzed form: a prepared negotiation (three parties, terms, an
ally, an open proposal), shared with a colleague and with a team the colleague is in, which keeps a
pay band; an API token and a calendar feed.
Every form then has something real to act on, and one form's stored payloads cannot close or lock
what the next form needs."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from tests.support.api_client import Api, prepare
from tests.support.auth import ensure_user, people, sign_in, sign_up_and_sign_in
from tracker.web.pages.steps.answers import ACTIONS
from tracker.web.pages.steps.routes import BUILDERS

COLLEAGUE = "colleague@example.org"
BAND = {
    "name": "Engineer, L4",
    "term_key": "base_salary",
    "currency": "EUR",
    "minimum": "70000",
    "midpoint": "80000",
    "maximum": "90000",
    "effective_from": "2026-01-01",
}
_numbers = itertools.count(1)


@dataclass
class World:
    app: Any
    client: Any
    email: str
    nid: str
    team_id: str
    token_id: str
    notification_id: str = ""
    webhook_ids: tuple[str, ...] = ()

    @classmethod
    def make(cls, app: Any) -> World:
        email = f"fuzzer{next(_numbers)}@example.org"
        client = app.test_client()
        sign_up_and_sign_in(client, app, email)
        issued = people(app).accounts.create_token(email, label="fuzzing")
        api_client = app.test_client()
        api_client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {issued.token}"
        nid = prepare(Api(api_client))
        ensure_user(app, COLLEAGUE)
        team_id = str(people(app).teams.create_team("Fuzzing team", actor=email))
        people(app).teams.add_member(team_id, COLLEAGUE, "member", actor=email)
        people(app).access.share_with_user(nid, COLLEAGUE, "viewer", actor=email)
        people(app).access.share_with_team(nid, team_id, "viewer", actor=email)  # a negotiation to band
        people(app).teams.set_pay_band(team_id, BAND, actor=email)
        people(app).accounts.open_calendar_feed(email)  # the settings page then offers to turn it off
        app.extensions["tracker"].step(nid, "add_note", actor=COLLEAGUE, text="Read it")  # a notification
        people(app).outbox.catch_up()
        told = people(app).outbox.store.in_app(email.lower(), limit=1)
        hooks = (_webhook(app, "user", email.lower(), on=True), _webhook(app, "team", team_id, on=False))
        return cls(app, client, email, nid, team_id, str(issued.token_id), str(told[0].id), hooks)

    def session_id(self) -> str:
        """The id of the signed-in session on ``client`` (what its cookie carries)."""
        with self.client.session_transaction() as session:
            return session["sid"]

    def seeds(self) -> dict[str, list[str]]:
        """Values for the variables of the app's routes."""
        return {
            "nid": [self.nid],
            "command": sorted(BUILDERS),
            "proposal_id": ["prop1"],
            "action": sorted(ACTIONS),
            "team_id": [self.team_id],
            "token_id": [self.token_id],
            "notification_id": [self.notification_id],
            "webhook_id": list(self.webhook_ids),
            "session_id": [self.session_id()],
            "key": ["base_salary"],
            "across": ["owner"],
            "up": ["p2"],
        }

    def moved(self, url: str, other: World) -> str:
        """``url`` of this world's things, pointing at ``other``'s instead."""
        for mine, theirs in (
            (self.nid, other.nid),
            (self.team_id, other.team_id),
            (self.token_id, other.token_id),
            (f"/notifications/{self.notification_id}", f"/notifications/{other.notification_id}"),
            *zip(self.webhook_ids, other.webhook_ids, strict=True),
        ):
            url = url.replace(mine, theirs)
        return url

    def get_signed_in(self, url: str) -> Any:
        """GET ``url``; signs in again first if a fuzzed form signed this person out."""
        response = self.client.get(url)
        if response.status_code in (302, 303) and "/auth/signin" in response.headers.get("Location", ""):
            assert sign_in(self.client, self.email).status_code == 303
            response = self.client.get(url)
        return response


def _webhook(app: Any, owner_kind: str, owner: str, on: bool) -> str:
    """A webhook stored as it is (its forms appear: test, turn off, or turn on); its address is on
    this machine, so a test event is refused at once, never sent anywhere."""
    import uuid
    from datetime import UTC, datetime

    from tracker.notify.store import Webhook

    now = datetime.now(UTC)
    hook = Webhook(
        str(uuid.uuid4()),
        owner_kind,
        owner,
        "http://127.0.0.1:9/hook",
        (),
        "whsec_fuzz",
        owner,
        now,
        None if on else now,
        None if on else "turned off for the fuzzing",
    )
    people(app).outbox.store.add_webhook(hook)
    return hook.id
