"""The calendar feed on the web, with sign-in and CSRF on: the settings page makes the private link
(shown once), the feed answers at it without sign-in and parses as iCalendar, a new link stops the
old one, turning it off stops it, and nothing but the person's own dates is in it."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from tests.support.auth import csrf_token, sign_up_and_sign_in
from tests.support.web import errors_beside, text
from tests.support.web_auth import ANA, BO, auth_app

FEED_RE = re.compile(r'<code class="token" id="feed-url">(http://localhost/calendar/[^<]+\.ics)</code>')


@pytest.fixture
def app():
    app = auth_app()
    yield app
    app.extensions["people"].close()
    app.extensions["tracker"].close()


def signed_in(app, email: str):
    client = app.test_client()
    sign_up_and_sign_in(client, app, email)
    return client


def make_link(client) -> str:
    token = csrf_token(client, "/auth/settings")
    page = client.post("/auth/calendar-feed", data={"csrf_token": token})
    assert page.status_code == 201, text(page)[:300]
    return FEED_RE.search(text(page)).group(1).removeprefix("http://localhost")


def offer_with_a_decision_date(app, owner: str, title: str, day: str) -> str:
    tracker = app.extensions["tracker"]
    nid = tracker.start_negotiation(actor=owner, title=title, kind="job_offer")
    tracker.step(nid, "set_decision_date", actor=owner, decide_by=day)
    return str(nid)


def summaries(response) -> set[str]:
    assert response.status_code == 200
    return {str(e["summary"]) for e in Calendar.from_ical(response.data).walk("VEVENT")}


def soon(days: int = 3) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).date().isoformat()


def test_the_link_is_made_once_and_the_feed_answers_without_sign_in(app):
    ana = signed_in(app, ANA)
    nid = offer_with_a_decision_date(app, ANA, "Staff Engineer at Northwind", soon())
    assert "Your feed is off." in text(ana.get("/auth/settings"))
    url = make_link(ana)
    page = text(ana.get("/auth/settings"))
    assert "Your feed is on, since" in page and url not in page  # shown only that once
    response = app.test_client().get(url)  # a calendar program: no session
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert summaries(response) == {"Decision date: Staff Engineer at Northwind"}
    [event] = Calendar.from_ical(response.data).walk("VEVENT")
    assert str(event["url"]) == f"http://localhost/negotiations/{nid}#summary-title"
    assert str(event["uid"]) == f"decision-{nid}-decision@negotiation-tracker"


def test_a_new_link_stops_the_old_one_and_turning_it_off_stops_both(app):
    ana = signed_in(app, ANA)
    offer_with_a_decision_date(app, ANA, "Staff Engineer at Northwind", soon())
    old = make_link(ana)
    new = make_link(ana)
    assert old != new
    visitor = app.test_client()
    missing = visitor.get(old)
    assert missing.status_code == 404 and missing.get_data(as_text=True) == "Not found.\n"
    assert visitor.get(new).status_code == 200
    off = ana.post("/auth/calendar-feed/off", data={"csrf_token": csrf_token(ana, "/auth/settings")})
    assert off.status_code == 303 and off.headers["Location"].endswith("/auth/settings#calendar-feed")
    assert visitor.get(new).status_code == 404
    assert "Your feed is off." in text(ana.get("/auth/settings"))
    again = ana.post("/auth/calendar-feed/off", data={"csrf_token": csrf_token(ana, "/auth/settings")})
    assert again.status_code == 422
    assert "already off" in errors_beside(text(again))["calendar_feed"]


def test_unknown_tokens_answer_the_same_bare_404(app):
    visitor = app.test_client()
    for url in ("/calendar/nope.ics", "/calendar/" + "A" * 43 + ".ics", "/calendar/%00.ics"):
        response = visitor.get(url)
        assert response.status_code == 404, url
        assert response.get_data(as_text=True) == "Not found.\n"
        assert response.headers["Cache-Control"] == "private, no-store"


def test_only_the_persons_own_dates_even_when_a_share_comes_and_goes(app):
    ana, bo = signed_in(app, ANA), signed_in(app, BO)
    offer_with_a_decision_date(app, ANA, "Ana's offer at Northwind", soon())
    bos = offer_with_a_decision_date(app, BO, "Bo's offer at Contoso", soon(2))
    ana_feed, bo_feed = make_link(ana), make_link(bo)
    visitor = app.test_client()
    assert summaries(visitor.get(ana_feed)) == {"Decision date: Ana's offer at Northwind"}
    assert summaries(visitor.get(bo_feed)) == {"Decision date: Bo's offer at Contoso"}
    people = app.extensions["people"]
    people.access.share_with_user(bos, ANA, "editor", actor=BO)
    # Bo's dates are Bo's to keep: shared, Ana may read the negotiation, but its deadlines stay on Bo's
    # list (as on the "what's due" page); revoked, Ana may not even see it.
    assert summaries(visitor.get(ana_feed)) == {"Decision date: Ana's offer at Northwind"}
    people.access.revoke_user(bos, ANA, actor=BO)
    assert summaries(visitor.get(ana_feed)) == {"Decision date: Ana's offer at Northwind"}
    assert summaries(visitor.get(bo_feed)) == {"Decision date: Bo's offer at Contoso"}


def test_the_feed_follows_the_persons_time_zone_for_all_day_dates(app):
    ana = signed_in(app, ANA)
    app.extensions["people"].accounts.change_preferences(ANA, "Pacific/Auckland", "")
    day = soon(5)
    offer_with_a_decision_date(app, ANA, "Offer", day)
    [event] = Calendar.from_ical(app.test_client().get(make_link(ana)).data).walk("VEVENT")
    assert event.decoded("dtstart").isoformat() == day


def test_the_settings_forms_need_their_csrf_token(app):
    ana = signed_in(app, ANA)
    assert ana.post("/auth/calendar-feed").status_code == 400
    make_link(ana)
    assert ana.post("/auth/calendar-feed/off").status_code == 400
    assert app.extensions["people"].accounts.calendar_feed(ANA).on
