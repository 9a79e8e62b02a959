"""A small HTTP load client, run as its own process (``python -m bench.webload``) so the server's
measurements do not share an interpreter with it. Keep-alive connections (http.client), one per
thread, a bounded number of requests and a bounded time; prints one JSON line with the figures.

Modes:
  ping  GET /ping (the hello-world route).
  step  "log a step" as a browser does: POST the add-a-note form with its CSRF token, the version
        last seen (expected_version) and a fresh request id; the app validates, saves and answers
        303 to the new timeline entry, whose version is the next expected_version. Each thread
        takes turns on its own negotiations, so no step is refused for a stale version. The
        redirect is not followed (that is a page view), so the "Recorded" notice it would show is
        dropped with the cookie that carries it: each POST goes with the signed-in session as is.

Signing in (when the server asks for it): the sign-in form is fetched and posted once, and every
thread uses that session cookie; the CSRF token comes from the step form.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from urllib.parse import urlencode, urlsplit

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
VERSION = re.compile(r'name="expected_version" value="(\d+)"')
LOCATION_VERSION = re.compile(r"#v(\d+)$")


class Client:
    """One keep-alive connection with the shared cookie (kept as it is when ``fixed_cookie``)."""

    def __init__(self, base: str, cookie: str = "", fixed_cookie: bool = False) -> None:
        parts = urlsplit(base)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        self.cookie = cookie
        self.fixed_cookie = fixed_cookie

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, dict, bytes]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        for value in [] if self.fixed_cookie else response.headers.get_all("Set-Cookie") or []:
            self.cookie = value.split(";", 1)[0]
        return response.status, dict(response.headers.items()), data


def sign_in(base: str, email: str, password: str) -> str:
    """The session cookie after signing in (empty when the server needs no sign-in)."""
    client = Client(base)
    status, _, page = client.request("GET", "/auth/signin")
    if status == 404:
        return ""
    token = CSRF.search(page.decode())
    form = {"email": email, "password": password, "next": "/"}
    if token:
        form["csrf_token"] = token.group(1)
    status, _headers, body = client.request("POST", "/auth/signin", form)
    if status != 303:
        raise SystemExit(f"sign-in failed: {status} {body[:200]!r}")
    return client.cookie


def ping(client: Client, _: dict) -> int:
    status, _, body = client.request("GET", "/ping")
    return status if body.strip() == b"ok" else -status


def step(client: Client, state: dict) -> int:
    state["turn"] = (state["turn"] + 1) % len(state["versions"])
    nid = list(state["versions"])[state["turn"]]
    form = {
        "csrf_token": state["csrf"],
        "request_id": uuid.uuid4().hex,
        "text": "Called Dana about the start date.",
        "expected_version": str(state["versions"][nid]),
    }
    status, headers, _ = client.request("POST", f"/negotiations/{nid}/steps/add_note", form)
    found = LOCATION_VERSION.search(headers.get("Location", ""))
    if status == 303 and found:
        state["versions"][nid] = int(found.group(1))
    return status


def prepare_step(client: Client, nids: list[str]) -> dict:
    """The CSRF token and each negotiation's version, from its step form."""
    state: dict = {"csrf": "", "versions": {}, "turn": -1}
    for nid in nids:
        status, _, page = client.request("GET", f"/negotiations/{nid}/steps/add_note")
        if status != 200:
            raise SystemExit(f"the step form answered {status}")
        html = page.decode()
        csrf, version = CSRF.search(html), VERSION.search(html)
        state["csrf"] = csrf.group(1) if csrf else ""
        state["versions"][nid] = int(version.group(1)) if version else 1
    return state


def run(args: argparse.Namespace) -> dict:
    cookie = sign_in(args.url, args.email, args.password) if args.email else ""
    nids = args.negotiations.split(",") if args.negotiations else []
    action = step if args.mode == "step" else ping
    statuses: Counter = Counter()
    latencies: list[float] = []
    lock = threading.Lock()
    budget = {"left": args.requests}
    states = []
    for i in range(args.threads):
        client = Client(args.url, cookie)
        state = prepare_step(client, nids[i :: args.threads] or nids[:1]) if args.mode == "step" else {}
        client.fixed_cookie = True  # the session as the forms left it (with its CSRF secret)
        states.append((client, state))
    start = time.perf_counter()
    deadline = start + args.seconds

    def work(client: Client, state: dict) -> None:
        while time.perf_counter() < deadline:
            with lock:
                if budget["left"] <= 0:
                    return
                budget["left"] -= 1
            began = time.perf_counter()
            status = action(client, state)
            took = time.perf_counter() - began
            with lock:
                statuses[status] += 1
                latencies.append(took)

    threads = [threading.Thread(target=work, args=pair) for pair in states]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    done = sum(statuses.values())
    latencies.sort()
    return {
        "mode": args.mode,
        "requests": done,
        "seconds": elapsed,
        "rps": done / elapsed if elapsed else 0.0,
        "statuses": {str(k): v for k, v in statuses.items()},
        "p50_ms": 1000 * latencies[len(latencies) // 2] if latencies else None,
        "p95_ms": 1000 * latencies[int(len(latencies) * 0.95)] if latencies else None,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.webload",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--url", required=True)
    parser.add_argument("--mode", choices=("ping", "step"), required=True)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--requests", type=int, default=1000, help="at most this many requests in all")
    parser.add_argument("--seconds", type=float, default=5.0, help="at most this long")
    parser.add_argument(
        "--negotiations",
        default="",
        help="comma-separated ids (step mode: each thread takes its share in turns)",
    )
    parser.add_argument("--email", default="")
    parser.add_argument("--password", default="")
    args = parser.parse_args(argv)
    print(json.dumps(run(args)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
