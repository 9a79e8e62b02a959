"""Sending one message through the configured SMTP server: STARTTLS or implicit TLS with the
certificate checked, a login when a user name is set, a timeout on every wait. Any failure is one
EmailFailed whose reason is a line a person can act on (never the password)."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from tracker.notify.email.settings import SmtpSettings


class EmailFailed(Exception):
    """The message was not handed to the SMTP server; ``reason`` says why, in one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def send(message: EmailMessage, settings: SmtpSettings) -> None:
    """Hands ``message`` to the server for its To addresses; returns once the server has accepted it
    for every recipient, else raises EmailFailed (a failure after the server accepted it, such as a
    lost QUIT, is not one: the message is on its way)."""
    if not settings.enabled:
        raise EmailFailed("email is off: smtp_host is not set")
    context = settings.ssl_context or ssl.create_default_context()
    where = f"{settings.host}:{settings.port}"
    try:
        if settings.ssl:
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout, context=context
            )
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    except (smtplib.SMTPException, OSError) as error:
        raise EmailFailed(f"could not connect to {where}: {_one_line(_why(error, settings))}") from None
    try:
        if settings.starttls and not settings.ssl:
            client.starttls(context=context)
        if settings.username:
            client.login(settings.username, settings.password)
        refused = client.send_message(message)
    except (smtplib.SMTPException, OSError) as error:
        client.close()
        raise EmailFailed(f"{where}: {_one_line(_why(error, settings))}") from None
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        client.close()  # the message was accepted: a goodbye lost on the way changes nothing
    if refused:  # the others accepted it: one message per recipient keeps a retry from repeating it
        raise EmailFailed(f"{where}: the server refused {_refusals(refused, settings)}")


def _why(error: BaseException, settings: SmtpSettings) -> str:
    """What went wrong, in words; the server's own answer (code and text) where it gave one."""
    if isinstance(error, smtplib.SMTPNotSupportedError):
        if "STARTTLS" in str(error):
            return "the server does not offer STARTTLS (smtp_starttls is on)"
        if "AUTH" in str(error):
            return "the server does not offer a login (smtp_username is set); is STARTTLS on?"
        return f"the server does not support this: {error}"
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return f"the server refused the user name {settings.username!r} or its password ({_answer(error, settings)})"
    if isinstance(error, smtplib.SMTPSenderRefused):
        hint = (
            "; turn smtp_starttls on" if "STARTTLS" in str(error.smtp_error) and not settings.starttls else ""
        )
        return f"the server refused the sender {error.sender} ({_answer(error, settings)}){hint}"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return f"the server refused {_refusals(error.recipients, settings)}"
    if isinstance(error, smtplib.SMTPDataError):
        return f"the server refused the message ({_answer(error, settings)})"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"the server answered {_answer(error, settings)}"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return f"the server closed the connection ({_scrub(str(error) or 'no reason given', settings)})"
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"the server's TLS certificate is not trusted ({error.verify_message})"
    if isinstance(error, ssl.SSLError):
        return f"TLS failed ({error.reason or error})"
    if isinstance(error, TimeoutError):
        return f"no answer within {settings.timeout:g} seconds"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return _scrub(f"{type(error).__name__}: {error}", settings)


def _answer(error: smtplib.SMTPResponseException, settings: SmtpSettings) -> str:
    return f"{error.smtp_code} {_scrub(error.smtp_error, settings)}"


def _refusals(refused: dict, settings: SmtpSettings) -> str:
    return "; ".join(
        f"{address} ({code} {_scrub(text, settings)})" for address, (code, text) in refused.items()
    )


def _scrub(text: str | bytes, settings: SmtpSettings) -> str:
    """A server's words as one line, with the password nowhere in them, whatever the server echoed."""
    line = " ".join((text.decode("utf-8", "replace") if isinstance(text, bytes) else text).split())
    return line.replace(settings.password, "***") if settings.password else line


def _one_line(text: str) -> str:
    return " ".join(text.split())
