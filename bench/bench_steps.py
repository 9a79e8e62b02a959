"""Steps per second through the application service (load, check, chain, save) compared with raw
event appends by the eventsourcing library, on the same kind of store, in the same run.

Service side: ``NegotiationTracker.step`` with the default settings (aggregate cache, snapshots),
alternating notes and proposals over a set of negotiations, each naming the version last seen as the
web's forms and If-Match do (steps that name none are reported beside). Baseline: a plain eventsourcing
Application saving trivial events of a minimal Aggregate (no reload, no checks): what the store
itself costs.
"""

from __future__ import annotations

import statistics
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from bench.common import Options, Outcome, on_each_store, rate
from tracker.bootstrap import build_tracker
from tracker.config import eventsourcing_env

TITLE = "application steps vs raw event appends"
TARGET = 0.9
ACTOR = "bench@example.org"


class Jotter(Aggregate):
    """The smallest useful aggregate: it appends a line of text."""

    @event("Jotted")
    def jot(self, text: str) -> None:
        pass


class RawAppends(Application[UUID]):
    name = "RawAppends"


def prepare(tracker, negotiations: int) -> list[UUID]:
    ids = []
    for i in range(negotiations):
        nid = tracker.start_negotiation(actor=ACTOR, title=f"Offer {i}", kind="job_offer")
        for name, side in (("Alex", "owner"), ("Dana", "counterpart"), ("Rick", "counterpart")):
            tracker.step(nid, "join_party", actor=ACTOR, name=name, role="", side=side)
        tracker.step(
            nid,
            "add_term",
            actor=ACTOR,
            key="base_salary",
            label="Base salary",
            kind="money",
            currency="EUR",
            better="higher",
        )
        tracker.step(nid, "add_term", actor=ACTOR, key="remote_days", label="Remote days", kind="days")
        ids.append(nid)
    return ids


def service_steps(
    tracker, ids: list[UUID], steps: int, offset: int, seen: dict[UUID, int] | None = None
) -> None:
    """Steps as the web takes them when ``seen`` holds the versions last seen (a form's
    expected_version, an API client's If-Match); without it, as a caller that names no version, whose
    step first asks the store for newer events."""
    for i in range(steps):
        nid = ids[i % len(ids)]
        version = None if seen is None else seen.get(nid)
        if i % 2:
            done = tracker.step(
                nid,
                "make_proposal",
                actor=ACTOR,
                expected_version=version,
                from_party="p2",
                to_parties=["p1", "p3"],
                values={
                    "base_salary": {"amount": str(110000 + offset + i), "currency": "EUR"},
                    "remote_days": str(i % 5),
                },
                rationale="Market data.",
            )
        else:
            done = tracker.step(
                nid,
                "add_note",
                actor=ACTOR,
                expected_version=version,
                text=f"Note {offset + i}: called Dana.",
            )
        if seen is not None:
            seen[nid] = done.version


def raw_appends(app: RawAppends, jotters: list[Jotter], appends: int, offset: int) -> None:
    for i in range(appends):
        jotter = jotters[i % len(jotters)]
        jotter.jot(f"Note {offset + i}: called Dana.")
        app.save(jotter)


def measure(config: dict[str, Any], options: Options) -> Outcome:
    negotiations = options.size(20, 2)
    batch, batches = options.size(50, 5), options.size(20, 2) * (1 if options.smoke else options.rounds)
    tracker = build_tracker(config)
    raw = RawAppends(env=eventsourcing_env(config))
    try:
        ids = prepare(tracker, negotiations)
        seen = {nid: tracker.get(nid).version for nid in ids}
        jotters = [Jotter() for _ in range(negotiations)]
        raw.save(*jotters)
        pairs = []  # (raw appends/s, application steps/s) of batches run back to back
        unversioned = []  # steps/s of callers that name no version, and the appends/s beside them
        for b in range(batches):
            offset = b * batch
            appends = rate(batch, lambda offset=offset: raw_appends(raw, jotters, batch, offset))
            steps = rate(
                batch, lambda offset=offset, seen=seen: service_steps(tracker, ids, batch, offset, seen)
            )
            pairs.append((appends, steps))
            blind = rate(batch, lambda offset=offset: service_steps(tracker, ids, batch, offset + batch))
            unversioned.append(blind / appends)
            seen = {nid: tracker.get(nid).version for nid in ids}
    finally:
        tracker.close()
        raw.close()
    ratio = statistics.median(steps / appends for appends, steps in pairs)
    return Outcome(
        TITLE,
        config["store"],
        ratio,
        TARGET,
        {
            "application steps/s": f"{statistics.median(s for _, s in pairs):,.0f} (median of batches)",
            "raw appends/s": f"{statistics.median(a for a, _ in pairs):,.0f} (median of batches)",
            "steps naming no version / raw appends": f"{statistics.median(unversioned):.2f} "
            "(each step first asks the store for newer events)",
            "sizes": f"{negotiations} negotiations, {batches} batches of {batch} steps and {batch} appends, "
            "interleaved; the ratio is the median of the batch ratios",
        },
    )


def run(options: Options) -> list[Outcome]:
    return on_each_store(options, measure)
