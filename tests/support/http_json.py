"""A small JSON client over http.client for talking to a live server from many threads (one
keep-alive connection per client, every call bounded by a timeout, so a hung server fails the test
instead of hanging it)."""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

TIMEOUT = 30.0


@dataclass
class Answer:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 400


class JsonClient:
    """Raises OSError (ConnectionError, timeout) when the server is gone: the caller decides what
    an unanswered request means."""

    def __init__(self, base_url: str, token: str | None = None, timeout: float = TIMEOUT) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.token, self.timeout = token, timeout
        self.conn: http.client.HTTPConnection | None = None
        self.requests = 0

    def request(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> Answer:
        sent = {"Accept": "application/json", **(headers or {})}
        if self.token:
            sent["Authorization"] = f"Bearer {self.token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        self.requests += 1
        # A kept-alive connection the server closed while idle fails before any answer: sending
        # again on a new one is safe for reads and for writes with an idempotency key.
        retry_safe = method == "GET" or "Idempotency-Key" in sent
        for attempt in (1, 2):
            reused = self.conn is not None
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=data, headers=sent)
                response = self.conn.getresponse()
                raw = response.read()
                break
            except (OSError, http.client.HTTPException) as error:
                self.close()
                stale = isinstance(
                    error, (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)
                )
                if not (attempt == 1 and reused and stale and retry_safe):
                    raise ConnectionError(f"{method} {path}: {error!r}") from error
        text = raw.decode("utf-8", "replace")
        try:
            parsed = json.loads(text) if text else None
        except ValueError:
            parsed = text
        return Answer(response.status, parsed, {k.lower(): v for k, v in response.getheaders()})

    def get(self, path: str, **kw: Any) -> Answer:
        return self.request("GET", path, **kw)

    def post(self, path: str, body: Any, **kw: Any) -> Answer:
        return self.request("POST", path, body, **kw)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
