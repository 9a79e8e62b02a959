"""Loading and rendering a negotiation with 10,000 events, with snapshots against without, on the same
store in the same run.

One negotiation of 10,000 events is written with snapshots on (every 50 events, the default). Two
apps then read it: one with snapshots, one with them turned off (a full replay), both without the
aggregate cache, so every read is what a freshly started worker (or an evicted entry) does.
"Loading" is ``tracker.get``; "rendering" is the negotiation page through the Flask test client
(signed in when the app asks for it), oldest first and newest first, record-intact badge included.
Ratio: (load + both pages) without snapshots / with: the median, over interleaved rounds (the two
apps in turn, so a busy machine slows both alike), of a round's three calls, garbage collections
included; each figure below is its own median. Also reported: the same page for a negotiation of
100 events (the timeline shows a page of 50 entries, so its cost should not grow with the history),
the badge's check alone, warm and cold, and, as a diagnostic, the page without it.

The badge decodes and replays only what changed since the process last verified the record
(``tracker.audit.verified``); it re-reads the stored rows unless the store's change token shows
that nothing was written since (on SQLite, nothing in the whole file: so "the badge after a step on
another negotiation" is reported too, the re-read's cost on a store in use). A process's first view
of a negotiation starts from the head an earlier process kept in the store (tracker.audit.kept_heads),
and the first view reading a snapshot not verified before replays the events up to it. Each app's
first views of both orders (the warm-up, untimed, which also loads the templates and opens
connections) are those; the timed views are the ones after them. The cold check is reported on its
own ("the badge, cold").

Second ratio: a worker's first view of the long negotiation against its views after (the default
settings, aggregate cache on; each of three fresh apps first views the short negotiation, so
templates and connections are not counted), target at most 3: what a restart costs the first
person to open a long record.
"""

from __future__ import annotations

import gc
import re
import statistics
import time
from collections.abc import Callable
from typing import Any

from bench.common import Options, Outcome, on_each_store
from bench.history import long_negotiation
from tracker import create_app

TITLE = "load and render a negotiation of 10,000 events: with snapshots vs without"
TARGET = 10.0
COLD_TITLE = "a worker's first view of a 10,000-event negotiation / a warm view (time)"
COLD_TARGET = 3.0  # at most
WORKERS = 3  # fresh apps, each: its first view of the long negotiation, then warm views
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

    def __init__(self, config: dict[str, Any], snapshots: bool, cache: bool = False) -> None:
        settings = {} if cache else {"aggregate_cache_size": 0}
        self.app = create_app(dict(config, snapshot_interval=INTERVAL if snapshots else 0, **settings))
        self.tracker = self.app.extensions["tracker"]
        self.client = self.app.test_client()
        if "auth.signin" in self.app.view_functions:
            accounts = self.app.extensions["people"].accounts
            if not accounts.user_exists(EMAIL):
                accounts.sign_up(EMAIL, PASSWORD)
            page = self.client.get("/auth/signin").get_data(as_text=True)
            token = CSRF.search(page)
            form = {
                "email": EMAIL,
                "password": PASSWORD,
                "next": "/",
                **({"csrf_token": token.group(1)} if token else {}),
            }
            answer = self.client.post("/auth/signin", data=form)
            assert answer.status_code == 303, answer.status_code

    def page(self, nid: str, query: str = "") -> None:
        answer = self.client.get(f"/negotiations/{nid}{query}")
        assert answer.status_code == 200, (answer.status_code, answer.get_data(as_text=True)[:300])

    def badge(self, nid: str, cold: bool = False) -> None:
        """The badge's check as the latest page asks for it; ``cold``: as on a worker's first view."""
        from tracker.audit.reads import check_badge
        from tracker.audit.verified import records_of

        if cold:
            records_of(self.tracker).clear()
        check_badge(self.tracker, nid)

    def page_without_badge(self, nid: str) -> None:
        """The page with the badge's check left out (a diagnostic: where the time goes)."""
        from unittest import mock

        from tracker.audit.reads import Verification
        from tracker.domain.chain import ChainReport

        skipped = Verification(ChainReport(nid, 0, None, ""), None)
        with mock.patch("tracker.web.pages.audit.view.check_badge", lambda *_args, **_kw: skipped):
            self.page(nid, "?order=newest")

    def close(self) -> None:
        self.app.extensions["people"].close()
        self.tracker.close()


