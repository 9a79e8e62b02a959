"""Loading and rendering a negotiation with 10,000 events, with snapshots against without, on the same
store in the same run.

One negotiation of 10,000 events is written with snapshots on (every 50 events, the default). Two
apps then read it: one with snapshots, one with them turned off (a full replay), both without the
aggregate cache, so every read is what a freshly started worker (or an evicted entry) does.
"Loading" is ``tracker.get``; "rendering" is the negotiation page through the Flask test client
(signed in when the app asks for it), oldest first and newest first. Ratio: (load + both pages)
without snapshots / with. Also reported: the same page for a negotiation of 100 events (the
timeline shows a page of 50 entries, so its cost should not grow with the history), and the
record-intact badge's verification alone (it checks every event and snapshot on each view) and,
as a diagnostic, the page without it.
"""

from __future__ import annotations

import re
import statistics
import time
from typing import Any, Callable

from bench.common import Options, Outcome, on_each_store
from bench.history import long_negotiation
from tracker import create_app

TITLE = "load and render a negotiation of 10,000 events: with snapshots vs without"
TARGET = 10.0
EMAIL = "bench.coach@example.org"
PASSWORD = "bench correct horse battery staple"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
INTERVAL = 50


def seconds(call: Callable[[], Any], times: int) -> float:
    """Median seconds of ``times`` calls."""
    found = []
    for _ in range(times):
        started = time.perf_counter()
        call()
        found.append(time.perf_counter() - started)
    return statistics.median(found)


class Reader:
    """An app on the store, with or without snapshots, no aggregate cache; its client signed in."""

    def __init__(self, config: dict[str, Any], snapshots: bool) -> None:
        self.app = create_app(dict(config, snapshot_interval=INTERVAL if snapshots else 0, aggregate_cache_size=0))
        self.tracker = self.app.extensions["tracker"]
        self.client = self.app.test_client()
        if "auth.signin" in self.app.view_functions:
            accounts = self.app.extensions["people"].accounts
            if not accounts.user_exists(EMAIL):
                accounts.sign_up(EMAIL, PASSWORD)
            page = self.client.get("/auth/signin").get_data(as_text=True)
            token = CSRF.search(page)
            form = {"email": EMAIL, "password": PASSWORD, "next": "/", **({"csrf_token": token.group(1)} if token else {})}
            answer = self.client.post("/auth/signin", data=form)
            assert answer.status_code == 303, answer.status_code

    def page(self, nid: str, query: str = "") -> None:
        answer = self.client.get(f"/negotiations/{nid}{query}")
        assert answer.status_code == 200, (answer.status_code, answer.get_data(as_text=True)[:300])

    def badge(self, nid: str) -> None:
        from tracker.web.audit_reads import verify

        verify(self.tracker, nid)

    def page_without_badge(self, nid: str) -> None:
        """The page with the badge's verification left out (a diagnostic: where the time goes)."""
        from unittest import mock

        from tracker.domain.chain import ChainReport
        from tracker.web.audit_reads import Verification

        skipped = Verification(ChainReport(nid, 0, None, ""), None)
        with mock.patch("tracker.web.pages.audit_view.verify", lambda *_args, **_kw: skipped):
            self.page(nid, "?order=newest")

    def close(self) -> None:
        self.app.extensions["people"].close()
        self.tracker.close()


def measure(config: dict[str, Any], options: Options) -> Outcome:
    events, times = options.size(10_000, 300), 1 if options.smoke else 3
    config = dict(config, secret_key="bench", password_hash_profile="CHEAPEST")
    started = time.perf_counter()
    writer = create_app(dict(config, snapshot_interval=INTERVAL))
    try:
        tracker = writer.extensions["tracker"]
        long_id, short_id = (str(long_negotiation(tracker, n, actor=EMAIL)) for n in (events, 100))
    finally:
        writer.extensions["people"].close()
        writer.extensions["tracker"].close()
    seeded = time.perf_counter() - started
    sides = {"with": Reader(config, snapshots=True), "without": Reader(config, snapshots=False)}
    found: dict[str, dict[str, float]] = {name: {} for name in sides}
    try:
        for name, side in sides.items():
            side.page(long_id)  # warm-up: templates, connections
            found[name]["load"] = seconds(lambda: side.tracker.get(long_id), times)
            found[name]["page"] = seconds(lambda: side.page(long_id), times)
            found[name]["newest"] = seconds(lambda: side.page(long_id, "?order=newest"), times)
            found[name]["badge"] = seconds(lambda: side.badge(long_id), times)
            found[name]["no badge"] = seconds(lambda: side.page_without_badge(long_id), times)
            found[name]["short page"] = seconds(lambda: side.page(short_id), times)
    finally:
        for side in sides.values():
            side.close()
    total = {name: f["load"] + f["page"] + f["newest"] for name, f in found.items()}
    ratio = total["without"] / total["with"]
    w, wo = found["with"], found["without"]

    def pair(key: str) -> str:
        return f"{w[key] * 1000:,.0f} ms with, {wo[key] * 1000:,.0f} ms without ({wo[key] / w[key]:.1f}x)"

    return Outcome(TITLE, config["store"], ratio, TARGET, {
        "load (tracker.get, no cache)": pair("load"),
        "negotiation page, oldest first": pair("page"),
        "negotiation page, newest first": pair("newest"),
        "of which the record-intact badge (verify every event and snapshot)": pair("badge"),
        "newest first without the badge (diagnostic)": pair("no badge"),
        "the same page for a negotiation of 100 events": f"{w['short page'] * 1000:,.0f} ms with snapshots "
                                                          f"(the {events:,}-event page takes {w['page'] / w['short page']:.1f}x as long)",
        "data": f"{events:,} events (notes, calls, proposals), a snapshot every {INTERVAL}; written in "
                f"{seeded:.1f}s; median of {times} calls each",
    })


def run(options: Options) -> list[Outcome]:
    return on_each_store(options, measure)
