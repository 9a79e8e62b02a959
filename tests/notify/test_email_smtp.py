"""Sending through real SMTP servers (aiosmtpd): STARTTLS with the certificate checked, TLS from the
start, a login, and each way it fails as one EmailFailed with a reason a person can act on (never the
password)."""

from __future__ import annotations

from dataclasses import replace
from email.message import EmailMessage

import pytest

from tests.support.live_server import free_port
from tests.support.smtp_server import one_login, smtp_server
from tracker.notify.email.settings import SmtpSettings
from tracker.notify.email.smtp import EmailFailed, send

USER, PASSWORD = "tracker", "s3cret-Pa55"


def message() -> EmailMessage:
    m = EmailMessage()
    m["Subject"], m["From"], m["To"] = "Hello", "tracker@example.org", "dana@example.org"
    m.set_content("Hello Dana")
    return m


def settings(controller, **fields) -> SmtpSettings:
    return replace(SmtpSettings(host="127.0.0.1", port=controller.port, starttls=False, timeout=5), **fields)


def test_a_plain_server_delivers(smtp):
    controller, inbox = smtp
    send(message(), settings(controller))
    assert inbox.only().get_content().strip() == "Hello Dana"


def test_starttls_with_the_certificate_trusted_delivers(certificate):
    with smtp_server(tls_context=certificate.server_context(), require_starttls=True) as (controller, inbox):
        send(message(), settings(controller, starttls=True, ssl_context=certificate.client_context()))
        assert inbox.only()["Subject"] == "Hello"


def test_without_starttls_a_server_that_requires_it_refuses(certificate):
    with smtp_server(tls_context=certificate.server_context(), require_starttls=True) as (controller, inbox):
        with pytest.raises(EmailFailed) as failed:
            send(message(), settings(controller, starttls=False))
        assert "STARTTLS" in failed.value.reason and "530" in failed.value.reason
        assert failed.value.reason.endswith("turn smtp_starttls on")
        assert inbox.arrived == []


def test_starttls_against_an_untrusted_certificate_fails(certificate):
    with smtp_server(tls_context=certificate.server_context()) as (controller, inbox):
        with pytest.raises(EmailFailed, match="certificate is not trusted"):
            send(message(), settings(controller, starttls=True))  # the system's trust: not this one
        assert inbox.arrived == []


def test_starttls_asked_of_a_server_without_it_fails(smtp):
    controller, _ = smtp
    with pytest.raises(EmailFailed, match="does not offer STARTTLS"):
        send(message(), settings(controller, starttls=True))


def test_tls_from_the_start_delivers(certificate):
    with smtp_server(ssl_context=certificate.server_context()) as (controller, inbox):
        send(message(), settings(controller, ssl=True, ssl_context=certificate.client_context()))
        assert inbox.only()["Subject"] == "Hello"


@pytest.fixture
def login_server(certificate):
    """A server that wants STARTTLS and then a login (aiosmtpd offers AUTH only over TLS)."""
    options = dict(
        tls_context=certificate.server_context(),
        require_starttls=True,
        authenticator=one_login(USER, PASSWORD),
        auth_required=True,
    )
    with smtp_server(**options) as (controller, inbox):
        yield settings(controller, starttls=True, ssl_context=certificate.client_context()), inbox


def test_the_right_login_delivers(login_server):
    config, inbox = login_server
    send(message(), replace(config, username=USER, password=PASSWORD))
    assert inbox.only()["To"] == "dana@example.org"


def test_a_wrong_password_fails_without_the_password_in_the_reason(login_server):
    config, inbox = login_server
    wrong = "wrong-" + PASSWORD
    with pytest.raises(EmailFailed) as failed:
        send(message(), replace(config, username=USER, password=wrong))
    reason = failed.value.reason
    assert "refused the user name 'tracker' or its password" in reason and "535" in reason
    assert wrong not in reason and PASSWORD not in reason and wrong not in repr(failed.value)
    assert failed.value.__cause__ is None and failed.value.__suppress_context__
    assert "\n" not in reason and inbox.arrived == []


def test_no_login_where_one_is_required_fails(login_server):
    config, inbox = login_server
    with pytest.raises(EmailFailed, match="530"):
        send(message(), config)
    assert inbox.arrived == []


def test_a_refused_recipient_fails_with_the_servers_answer(smtp):
    controller, inbox = smtp
    inbox.refuse.add("dana@example.org")
    with pytest.raises(EmailFailed, match=r"refused dana@example\.org \(550 5\.1\.1 No such mailbox here\)"):
        send(message(), settings(controller))
    assert inbox.arrived == []


def test_a_server_that_is_down_fails_with_could_not_connect():
    down = SmtpSettings(host="127.0.0.1", port=free_port(), starttls=False, timeout=2)
    with pytest.raises(EmailFailed, match=r"^could not connect to 127\.0\.0\.1:\d+: .*refused"):
        send(message(), down)


def test_email_off_sends_nothing():
    with pytest.raises(EmailFailed, match="email is off"):
        send(message(), SmtpSettings())
