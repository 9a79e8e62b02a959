"""Chunked bodies meet the same size limit as bodies with a Content-Length.

Werkzeug refuses a body whose Content-Length is over ``MAX_CONTENT_LENGTH`` (413), but a chunked body
has no length (one sent with it does not count): it was read up to the limit and silently cut there,
so a body padded past 2 MB was accepted. This WSGI middleware reads a chunked body up to one byte
past the limit and hands the app what it read with its length; one over the limit then meets
Werkzeug's own 413 and the app's usual error page or JSON answer.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from typing import Any

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
CHUNK = 64 * 1024


class BodyLimit:
    def __init__(self, app: WsgiApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        # Chunked wins over any Content-Length sent with it (RFC 9112), as it does in Werkzeug.
        if "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            body = read_at_most(environ["wsgi.input"], self.limit + 1)
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))  # over the limit: Werkzeug answers 413
            environ.pop("wsgi.input_terminated", None)
            environ.pop("HTTP_TRANSFER_ENCODING")  # the body is no longer chunked: it has a length
        return self.app(environ, start_response)


def read_at_most(stream: Any, size: int) -> bytes:
    parts: list[bytes] = []
    left = size
    while left > 0:
        part = stream.read(min(CHUNK, left))
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)
