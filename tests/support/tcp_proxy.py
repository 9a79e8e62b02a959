"""A TCP proxy a test can cut and restore: the network between the app and PostgreSQL.

    proxy = TcpProxy("127.0.0.1", 5432).start()   # listens on proxy.port
    proxy.cut()       # every open connection dropped, new ones refused (the port closed)
    proxy.restore()   # listening again on the same port
    proxy.stall()     # connections stay open, nothing passes (a frozen server); unstall() resumes

Threads, one per direction of each connection: the proxy carries a few test connections only.
"""

from __future__ import annotations

import socket
import threading
import time


class TcpProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = 0
        self.listener: socket.socket | None = None
        self.lock = threading.Lock()
        self.open: set[socket.socket] = set()
        self.accepted = 0
        self.stalled = threading.Event()

    def start(self) -> TcpProxy:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        listener.settimeout(0.05)
        self.port = listener.getsockname()[1]
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True, name="proxy-accept").start()
        return self

    def cut(self) -> None:
        """Closes the port and drops every connection through it (both ends see the other go)."""
        listener, self.listener = self.listener, None
        if listener is not None:
            listener.close()
        with self.lock:
            sockets, self.open = list(self.open), set()
        for sock in sockets:
            _drop(sock)

    def stall(self) -> None:
        self.stalled.set()

    def unstall(self) -> None:
        self.stalled.clear()

    def restore(self) -> None:
        assert self.listener is None, "not cut"
        self.start()

    def stop(self) -> None:
        self.cut()

    def _accept(self, listener: socket.socket) -> None:
        while self.listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _drop(client)
                continue
            client.settimeout(None)
            upstream.settimeout(None)
            with self.lock:
                if self.listener is not listener:
                    _drop(client)
                    _drop(upstream)
                    return
                self.open.update((client, upstream))
                self.accepted += 1
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                while self.stalled.is_set() and source.fileno() != -1:
                    time.sleep(0.05)
                sink.sendall(data)
        except OSError:
            pass
        for sock in (source, sink):
            with self.lock:
                self.open.discard(sock)
            _drop(sock)


def _drop(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()
