"""The outbox's throughput: events turned into deliveries per second (each step told to three people
who can see the negotiation, in the app) compared with raw event appends by the eventsourcing library,
on the same kind of store, in the same run.

Outbox side: steps are recorded (not timed), then ``Outbox.catch_up()`` is timed: reading the new
events, replaying each negotiation to describe its steps, the access history at each step, each
person's preferences, and the deliveries written with the outbox's position. Baseline: bench_steps'
raw appends of a minimal aggregate.
"""

from __future__ import annotations

import statistics
from typing import Any

from bench.bench_steps import ACTOR, Jotter, RawAppends, raw_appends
from bench.common import Options, Outcome, on_each_store, rate
from tracker.bootstrap import build_people, build_tracker
from tracker.config import eventsourcing_env

TITLE = "outbox events handled vs raw event appends"
TARGET = (
    0.5  # at least the rate steps go through the service at (about 0.66 of raw appends), with room for noise
)
READERS = ("ana@example.org", "ben@example.org", "cy@example.org")


def prepare(tracker, people, negotiations: int) -> list[Any]:
    for email in (ACTOR, *READERS):
        people.accounts.sign_up(email, "a long enough password")
    ids = []
    for i in range(negotiations):
        nid = tracker.start_negotiation(actor=ACTOR, title=f"Offer {i}", kind="job_offer")
        for email in READERS:
            people.access.share_with_user(nid, email, "viewer", actor=ACTOR)
        ids.append(nid)
    people.outbox.catch_up()
    return ids


def steps(tracker, ids, count: int, offset: int) -> None:
    for i in range(count):
        tracker.step(ids[i % len(ids)], "add_note", actor=ACTOR, text=f"Note {offset + i}: called Dana.")


def measure(config: dict[str, Any], options: Options) -> Outcome:
    config = {**config, "password_hash_profile": "CHEAPEST"}
    negotiations = options.size(20, 2)
    batch, batches = options.size(200, 10), options.size(6, 2) * (1 if options.smoke else options.rounds)
    tracker = build_tracker(config)
    people = build_people(config, tracker)
    raw = RawAppends(env=eventsourcing_env(config))
    try:
        ids = prepare(tracker, people, negotiations)
        jotters = [Jotter() for _ in range(negotiations)]
        raw.save(*jotters)
        pairs = []  # (raw appends/s, outbox events/s) of batches run back to back
        for b in range(batches):
            offset = b * batch
            appends = rate(batch, lambda offset=offset: raw_appends(raw, jotters, batch, offset))
            steps(tracker, ids, batch, offset)
            handled = rate(batch, people.outbox.catch_up)
            pairs.append((appends, handled))
        delivered = people.outbox.store.counts().get(("in_app", "sent"), 0)
    finally:
        people.close()
        tracker.close()
        raw.close()
    ratio = statistics.median(handled / appends for appends, handled in pairs)
    events = statistics.median(h for _, h in pairs)
    return Outcome(
        TITLE,
        config["store"],
        ratio,
        TARGET,
        {
            "outbox events/s": f"{events:,.0f} (median of batches; {len(READERS)} deliveries each: "
            f"{events * len(READERS):,.0f} deliveries/s)",
            "raw appends/s": f"{statistics.median(a for a, _ in pairs):,.0f} (median of batches)",
            "in-app deliveries written": f"{delivered:,}",
            "sizes": f"{negotiations} negotiations shared with {len(READERS)} people each, {batches} batches "
            f"of {batch} steps; the ratio is the median of the batch ratios",
        },
    )


def run(options: Options) -> list[Outcome]:
    return on_each_store(options, measure)
