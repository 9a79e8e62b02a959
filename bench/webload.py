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
  json  the same step through the JSON API, as a client of it does: POST
        /api/v1/negotiations/{id}/notes with a bearer token (--token), the ETag last seen as If-Match
        and a fresh Idempotency-Key; the app answers 201 with the new ETag. Each thread takes turns
        on its own negotiations, as in step mode.
  save  POST /save of the floor app (bench/floor_app.py): one eventsourcing save, answered 201.

Signing in (when the server asks for it): the sign-in form is fetched and posted once, and every
thread uses that session cookie; the CSRF token comes from the step form.

Latency: each request's time from sending to the end of the answer; p50, p95 and p99 of all of them.
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

    def request(
        self,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        data: dict | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict, bytes]:
        headers = dict(headers or {})
        if self.cookie:
            headers["Cookie"] = self.cookie
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif data is not None:
            body = json.dumps(data)
            headers["Content-Type"] = "application/json"
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


def json_step(client: Client, state: dict) -> int:
    state["turn"] = (state["turn"] + 1) % len(state["etags"])
    nid = list(state["etags"])[state["turn"]]
    headers = {
        "Authorization": f"Bearer {state['token']}",
        "If-Match": state["etags"][nid],
        "Idempotency-Key": uuid.uuid4().hex,
    }
    data = {"text": "Called Dana about the start date."}
    status, answer, _ = client.request(
        "POST", f"/api/v1/negotiations/{nid}/notes", data=data, headers=headers
    )
    if status == 201 and answer.get("ETag"):
        state["etags"][nid] = answer["ETag"]
    return status


def save(client: Client, _: dict) -> int:
    status, _, _ = client.request("POST", "/save", {"text": "Called Dana about the start date."})
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


def prepare_json(client: Client, nids: list[str], token: str) -> dict:
    """Each negotiation's ETag, from reading it through the API."""
    state: dict = {"token": token, "etags": {}, "turn": -1}
    for nid in nids:
        status, headers, _ = client.request(
            "GET", f"/api/v1/negotiations/{nid}", headers={"Authorization": f"Bearer {token}"}
        )
        if status != 200 or not headers.get("ETag"):
            raise SystemExit(f"reading a negotiation through the API answered {status}")
        state["etags"][nid] = headers["ETag"]
    return state


ACTIONS = {"ping": ping, "step": step, "json": json_step, "save": save}


def percentile(ordered: list[float], share: float) -> float | None:
    """The latency (ms) that ``share`` of the sorted ``ordered`` (seconds) do not exceed."""
    if not ordered:
        return None
    return 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def run(args: argparse.Namespace) -> dict:
    cookie = sign_in(args.url, args.email, args.password) if args.email else ""
    nids = args.negotiations.split(",") if args.negotiations else []
    action = ACTIONS[args.mode]
    statuses: Counter = Counter()
    latencies: list[float] = []
    lock = threading.Lock()
    budget = {"left": args.requests}
    states = []
    for i in range(args.threads):
        client = Client(args.url, cookie)
        mine = nids[i :: args.threads] or nids[:1]
        state = (
            prepare_step(client, mine)
            if args.mode == "step"
            else prepare_json(client, mine, args.token)
            if args.mode == "json"
            else {}
        )
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
        "p50_ms": percentile(latencies, 0.50),
        "p95_ms": percentile(latencies, 0.95),
        "p99_ms": percentile(latencies, 0.99),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.webload",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--url", required=True)
    parser.add_argument("--mode", choices=sorted(ACTIONS), required=True)
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
    parser.add_argument("--token", default="", help="json mode: the API token (Authorization: Bearer)")
    args = parser.parse_args(argv)
    print(json.dumps(run(args)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
