"""Fixtures of the notification tests: a real SMTP server (aiosmtpd) and a self-signed certificate."""

from __future__ import annotations

import pytest

from tests.support.smtp_server import self_signed, smtp_server


@pytest.fixture
def smtp():
    """A plain SMTP server on 127.0.0.1 (no TLS, no login): (controller, inbox)."""
    with smtp_server() as running:
        yield running


@pytest.fixture
def certificate(tmp_path):
    return self_signed(tmp_path)
