"""gunicorn's threaded worker, with request headers read by the worker's event loop under a deadline.

The stock gthread worker hands a connection to a thread as soon as its first bytes arrive, and the
thread then blocks until the headers are complete. A client that sends one header line every few
seconds holds the thread all that time: with 2 workers x 4 threads, 16 such clients stalled every
other request (slowloris). This worker reads the headers in its event loop, without a thread, and
only hands a connection to a thread once they are complete; a connection whose headers are not
complete within ``header_timeout`` seconds (``header_timeout_seconds``) is answered 408 and closed.
A kept-alive connection's clock starts with its next request's first byte.

Request bodies are still read by the thread: put a buffering proxy in front (docs/operations.md,
config/nginx.conf.example) where clients may send bodies slowly.
"""

from __future__ import annotations

import selectors
import time
from collections import deque
from functools import partial
from typing import Any

from gunicorn.workers.gthread import ThreadWorker

#: More than gunicorn's limits for a request line and its header fields: its parser refuses the rest.
MAX_HEAD = 8190 + 100 * 8190 + 4096
TIMEOUT_BODY = b"The request headers did not arrive in time.\n"
TIMEOUT_RESPONSE = (
    b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Content-Length: " + str(len(TIMEOUT_BODY)).encode() + b"\r\n\r\n" + TIMEOUT_BODY
)


def head_complete(data: bytes) -> bool:
    return b"\r\n\r\n" in data or b"\n\n" in data


class HeaderDeadlineWorker(ThreadWorker):
    """``worker_class`` for ``tracker serve``; set ``header_timeout`` before gunicorn forks."""

    header_timeout = 10.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reading: deque[Any] = deque()  # connections whose headers are arriving, oldest first

    def enqueue_req(self, conn: Any) -> None:
        """Every way to the thread pool passes here (new, kept-alive and deferred connections)."""
        if getattr(conn, "head", None) is not None or self.cfg.is_ssl or conn.is_http2:
            return super().enqueue_req(conn)  # headers in hand, or bytes this loop cannot read
        if conn.parser is not None and conn.parser.unreader.buf.getvalue():
            return super().enqueue_req(conn)  # a pipelined request already read ahead
        conn.head_bytes = b""
        conn.head_deadline = time.monotonic() + self.header_timeout
        conn.sock.setblocking(False)
        self.reading.append(conn)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self.on_head_readable, conn))
        self.on_head_readable(conn, conn.sock)  # its first bytes are usually there already

    def on_head_readable(self, conn: Any, _sock: Any) -> None:
        try:
            data = conn.sock.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            return self._drop(conn)
        if not data:
            return self._drop(conn)
        conn.head_bytes += data
        if head_complete(conn.head_bytes) or len(conn.head_bytes) > MAX_HEAD:
            self._stop_reading(conn)
            conn.head, conn.head_bytes = conn.head_bytes, b""
            conn.data_ready = True
            super().enqueue_req(conn)

    def handle(self, conn: Any) -> Any:
        """In the thread: the headers read by the loop go back in front of the parser's input."""
        head = getattr(conn, "head", None)
        if head is not None:
            conn.head = None
            conn.sock.setblocking(True)
            conn.init()
            conn.parser.unreader.unread(head)
        return super().handle(conn)

    def murder_pending(self) -> None:
        """Also closes, with a 408, connections whose headers missed the deadline (all of them once
        the worker is stopping)."""
        super().murder_pending()
        now = time.monotonic()
        while self.reading and (self.reading[0].head_deadline <= now or not self.alive):
            conn = self.reading[0]
            try:
                conn.sock.send(TIMEOUT_RESPONSE)
            except OSError:
                pass
            self._drop(conn)

    def _stop_reading(self, conn: Any) -> None:
        try:
            self.poller.unregister(conn.sock)
        except (KeyError, ValueError, OSError):
            pass
        try:
            self.reading.remove(conn)
        except ValueError:
            pass

    def _drop(self, conn: Any) -> None:
        self._stop_reading(conn)
        self.nr_conns -= 1
        conn.close()
