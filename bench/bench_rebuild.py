"""Rebuilding the read model from zero (``tracker rebuild-projections``): events projected per second,
compared with reading the same notification logs raw (``recorder.select_notifications`` in batches
of the same size, nothing decoded), on the same store, in alternating rounds (five by
default; the ratio is their median, a rebuild round taking about a second against a minute of seeding).

The data: negotiations shared with teams (tracker.projections.sample), then rounds of steps across
all open negotiations, so the log interleaves them as live use does: the parties join, a term goes
on the table, then calls, notes, research and now and then a proposal, about 25 events a negotiation
(a real job offer tracked through to its end has more: goals, several terms and priorities, research,
allies, a few rounds of proposals, every call). The ratio depends on that length: a rebuild writes a
fixed set of rows per negotiation (its row, its access rows, a visibility row for its owner and for
each person or team it is shared with: two here, a team's members seeing it through the team's row)
and reads every event. So the same measurement on thin histories (about 8
events a negotiation: started, one note, a few more) is reported too, without a target. Also
reported: reading and decoding every event (the least any projection must do).
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from bench.common import Options, Outcome, on_each_store, second_store
from tracker.bootstrap import build_people, build_tracker
from tracker.projections.sample import seed
from tracker.projections.summaries import BATCH

TITLE = "projection rebuild vs raw notification-log reads"
#: The issue's target. Its decode-only figure (about 0.45) bounds a rebuild that reads as the library
#: does; the rebuild now reads with its own query (see bench/README.md).
TARGET = 0.42


def one_step(n: Any, r: int, thin: bool) -> None:
    """Round ``r`` of a negotiation's history (thin: only notes)."""
    actor = n.owner
    if thin:
        n.add_note(actor=actor, text=f"Round {r}: followed up with my manager.")
    elif r == 0:
        n.join_party(actor=actor, name="Alex Morgan", role="candidate", side="owner")
    elif r == 1:
        n.join_party(actor=actor, name="Dana Kim", role="manager", side="counterpart")
    elif r == 2:
        n.add_term(actor=actor, key="salary", label="Salary", kind="money", currency="EUR", better="higher")
    elif r % 6 == 0:
        n.make_proposal(
            actor=actor,
            from_party="p2",
            to_parties=["p1"],
            rationale="Band midpoint.",
            values={"salary": {"amount": str(90000 + 500 * r), "currency": "EUR"}},
        )
    elif r % 6 == 1:
        n.log_interaction(actor=actor, channel="call", participants=["p1", "p2"], summary=f"Call {r}.")
    elif r % 6 == 3:
        n.log_research(actor=actor, source="Salary survey", term_key="salary", typical=str(95000 + r))
    else:
        n.add_note(actor=actor, text=f"Round {r}: followed up with my manager.")


def interleave(tracker: Any, rounds: int, thin: bool = False) -> None:
    """``rounds`` more steps on every open negotiation, one round after another (one save per round)."""
    ids = tracker.negotiation_ids()
    for r in range(rounds):
        negotiations = [tracker.repository.get(nid) for nid in ids]
        for n in negotiations:
            if not n.stage.is_closed:
                one_step(n, r, thin)
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


def rebuild_vs_raw(
    config: dict[str, Any], options: Options, negotiations: int, rounds: int, thin: bool
) -> dict[str, Any]:
    """Seeds a store, then times raw reads, rebuilds and decoded reads in alternating rounds."""
    tracker = build_tracker(config)
    people = build_people(dict(config, password_hash_profile="CHEAPEST"), tracker)
    apps = [tracker, people.teams.app]
    read_model = people.read_model
    try:
        started = time.perf_counter()
        seed(tracker, people.teams.app, negotiations)
        interleave(tracker, rounds, thin)
        seeded = time.perf_counter() - started
        read_logs(apps)  # warm the database's cache alike for both sides
        results = []
        for _ in range(1 if options.smoke else 2 * options.rounds - 1):  # an odd number: 5 by default
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
    best = {name: min(r[i] for r in results) for i, name in enumerate(("raw", "rebuild", "decoded"))}
    return {
        "ratio": statistics.median(raw / rebuild for raw, rebuild, _ in results),
        "best": best,
        "events": events,
        "seeded": seeded,
        "rounds": len(results),
    }


def measure(config: dict[str, Any], options: Options) -> Outcome:
    negotiations, rounds = options.size(2_000, 40), options.size(22, 4)
    found = rebuild_vs_raw(config, options, negotiations, rounds, thin=False)
    with second_store(config, "thin") as other:
        thin = rebuild_vs_raw(other, options, options.size(1_000, 20), options.size(5, 2), thin=True)
    best, events = found["best"], found["events"]
    return Outcome(
        TITLE,
        config["store"],
        found["ratio"],
        TARGET,
        {
            "rebuild, events/s": f"{events / best['rebuild']:,.0f} (best round; {best['rebuild']:.2f}s for "
            f"{events:,} events)",
            "raw notification reads/s": f"{events / best['raw']:,.0f} (best round)",
            "reads and decodes/s (the least a projection does)": f"{events / best['decoded']:,.0f} "
            f"(ratio to raw {best['raw'] / best['decoded']:.2f})",
            "data": f"{negotiations:,} negotiations shared with teams, then {rounds} interleaved rounds of steps "
            f"({events:,} events in the two logs, {events / negotiations:.0f} a negotiation; seeded in "
            f"{found['seeded']:.1f}s); ratio = median of {found['rounds']} rounds",
            "thin histories (no target)": f"ratio {thin['ratio']:.2f} on {thin['events']:,} events, "
            f"{thin['events'] / options.size(1_000, 20):.0f} a negotiation "
            "(each negotiation's rows weigh more)",
        },
    )


def run(options: Options) -> list[Outcome]:
    return on_each_store(options, measure)
