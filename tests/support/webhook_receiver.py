"""A real HTTP receiver on 127.0.0.1 for webhook tests: records every call (path, headers, raw body)
and answers with the status the test sets; ``verified(secret)`` checks each call's signature."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tracker.notify.webhooks.signing import verify


@dataclass
class Receiver:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    calls: list[dict[str, Any]] = field(default_factory=list)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def documents(self) -> list[dict[str, Any]]:
        return [json.loads(call["body"]) for call in self.calls]

    def kinds(self) -> list[str]:
        return [d["type"] for d in self.documents()]

    def verified(self, secret: str) -> list[bool]:
        return [
            verify(secret, call["headers"].get("Tracker-Signature"), call["body"], now=int(time.time()))
            for call in self.calls
        ]


@contextmanager
def receiving(status: int = 200, headers: dict[str, str] | None = None) -> Iterator[Receiver]:
    receiver = Receiver(status, dict(headers or {}))

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            receiver.calls.append({"path": self.path, "headers": dict(self.headers), "body": body})
            self.send_response(receiver.status)
            for name, value in receiver.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    receiver.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
