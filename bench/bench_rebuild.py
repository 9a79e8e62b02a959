"""Rebuilding the read model from zero (``tracker rebuild-projections``): events projected per second,
compared with reading the same notification logs raw (``recorder.select_notifications`` in batches
of the same size, nothing decoded), on the same store, in alternating rounds.

The data: negotiations shared with teams (tracker.projections.sample), then rounds of steps across
all open negotiations, so the log interleaves them as live use does. Also reported: reading and
decoding every event (the least any projection must do), which bounds the ratio from above.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from bench.common import Options, Outcome, on_each_store
from tracker.projections.sample import seed
from tracker.projections.summaries import BATCH
from tracker.services import build_people, build_tracker

TITLE = "projection rebuild vs raw notification-log reads"
TARGET = 0.3


def interleave(tracker: Any, rounds: int) -> None:
    """``rounds`` more steps on every open negotiation, one round after another (one save per round)."""
    ids = tracker.negotiation_ids()
    for r in range(rounds):
        negotiations = [tracker.repository.get(nid) for nid in ids]
        for n in negotiations:
            if not n.stage.is_closed:
                n.add_note(actor=n.owner, text=f"Round {r}: followed up with my manager.")
        tracker.save(*negotiations)


def read_logs(apps: list[Any], decode: bool = False) -> int:
    """Every notification of each application's log, in batches; returns how many."""
    count = 0
    for app in apps:
        start = 1
        while True:
            batch = app.recorder.select_notifications(start, BATCH)
            if decode:
                for notification in batch:
                    app.mapper.to_domain_event(notification)
            count += len(batch)
            if len(batch) < BATCH:
                break
            start = batch[-1].id + 1
    return count


def timed(call: Any) -> tuple[int, float]:
    started = time.perf_counter()
    count = call()
    return count, time.perf_counter() - started


def measure(config: dict[str, Any], options: Options) -> Outcome:
    negotiations, rounds = options.size(2_000, 40), options.size(5, 2)
    tracker = build_tracker(config)
    people = build_people(dict(config, password_hash_profile="CHEAPEST"), tracker)
    apps = [tracker, people.teams.app]
    read_model = people.read_model
    try:
        started = time.perf_counter()
        seed(tracker, people.teams.app, negotiations)
        interleave(tracker, rounds)
        seeded = time.perf_counter() - started
        read_logs(apps)  # warm the database's cache alike for both sides
        results = []
        for _ in range(1 if options.smoke else options.rounds):
            events, raw = timed(lambda: read_logs(apps))
            projected, rebuild = timed(read_model.rebuild)
            _, decoded = timed(lambda: read_logs(apps, decode=True))
            assert projected == events, (projected, events)
            results.append((raw, rebuild, decoded))
        count = read_model.list_negotiations(visible_to="*every negotiation*").total
    finally:
        people.close()
        tracker.close()
    assert count == negotiations, count
    ratio = statistics.median(raw / rebuild for raw, rebuild, _ in results)
    best = {name: min(r[i] for r in results) for i, name in enumerate(("raw", "rebuild", "decoded"))}
    return Outcome(TITLE, config["store"], ratio, TARGET, {
        "rebuild, events/s": f"{events / best['rebuild']:,.0f} (best round; {best['rebuild']:.2f}s for "
                             f"{events:,} events)",
        "raw notification reads/s": f"{events / best['raw']:,.0f} (best round)",
        "reads and decodes/s (the least a projection does)":
            f"{events / best['decoded']:,.0f} (ratio to raw {best['raw'] / best['decoded']:.2f})",
        "data": f"{negotiations:,} negotiations shared with teams, then {rounds} interleaved rounds of steps "
                f"({events:,} events in the two logs, seeded in {seeded:.1f}s); ratio = median of "
                f"{len(results)} rounds",
    })


def run(options: Options) -> list[Outcome]:
    return on_each_store(options, measure)
