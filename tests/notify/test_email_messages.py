"""The emails as they arrive at a real SMTP server: a step with its plain-text and HTML parts, the
time in the reader's zone and a link to the step; user text escaped in HTML and verbatim in text; a
title with a line break adds no header; the digest grouped by negotiation; the "what's due" reminder."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.support.domain import eur, seated, start
from tracker.analysis.due import approvals_waiting, due_items, order
from tracker.analysis.due_list import DueList
from tracker.notify.email.compose import digest_email, one_line, reminder_email, step_email
from tracker.notify.email.settings import SmtpSettings
from tracker.notify.email.smtp import send
from tracker.notify.notice import Notice

TO = "dana@example.org"
BASE = "https://tracker.example.org"
NID = "5c0ffee0-0000-4000-8000-000000000001"
HOSTILE = '<script>alert(1)</script> & "Ltd"'


def settings_for(controller) -> SmtpSettings:
    return SmtpSettings(
        host="127.0.0.1",
        port=controller.port,
        starttls=False,
        mail_from="Negotiation tracker <tracker@example.org>",
        base_url=BASE,
    )


def notice(**fields) -> Notice:
    base = Notice(
        kind="ProposalMade",
        negotiation_id=NID,
        negotiation_title="Staff Engineer at Northwind",
        version=7,
        actor="Dana Kim",
        occurred_at=datetime(2026, 12, 4, 13, 5, tzinfo=UTC),
        sentence="Dana Kim made a counter-proposal: base salary 125,000 EUR",
        path=f"/negotiations/{NID}#step-7",
        needs_me=True,
    )
    return replace(base, **fields)


def parts(message):
    return (
        message.get_body(preferencelist=("plain",)).get_content(),
        message.get_body(preferencelist=("html",)).get_content(),
    )


def test_a_step_arrives_with_both_parts_the_time_in_the_readers_zone_and_a_link(smtp):
    controller, inbox = smtp
    settings = settings_for(controller)
    send(step_email(notice(), to=TO, settings=settings, time_zone="Europe/Berlin"), settings)
    [arrived] = inbox.arrived
    assert arrived.rcpt_tos == [TO] and arrived.mail_from == "tracker@example.org"
    message = arrived.message
    assert message["To"] == TO
    assert message["From"] == "Negotiation tracker <tracker@example.org>"
    assert message["Subject"] == "Staff Engineer at Northwind: Dana Kim made a counter-proposal"
    assert message["Message-ID"].endswith("@example.org>") and message["Date"]
    assert message.get_content_type() == "multipart/alternative"
    text, html = parts(message)
    link = f"{BASE}/negotiations/{NID}#step-7"
    for part in (text, html):
        assert "Dana Kim made a counter-proposal: base salary 125,000 EUR" in part
        assert "4 Dec 2026, 14:05 CET" in part  # 13:05 UTC is 14:05 in Berlin in winter
        assert "This step waits for you." in part
        assert f"{BASE}/notifications/settings" in part
    assert link in text and f'href="{link}"' in html


def test_the_time_follows_the_zone_and_language(smtp):
    controller, inbox = smtp
    settings = settings_for(controller)
    message = step_email(notice(), to=TO, settings=settings, time_zone="America/New_York", locale="de_DE")
    send(message, settings)
    text, html = parts(inbox.only())
    assert "4 Dez. 2026, 08:05 EST" in text
    assert '<html lang="de-DE">' in html


def test_user_text_is_escaped_in_html_and_verbatim_in_text(smtp):
    controller, inbox = smtp
    settings = settings_for(controller)
    hostile = notice(negotiation_title=HOSTILE, actor=HOSTILE, sentence=f"{HOSTILE} logged a note: {HOSTILE}")
    send(step_email(hostile, to=TO, settings=settings), settings)
    text, html = parts(inbox.only())
    assert f"{HOSTILE} logged a note: {HOSTILE}" in text
    assert "<script>" not in html and 'alert(1)</script> & "Ltd"' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Ltd&#34;" in html


def test_a_line_break_in_the_title_adds_no_header(smtp):
    controller, inbox = smtp
    settings = settings_for(controller)
    sly = notice(
        negotiation_title="Offer\r\nBcc: evil@example.org", sentence="Dana Kim logged a call\nBcc: x@y.z"
    )
    send(step_email(sly, to=TO, settings=settings), settings)
    [arrived] = inbox.arrived
    assert arrived.rcpt_tos == [TO]
    assert arrived.message["Bcc"] is None
    assert arrived.message["Subject"] == "Offer Bcc: evil@example.org: Dana Kim logged a call Bcc"
    headers = arrived.raw.split(b"\r\n\r\n", 1)[0]
    assert b"\nBcc:" not in headers and b"\rBcc:" not in headers  # the text's own lines stay in the body


def test_a_long_subject_is_cut_and_a_recipient_with_a_line_break_refused():
    settings = SmtpSettings(host="mail.example.org")
    message = step_email(notice(negotiation_title="x" * 300), to=TO, settings=settings)
    assert len(message["Subject"]) == 120 and message["Subject"].endswith("…")
    assert one_line("a\u2028b\x00c\td") == "a b c d"
    with pytest.raises(ValueError, match="line breaks"):
        step_email(notice(), to="dana@example.org\r\nBcc: evil@example.org", settings=settings)


def test_the_digest_groups_the_days_steps_by_negotiation(smtp):
    controller, inbox = smtp
    settings = settings_for(controller)
    other = "5c0ffee0-0000-4000-8000-000000000002"
    morning = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)
    notices = [
        notice(version=7, occurred_at=morning, sentence="Dana Kim proposed: base salary 120,000 EUR"),
        notice(
            negotiation_id=other,
            negotiation_title="Contoso renewal",
            version=3,
            occurred_at=morning + timedelta(hours=1),
            sentence="Rick Alvarez logged a call",
            path=f"/negotiations/{other}#step-3",
            needs_me=False,
        ),
        notice(version=8, occurred_at=morning + timedelta(hours=2), sentence="Dana Kim logged a note"),
    ]
    message = digest_email(
        notices, to=TO, settings=settings, day=date(2026, 12, 4), time_zone="Europe/Berlin"
    )
    send(message, settings)
    text, html = parts(inbox.only())
    assert inbox.only()["Subject"] == "Your day in the tracker, 4 Dec 2026: 3 steps in 2 negotiations"
    northwind, contoso = text.index("Staff Engineer at Northwind"), text.index("Contoso renewal")
    assert northwind < text.index("09:00  Dana Kim proposed") < text.index("11:00  Dana Kim logged a note")
    assert northwind < contoso < text.index("10:00  Rick Alvarez logged a call")  # last moved first
    assert text.index("11:00  Dana Kim logged a note") < contoso
    assert f"{BASE}/negotiations/{other}#step-3" in text and f'href="{BASE}/negotiations/{other}"' in html
    assert html.count("<h2") == 2 and html.count("<li>") == 3
    assert digest_email([], to=TO, settings=settings, day=date(2026, 12, 4)) is None


def test_the_reminder_lists_a_deadline_within_two_days_and_an_approval_waiting(smtp):
    controller, inbox = smtp
    settings = settings_for(controller)
    berlin = ZoneInfo("Europe/Berlin")
    now = datetime.now(UTC)
    t = seated(start())
    t.do("make_proposal", from_party=t.me, to_parties=[t.dana], values={"base_salary": eur("130000")})
    t.do(
        "require_approval",
        proposal_id="prop1",
        team_id="team1",
        approvers=[{"approver": "lead@x.org", "step": 1}],
    )
    soon = (now + timedelta(days=1)).astimezone(berlin).date().isoformat()
    later = (now + timedelta(days=5)).astimezone(berlin).date().isoformat()
    t.do("log_alternative", label="Contoso offer", kind="competing_offer", deadline=soon)
    t.do("log_alternative", label="Fabrikam offer", kind="competing_offer", deadline=later)
    items = order(approvals_waiting(t.n, "lead@x.org") + due_items(t.n, now, berlin))
    assert len(items) == 3  # the due list shows a week ahead; the reminder two days
    message = reminder_email(
        DueList(items, 1, 1), to=TO, settings=settings, time_zone="Europe/Berlin", now=now
    )
    send(message, settings)
    text, html = parts(inbox.only())
    assert inbox.only()["Subject"] == "What's due: 2 items"
    assert f"Your alternative Contoso offer expires on {soon}" in text
    assert "Proposal #1 waits for your approval" in text and "waiting for you now" in text
    assert "Fabrikam" not in text and "Fabrikam" not in html
    assert f"{BASE}/negotiations/{t.n.id}#proposal-prop1" in text
    assert f'href="{BASE}/negotiations/{t.n.id}#summary-title"' in html
    assert "due tomorrow" in text or "due today" in text
    far = [i for i in items if "Fabrikam" in i.sentence]
    assert reminder_email(far, to=TO, settings=settings, now=now) is None  # nothing within two days


def test_an_unknown_zone_or_language_falls_back_to_utc_and_english():
    settings = SmtpSettings(host="mail.example.org")
    message = step_email(notice(), to=TO, settings=settings, time_zone="Mars/Olympus", locale="xx_YY")
    text, html = parts(message)
    assert "4 Dec 2026, 13:05 UTC" in text and '<html lang="en">' in html