def timed(sides: dict[str, Reader], long_id: str, short_id: str, times: int) -> dict[str, dict[str, float]]:
    """Median seconds per figure and side, in interleaved rounds (a busy machine slows both alike). The
    figures of the ratio have rounds of their own, the diagnostics others; each app's turn starts with
    a collection, so its calls pay for the garbage collections their own allocations cause, as a
    worker's requests do, and none of the other app's or of the diagnostics'."""
    ratio: dict[str, Callable[[Reader], Any]] = {
        "load": lambda side: side.tracker.get(long_id),
        "page": lambda side: side.page(long_id),
        "newest": lambda side: side.page(long_id, "?order=newest"),
    }
    diagnostics: dict[str, Callable[[Reader], Any]] = {
        "badge": lambda side: side.badge(long_id),
        "no badge": lambda side: side.page_without_badge(long_id),
        "short page": lambda side: side.page(short_id),
    }
    found: dict[str, dict[str, list[float]]] = {name: {} for name in sides}
    for calls in (ratio, diagnostics):
        for _ in range(times):
            for name, side in sides.items():
                gc.collect()  # untimed
                for key, call in calls.items():
                    found[name].setdefault(key, []).append(
                        seconds(lambda call=call, side=side: call(side), 1)
                    )
    medians = {
        name: {key: statistics.median(values) for key, values in f.items()} for name, f in found.items()
    }
    for name, f in found.items():  # the ratio's: what a round of the three costs, collections included
        medians[name]["round"] = statistics.median(map(sum, zip(*(f[key] for key in ratio), strict=False)))
    for name, side in sides.items():
        medians[name]["cold badge"] = seconds(lambda side=side: side.badge(long_id, cold=True), 1)
        side.badge(long_id)  # verified again (not timed)
        after = []
        for i in range(3):  # a step elsewhere in the store (untimed), then the badge
            side.tracker.step(short_id, "add_note", actor=EMAIL, text=f"Meanwhile {i}.")
            after.append(seconds(lambda side=side: side.badge(long_id), 1))
        medians[name]["badge after a write"] = statistics.median(after)
    return medians


def first_views(config: dict[str, Any], long_id: str, short_id: str, workers: int) -> dict[str, list[float]]:
    """Seconds of each fresh app's first view of the long negotiation (the default settings: the
    aggregate cache, snapshots, the verified head and the analysis' readings kept in the store by
    earlier processes), after one view of the short one (templates, connections), and of the views
    after it."""
    found: dict[str, list[float]] = {"cold": [], "warm": []}
    for _ in range(workers):
        worker = Reader(config, snapshots=True, cache=True)
        try:
            worker.page(short_id)
            gc.collect()
            found["cold"].append(seconds(lambda worker=worker: worker.page(long_id), 1))
            found["warm"].append(seconds(lambda worker=worker: worker.page(long_id), 3))
        finally:
            worker.close()
    return found


def measure(config: dict[str, Any], options: Options) -> list[Outcome]:
    events, times = options.size(10_000, 300), 1 if options.smoke else 3 * options.rounds
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
    try:
        for side in sides.values():  # warm-up: templates, connections, the first (full) check of the record
            for query in ("", "?order=newest"):  # and of the snapshot each order's page is read from
                side.page(long_id, query)
            side.page(short_id)
        found = timed(sides, long_id, short_id, times)
    finally:
        for side in sides.values():
            side.close()
    views = first_views(config, long_id, short_id, 1 if options.smoke else WORKERS)
    cold, warm = statistics.median(views["cold"]), statistics.median(views["warm"])
    first = Outcome(
        COLD_TITLE,
        config["store"],
        cold / warm,
        COLD_TARGET,
        {
            "first view in a fresh worker": f"{cold * 1000:,.0f} ms (median of {len(views['cold'])} workers)",
            "warm view (the same worker, the views after)": f"{warm * 1000:,.0f} ms",
        },
        below=True,
    )
    ratio = found["without"]["round"] / found["with"]["round"]
    w, wo = found["with"], found["without"]

    def pair(key: str) -> str:
        return f"{w[key] * 1000:,.0f} ms with, {wo[key] * 1000:,.0f} ms without ({wo[key] / w[key]:.1f}x)"

    return [
        Outcome(
            TITLE,
            config["store"],
            ratio,
            TARGET,
            {
                "a round: load + both pages, garbage collections included (the ratio)": pair("round"),
                "load (tracker.get, no cache)": pair("load"),
                "negotiation page, oldest first": pair("page"),
                "negotiation page, newest first": pair("newest"),
                "of which the record-intact badge (nothing written since the last view)": pair("badge"),
                "the badge after a step on another negotiation (rows re-read on SQLite)": pair(
                    "badge after a write"
                ),
                "the badge, cold (a worker's first view: from the head kept in the store)": pair(
                    "cold badge"
                ),
                "newest first without the badge (diagnostic)": pair("no badge"),
                "the same page for a negotiation of 100 events": f"{w['short page'] * 1000:,.0f} ms with snapshots "
                f"(the {events:,}-event page takes {w['page'] / w['short page']:.1f}x as long)",
                "data": f"{events:,} events (notes, calls, proposals), a snapshot every {INTERVAL}; written in "
                f"{seeded:.1f}s; median of {times} rounds, the two apps in turn",
            },
        ),
        first,
    ]


def run(options: Options) -> list[Outcome]:
    return on_each_store(options, measure)
