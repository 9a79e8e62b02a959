"""The email settings as read from the configuration: off by default, TRACKER_* variables typed like
the defaults, base_url falling back to the web app's address, and bad values named."""

from __future__ import annotations

import pytest

from tests.support.config import make_config
from tracker.config import ConfigError, load_config
from tracker.notify.email.settings import SmtpSettings


def test_email_is_off_by_default():
    settings = SmtpSettings.from_config(make_config())
    assert not settings.enabled
    assert (settings.port, settings.starttls, settings.ssl, settings.timeout) == (587, True, False, 10.0)
    assert settings.mail_from == "Negotiation tracker <tracker@localhost>"
    assert settings.base_url == "http://127.0.0.1:5000"  # no base_url: the web app's host and port


def test_environment_variables_set_every_key_with_its_type():
    environ = {
        "TRACKER_SMTP_HOST": "smtp.example.org",
        "TRACKER_SMTP_PORT": "465",
        "TRACKER_SMTP_SSL": "true",
        "TRACKER_SMTP_STARTTLS": "false",
        "TRACKER_SMTP_USERNAME": "apikey",
        "TRACKER_SMTP_PASSWORD": "hunter22",
        "TRACKER_SMTP_TIMEOUT_SECONDS": "3",
        "TRACKER_MAIL_FROM": "Offers <offers@example.org>",
        "TRACKER_BASE_URL": "https://tracker.example.org/",
    }
    settings = SmtpSettings.from_config(load_config(environ=environ))
    assert settings.enabled and settings.host == "smtp.example.org"
    assert (settings.port, settings.ssl, settings.starttls, settings.timeout) == (465, True, False, 3.0)
    assert (settings.username, settings.password) == ("apikey", "hunter22")
    assert settings.sender_domain == "example.org"
    assert settings.link("/notifications/settings") == "https://tracker.example.org/notifications/settings"
    assert "hunter22" not in repr(settings)


@pytest.mark.parametrize(
    "overrides, named",
    [
        (dict(smtp_port=0), "smtp_port"),
        (dict(smtp_port="five"), "smtp_port"),
        (dict(smtp_timeout_seconds=0), "smtp_timeout_seconds"),
        (dict(smtp_host="smtp.example.org", mail_from="Offers"), "mail_from"),
        (dict(base_url="tracker.example.org"), "base_url"),
    ],
)
def test_a_value_that_cannot_be_used_is_named(overrides, named):
    with pytest.raises(ConfigError, match=named):
        SmtpSettings.from_config(make_config(**overrides))
