"""Scenarios of features/notifications.feature on the app as `make run` builds it (the SQLite store,
sign-in, CSRF on), with email through a real SMTP server (aiosmtpd): what a person is told is read
from the pages they see (the bell, the notifications list) and from the inbox."""

from __future__ import annotations

import re

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.support.auth import sign_up_and_sign_in
from tests.support.config import make_config
from tests.support.smtp_server import smtp_server
from tracker.notify.preferences import Preferences

scenarios("notifications.feature")
TITLE = "Staff engineer at Northwind"


class Newsroom:
    def __init__(self, tmp_path, port: int, inbox) -> None:
        from tracker import create_app

        config = make_config(
            store="sqlite",
            data_dir=str(tmp_path),
            password_hash_profile="CHEAPEST",
            smtp_host="127.0.0.1",
            smtp_port=port,
            smtp_starttls=False,
            base_url="https://tracker.example.org",
        )
        self.app = create_app(config)
        self.inbox = inbox
        self.emails: dict[str, str] = {}
        self.browsers: dict[str, object] = {}
        self.nid = ""

    @property
    def tracker(self):
        return self.app.extensions["tracker"]

    @property
    def people(self):
        return self.app.extensions["people"]

    def step(self, name: str, command: str, **fields) -> None:
        """A step as the pages take it: the access check first, then the tracker."""
        self.people.access.check(self.emails[name], self.nid, "write")
        self.tracker.step(self.nid, command, actor=self.emails[name], **fields)
        self.people.outbox.run_once()  # what `make run` does every second

    def page(self, name: str, url: str) -> str:
        response = self.browsers[name].get(url)
        assert response.status_code == 200, response.status_code
        return response.get_data(as_text=True)

    def mail_to(self, name: str) -> list:
        return [a.message for a in self.inbox.arrived if self.emails[name] in a.rcpt_tos]


@pytest.fixture
def newsroom(tmp_path):
    with smtp_server() as (controller, inbox):
        room = Newsroom(tmp_path, controller.port, inbox)
        yield room
        room.people.close()
        room.tracker.close()


@given("these people use the tracker:", target_fixture="newsroom")
def people_use_it(newsroom, datatable):
    header, *rows = datatable
    for row in rows:
        person = dict(zip(header, row, strict=True))
        browser = newsroom.app.test_client()
        newsroom.emails[person["name"]] = sign_up_and_sign_in(browser, newsroom.app, person["email"])
        newsroom.browsers[person["name"]] = browser
    return newsroom


@given(parsers.parse('Alex tracks the job offer "{title}" with Dana Kim as hiring manager'))
def tracks(newsroom, title):
    alex = newsroom.emails["Alex"]
    newsroom.nid = str(newsroom.tracker.start_negotiation(actor=alex, title=title, kind="job_offer"))
    for name, role, side in (
        ("Alex Morgan", "candidate", "owner"),
        ("Dana Kim", "hiring manager", "counterpart"),
    ):
        newsroom.tracker.step(newsroom.nid, "join_party", actor=alex, name=name, role=role, side=side)
    newsroom.tracker.step(
        newsroom.nid,
        "add_term",
        actor=alex,
        key="base_salary",
        label="Base salary",
        kind="money",
        currency="EUR",
    )


@given(parsers.parse('Alex lets Dana log steps in "{title}"'))
def lets_dana_write(newsroom, title):
    newsroom.people.access.share_with_user(
        newsroom.nid, newsroom.emails["Dana"], "editor", actor=newsroom.emails["Alex"]
    )


@given(parsers.parse('Alex shares "{title}" with Sam to read'))
def shares_with_sam(newsroom, title):
    newsroom.people.access.share_with_user(
        newsroom.nid, newsroom.emails["Sam"], "viewer", actor=newsroom.emails["Alex"]
    )


@given("Sam wants every step by email")
def sam_wants_email(newsroom):
    response = newsroom.browsers["Sam"].get("/notifications/settings")
    token = re.search(r'name="csrf_token" value="([^"]+)"', response.get_data(as_text=True)).group(1)
    saved = newsroom.browsers["Sam"].post(
        "/notifications/settings", data={"csrf_token": token, "in_app": "all", "email": "all"}
    )
    assert saved.status_code == 303
    assert newsroom.people.outbox.store.preferences([newsroom.emails["Sam"]])[
        newsroom.emails["Sam"]
    ] == Preferences("all", "all")


@when(parsers.parse('Alex stops sharing "{title}" with Sam'))
def stops_sharing(newsroom, title):
    newsroom.people.access.revoke_user(newsroom.nid, newsroom.emails["Sam"], actor=newsroom.emails["Alex"])


@when(parsers.parse("Dana logs a counter-offer of {amount:d} EUR base salary to Alex"))
def counter(newsroom, amount):
    values = {"base_salary": {"amount": str(amount), "currency": "EUR"}}
    newsroom.step("Dana", "make_proposal", from_party="p2", to_parties=["p1"], values=values)


@when(parsers.parse('Dana logs the note "{text}"'))
def note(newsroom, text):
    newsroom.step("Dana", "add_note", text=text)


@then(parsers.parse("Alex's bell shows {count:d} unread notification"))
def bell(newsroom, count):
    page = newsroom.page("Alex", "/")
    assert f'aria-label="Notifications, {count} unread"' in page
    assert re.search(rf'<span class="count">{count}</span>', page)


@then("Alex's notifications say that Dana Kim countered, and that it needs an answer")
def listed(newsroom):
    page = newsroom.page("Alex", "/notifications")
    (item,) = re.findall(r'<li class="notification unread needs-me">(.*?)</li>', page, re.S)
    assert "Dana Kim (hiring manager) proposed to Alex Morgan (candidate): Base salary 128,000 EUR" in item
    assert "needs you" in item and TITLE in item


@then("Alex gets an email about the counter-offer with a link to the step")
def emailed(newsroom):
    (message,) = newsroom.mail_to("Alex")
    version = newsroom.tracker.head_version(newsroom.nid)
    link = f"https://tracker.example.org/negotiations/{newsroom.nid}#v{version}"
    text, html = (message.get_body((kind,)).get_content() for kind in ("plain", "html"))
    assert TITLE in message["Subject"]
    assert "128,000 EUR" in text and link in text and link in html


@then("opening the notification takes Alex to the step and marks it read")
def opens(newsroom):
    page = newsroom.page("Alex", "/notifications")
    href = re.search(r'href="(/notifications/\d+)"', page).group(1)
    opened = newsroom.browsers["Alex"].get(href)
    version = newsroom.tracker.head_version(newsroom.nid)
    assert opened.status_code == 303 and opened.headers["Location"].endswith(
        f"/negotiations/{newsroom.nid}#v{version}"
    )
    assert 'aria-label="Notifications"' in newsroom.page("Alex", "/")  # no count left


@then("Dana is not told of her own counter-offer")
def not_dana(newsroom):
    page = newsroom.page("Dana", "/notifications")
    assert "128,000" not in page
    assert not [m for m in newsroom.mail_to("Dana") if "128,000" in m.get_body(("plain",)).get_content()]


@then("Sam is not told of the note, in the app or by email")
def not_sam(newsroom):
    assert "sign-on bonus" not in newsroom.page("Sam", "/notifications")
    assert not [m for m in newsroom.mail_to("Sam") if "sign-on bonus" in m.get_body(("plain",)).get_content()]


@then("Alex is told of the note in the app")
def alex_told(newsroom):
    assert "They can move on the sign-on bonus" in newsroom.page("Alex", "/notifications")
