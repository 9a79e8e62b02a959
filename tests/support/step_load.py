"""Clients logging steps through the JSON API of a live server, and the ledger of what each request
got: acknowledged (2xx), refused (409), unanswered (the connection died: the server was killed) or
anything else (a failure of the test). Every request carries its own Idempotency-Key, so the ledger
can later be compared with the request ids stored on the events.

A writer sends If-Match with the version it last saw. On 409 it learns the current version; with
``retry_refused`` it sends the same step again (same key), otherwise it moves on to a new one. An
unanswered step is always sent again with the same key once the server answers (the client's
only safe retry), so the step ends up stored once whatever the kill interrupted.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.support.http_json import JsonClient

API = "/api/v1"


@dataclass
class Outcome:
    key: str
    kind: str  # "start" or a step path
    negotiation_id: str | None
    last: str = ""  # acked | refused | unanswered | unexpected
    acked: bool = False
    acked_version: int | None = None  # the version the first (not replayed) acknowledgement named
    replayed: bool = False
    cut_off: bool = False  # a request for it went unanswered (the server was killed)


@dataclass
class Ledger:
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)
    unexpected: list[tuple[str, int, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(
        self,
        key: str,
        kind: str,
        nid: str | None,
        last: str,
        version: int | None = None,
        replayed: bool = False,
        status: int | None = None,
        body: Any = None,
    ) -> Outcome:
        with self.lock:
            outcome = self.outcomes.setdefault(key, Outcome(key, kind, nid))
            outcome.negotiation_id = outcome.negotiation_id or nid
            self.counts["requests"] += 1
            self.counts[last] += 1
            if last == "acked":
                if replayed:
                    self.counts["acked (replayed)"] += 1
                    outcome.replayed = True
                elif outcome.acked_version is None:
                    outcome.acked_version = version
                outcome.acked = True
            if last == "unexpected":
                self.unexpected.append((key, status or 0, body))
            if status is not None and status >= 500:
                self.counts["5xx"] += 1
            if last == "unanswered":
                outcome.cut_off = True
            outcome.last = last
            return outcome

    def acked(self) -> list[Outcome]:
        return [o for o in self.outcomes.values() if o.acked]


OPEN_STAGES = ("preparing", "offer_received", "negotiating")


def step_body(rng: random.Random, key: str, stages: bool = False) -> tuple[str, dict[str, Any]]:
    """A step that is valid on any open negotiation (so refusals come from versions, not rules);
    with ``stages``, also stage changes among the open stages (409 when already in that stage)."""
    choice = rng.randrange(5 if stages else 4)
    if choice == 4:
        return "/stage", {"stage": rng.choice(OPEN_STAGES), "reason": f"Moved on ({key})"}
    if choice == 0:
        return "/notes", {"text": f"Note {key}: ask about the equity refresh"}
    if choice == 1:
        return "/interactions", {
            "channel": rng.choice(["call", "email", "meeting"]),
            "summary": f"Talked ({key})",
        }
    if choice == 2:
        return "/parties", {"name": f"Person {key}", "role": "recruiter", "side": "counterpart"}
    return "/aspirations", {"horizon": "long_term", "area": "career", "text": f"Lead a team ({key})"}


class Writer(threading.Thread):
    """One client: logs steps on ``negotiations`` (a shared, growing list) until ``stop`` is set."""

    def __init__(
        self,
        name: str,
        base_url: Callable[[], str],
        token: str | None,
        negotiations: list[str],
        ledger: Ledger,
        stop: threading.Event,
        *,
        seed: int,
        start_share: float = 0.0,
        retry_refused: bool = False,
        max_steps: int | None = None,
        pause: float = 0.0,
        stage_changes: bool = False,
    ) -> None:
        super().__init__(name=name, daemon=True)
        self.base_url, self.token = base_url, token
        self.negotiations, self.ledger, self.stop = negotiations, ledger, stop
        self.rng = random.Random(seed)
        self.start_share, self.retry_refused = start_share, retry_refused
        self.max_steps, self.pause, self.stage_changes = max_steps, pause, stage_changes
        self.clients: dict[str, JsonClient] = {}
        self.versions: dict[str, int] = {}
        self.seq = 0
        self.error: BaseException | None = None

    def client(self) -> JsonClient:
        """A keep-alive client for the server ``base_url`` names now (it may alternate)."""
        url = self.base_url()
        if url not in self.clients:
            self.clients[url] = JsonClient(url, self.token)
        return self.clients[url]

    def run(self) -> None:
        try:
            self._loop()
        except BaseException as error:  # reported by the test, never swallowed
            self.error = error

    def _next(self) -> tuple[str, str | None, str, dict[str, Any]]:
        self.seq += 1
        key = f"{self.name}-{self.seq}"
        if self.rng.random() < self.start_share or not self.negotiations:
            return key, None, "start", {"title": f"Offer {key}", "kind": "job_offer"}
        nid = self.rng.choice(self.negotiations)
        path, body = step_body(self.rng, key, self.stage_changes)
        return key, nid, path, body

    def _loop(self) -> None:
        pending = None
        sent = 0
        while not self.stop.is_set():
            if pending is None:
                if self.max_steps is not None and sent >= self.max_steps:
                    return
                pending = self._next()
                sent += 1
            key, nid, kind, body = pending
            try:
                answer = self._send(key, nid, kind, body)
            except ConnectionError:
                self.ledger.record(key, kind, nid, "unanswered")
                time.sleep(0.1)  # the server is gone: send the same step again when it is back
                continue
            pending = pending if self._handle(answer, key, nid, kind) else None
            if self.pause:
                time.sleep(self.rng.random() * self.pause)

    def _send(self, key: str, nid: str | None, kind: str, body: dict[str, Any]):
        headers = {"Idempotency-Key": key}
        if nid is None:
            return self.client().post(f"{API}/negotiations", body, headers=headers)
        if nid not in self.versions:
            current = self.client().get(f"{API}/negotiations/{nid}")
            if current.status != 200:
                raise AssertionError(f"GET {nid}: {current.status} {current.body}")
            self.versions[nid] = current.body["version"]
        headers["If-Match"] = f'"{self.versions[nid]}"'
        return self.client().post(f"{API}/negotiations/{nid}{kind}", body, headers=headers)

    def _handle(self, answer, key: str, nid: str | None, kind: str) -> bool:
        """Records the answer; True when the same step should be sent again."""
        replayed = answer.headers.get("idempotent-replayed") == "true"
        if answer.status in (200, 201):
            if nid is None:
                nid = answer.body["id"]
                with self.ledger.lock:
                    if nid not in self.negotiations:
                        self.negotiations.append(nid)
            self.versions[nid] = max(self.versions.get(nid, 0), answer.body["version"])
            self.ledger.record(key, kind, nid, "acked", answer.body["version"], replayed=replayed)
            return False
        if answer.status == 409 and nid is not None:
            self.ledger.record(key, kind, nid, "refused", status=409)
            current = (answer.body or {}).get("current_version") if isinstance(answer.body, dict) else None
            if current is None:
                self.versions.pop(nid, None)
            else:
                self.versions[nid] = current
            return self.retry_refused
        if answer.status in (502, 503):  # a worker or the store going away mid-request: try again
            self.ledger.record(key, kind, nid, "unanswered", status=answer.status, body=answer.body)
            time.sleep(0.05)
            return True
        self.ledger.record(key, kind, nid, "unexpected", status=answer.status, body=answer.body)
        return False


def join_all(writers: list[Writer], timeout: float) -> None:
    """Bounded: a writer still running after ``timeout`` is a deadlock or a hung server."""
    deadline = time.monotonic() + timeout
    for writer in writers:
        writer.join(max(0.0, deadline - time.monotonic()))
    stuck = [w.name for w in writers if w.is_alive()]
    assert not stuck, f"writers still waiting after {timeout:.0f}s (deadlock?): {stuck}"
    errors = [(w.name, w.error) for w in writers if w.error is not None]
    assert not errors, errors
