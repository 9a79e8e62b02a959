"""The email channel's settings, read once from the configuration (config/default.toml, TRACKER_*
variables) into one frozen value, so composing and sending never look keys up again."""

from __future__ import annotations

import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import parseaddr
from typing import Any

from tracker.config import ConfigError


@dataclass(frozen=True)
class SmtpSettings:
    host: str = ""  # empty: email is off
    port: int = 587
    starttls: bool = True  # not used when ``ssl`` is on (the connection is encrypted from the start)
    ssl: bool = False  # implicit TLS (port 465)
    username: str = ""
    password: str = field(default="", repr=False)
    timeout: float = 10.0
    mail_from: str = "Negotiation tracker <tracker@localhost>"
    base_url: str = "http://127.0.0.1:5000"  # no trailing slash
    #: The TLS trust for STARTTLS and implicit TLS. None: the system's (ssl.create_default_context()).
    #: A hook for tests and private mail servers: a context that trusts one self-signed certificate.
    ssl_context: ssl.SSLContext | None = field(default=None, repr=False, compare=False)

    @property
    def enabled(self) -> bool:
        return bool(self.host)

    @property
    def sender_domain(self) -> str:
        """The domain of the From address: Message-IDs are made with it (not the machine's name)."""
        return parseaddr(self.mail_from)[1].rpartition("@")[2] or "tracker.invalid"

    def link(self, path: str) -> str:
        """The absolute address of a path of the app ("/negotiations/..." -> "https://.../negotiations/...")."""
        return self.base_url + ("" if path.startswith("/") else "/") + path

    @classmethod
    def from_config(
        cls, config: Mapping[str, Any], ssl_context: ssl.SSLContext | None = None
    ) -> SmtpSettings:
        """The settings from a loaded configuration (tracker.config.load_config); ConfigError names the
        key that cannot be used."""
        port = _number(config, "smtp_port", 587, int)
        if not 0 < port < 65536:
            raise ConfigError(f"smtp_port must be between 1 and 65535, not {port}")
        timeout = _number(config, "smtp_timeout_seconds", 10, float)
        if timeout <= 0:
            raise ConfigError(f"smtp_timeout_seconds must be more than 0, not {timeout:g}")
        host = str(config.get("smtp_host") or "").strip()
        mail_from = str(config.get("mail_from") or "").strip()
        if host and "@" not in parseaddr(mail_from)[1]:
            raise ConfigError(
                f"mail_from must be an email address (Name <name@example.org>), not {mail_from!r}"
            )
        return cls(
            host=host,
            port=port,
            starttls=bool(config.get("smtp_starttls", True)),
            ssl=bool(config.get("smtp_ssl", False)),
            username=str(config.get("smtp_username") or ""),
            password=str(config.get("smtp_password") or ""),
            timeout=timeout,
            mail_from=mail_from,
            base_url=app_address(config),
            ssl_context=ssl_context,
        )


def app_address(config: Mapping[str, Any]) -> str:
    """base_url without its trailing slash; when it is empty, http://<host>:<port> of the web app."""
    base = str(config.get("base_url") or "").strip().rstrip("/")
    if base and not base.startswith(("http://", "https://")):
        raise ConfigError(f"base_url must start with http:// or https://, not {base!r}")
    return base or f"http://{config.get('host', '127.0.0.1')}:{config.get('port', 5000)}"


def _number(config: Mapping[str, Any], key: str, default: Any, kind: type) -> Any:
    value = config.get(key, default)
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{key} must be a number, not {value!r}") from None
