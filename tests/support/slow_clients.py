"""Slow clients (slowloris): sockets that send a request line, then one header line every few
seconds and never finish the headers; and /ping timed from an ordinary client meanwhile."""

from __future__ import annotations

import http.client
import socket
import statistics
import threading
import time


class SlowClients:
    def __init__(self, host: str, port: int, count: int = 32, every: float = 2.0, body: bool = False) -> None:
        """``body``: complete headers of a POST, then its body a few bytes at a time instead."""
        self.address = (host, port)
        self.body = body
        self.count, self.every = count, every
        self.sockets: list[socket.socket] = []
        self.answers: dict[int, bytes] = {}  # what the server sent before closing, per client
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None

    def start(self) -> SlowClients:
        for _ in range(self.count):
            sock = socket.create_connection(self.address, timeout=5)
            if self.body:
                sock.sendall(
                    b"POST /api/v1/negotiations HTTP/1.1\r\nHost: slow.example\r\n"
                    b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"
                )
            else:
                sock.sendall(b"GET /ping HTTP/1.1\r\nHost: slow.example\r\n")
            sock.setblocking(False)
            self.sockets.append(sock)
        self.thread = threading.Thread(target=self._dribble, daemon=True, name="slow-clients")
        self.thread.start()
        return self

    def _dribble(self) -> None:
        line = 0
        while not self.stopping.wait(self.every):
            line += 1
            for index, sock in enumerate(self.sockets):
                if index in self.answers:
                    continue
                self._read(index, sock)
                if index not in self.answers:
                    try:
                        sock.send(b" " * 8 if self.body else f"X-Slow-{line}: {'a' * 20}\r\n".encode())
                    except OSError:
                        self.answers.setdefault(index, b"")

    def _read(self, index: int, sock: socket.socket) -> None:
        try:
            data = sock.recv(4096)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        self.answers[index] = data

    def held(self) -> int:
        """How many are still open (their headers neither finished nor refused)."""
        return self.count - len(self.answers)

    def timed_out(self) -> int:
        """How many were answered 408 by the server."""
        return sum(1 for answer in self.answers.values() if answer.startswith(b"HTTP/1.1 408"))

    def stop(self) -> None:
        self.stopping.set()
        if self.thread is not None:
            self.thread.join(timeout=10)
        for sock in self.sockets:
            sock.close()


def ping_latencies(host: str, port: int, seconds: float, pause: float = 0.1) -> tuple[list[float], int]:
    """/ping from fresh connections for ``seconds``: the latencies of the answers, and how many
    requests got no answer within 5 s."""
    latencies: list[float] = []
    failed = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            conn = http.client.HTTPConnection(host, port, timeout=5)
            conn.request("GET", "/ping")
            response = conn.getresponse()
            ok = response.status == 200 and response.read() == b"ok"
            conn.close()
        except OSError:
            ok = False
        if ok:
            latencies.append(time.monotonic() - started)
        else:
            failed += 1
        time.sleep(pause)
    return latencies, failed


def median_ms(latencies: list[float]) -> float:
    return round(statistics.median(latencies) * 1000, 1) if latencies else float("nan")
