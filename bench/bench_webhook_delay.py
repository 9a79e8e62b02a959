"""How long after a step its webhook call arrives, under `make run`'s defaults: `tracker serve`
(gunicorn, the outbox in each worker every `notify_interval_seconds`), a webhook registered through
the API to a local receiver, notes logged through the JSON API one after another. Reported (no
target): the delay is the outbox's polling interval plus the call."""

from __future__ import annotations

import json
import statistics
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench.common import Options, Outcome, on_each_store
from bench.server import Server
from tracker.bootstrap import build_people, build_tracker

TITLE = "step to its webhook call (median, seconds)"
OWNER = "bench@example.org"


class Arrivals:
    def __init__(self) -> None:
        self.at: dict[int, float] = {}
        self.event = threading.Event()
        handler = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                handler.at.setdefault(int(body.get("version") or 0), time.perf_counter())
                handler.event.set()
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def wait(self, version: int, timeout: float = 30) -> float:
        deadline = time.perf_counter() + timeout
        while version not in self.at:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"no webhook call for version {version}")
            self.event.wait(0.01)
            self.event.clear()
        return self.at[version]


def call(url: str, token: str, body: dict, etag: str | None = None) -> tuple[dict, str | None]:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    if etag:
        headers["If-Match"] = etag
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read() or b"{}"), answer.headers.get("ETag")


def measure(config: dict[str, Any], options: Options) -> Outcome:
    config = {**config, "password_hash_profile": "CHEAPEST", "webhooks_allow_loopback": True}
    tracker = build_tracker(config)
    people = build_people(config, tracker)
    try:
        people.accounts.sign_up(OWNER, "a long enough password")
        token = people.accounts.create_token(OWNER, label="bench").token
    finally:
        people.close()
        tracker.close()
    arrivals = Arrivals()
    server = Server(config, Path(config.get("data_dir") or "/tmp") / "webhook-delay.log")
    delays = []
    try:
        server.wait_ready()
        api = server.url + "/api/v1"
        call(api + "/webhooks", token, {"url": arrivals.url, "kinds": ["NoteAdded"]})
        started, etag = call(api + "/negotiations", token, {"title": "Offer", "kind": "job_offer"})
        for i in range(options.size(20, 3)):
            sent = time.perf_counter()
            _, etag = call(f"{api}/negotiations/{started['id']}/notes", token, {"text": f"Note {i}"}, etag)
            version = int(etag.strip('W/"'))
            delays.append(arrivals.wait(version) - sent)
    finally:
        server.stop()
        arrivals.server.shutdown()
    return Outcome(
        TITLE,
        config["store"],
        statistics.median(delays),
        None,
        {
            "delays (s)": f"median {statistics.median(delays):.2f}, max {max(delays):.2f}, "
            f"{len(delays)} notes one after another",
            "settings": "the defaults: 2 workers, the outbox every notify_interval_seconds = 1",
        },
        unit="s",
    )


def run(options: Options) -> list[Outcome]:
    return on_each_store(options, measure)
