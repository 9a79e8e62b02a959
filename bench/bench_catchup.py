"""The read model catching up live while history is imported: events projected per second of catch-up
work, against a rebuild of the same events in the same run, on the same store.

"Events arriving while the app serves": another process imports history through the tracker and
teams applications: negotiations shared with teams (tracker.projections.sample), then rounds of
steps across all open negotiations (bench_rebuild's ``one_step``), a save each round, so the log
interleaves them as live use does. The import is prepared in memory first and then saved as fast as
the applications store it, so that it arrives about as fast as, or faster than, the catch-up can
follow (the figures print both rates). Meanwhile this process keeps the read model caught up as
`tracker catch-up --follow` does: a CatchUpRunner thread polling at the command's default interval
(2 s; every read in a web worker catches up the same way, ``ReadModel._fresh``).

What is measured, and why it is honest:

* the live rate is events projected per second *of catch-up work*: the wall time spent in the
  runner's rounds that had something to project (CatchUpRunner.busy), not the wall time of the
  import, which over a writer slower than the catch-up would only show the writer's speed. Between
  rounds the runner waits the interval while the writer adds a backlog (after a round that found a
  whole window's worth it goes on at once), so each round starts with seconds of events to do and
  works without waiting for new ones: never idle-limited inside a round. The rounds run
  beside the writer on the same machine and store, with its CPU and its locks (on SQLite the
  writer's transactions hold the file's write lock), which the rebuild does not have: the ratio is
  conservative;
* the rebuild rate is ``tracker rebuild-projections`` of the same events afterwards, alone (best of
  three rounds; one in a smoke run). The same ratio in CPU seconds of the projecting thread is
  printed too, without a target: on a shared machine the wall-time ratio also measures the other
  load, which the CPU-time one leaves out (with the lock waits, and PostgreSQL's own work);
* the lag behind the log is sampled every 0.1 s from the import's start until the read model has
  caught up: in events (the logs' newest notification ids minus the tracked positions) and in
  seconds (how long ago the oldest event not yet projected was first seen in the log, within a
  sample's 0.1 s). Its size follows from the interval: a poll every 2 s lags by about the interval
  plus one round's work.
"""

from __future__ import annotations

import os
import pickle
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.bench_rebuild import one_step, read_logs, timed
from bench.common import Options, Outcome, on_each_store
from tracker.bootstrap import build_people, build_tracker
from tracker.projections.sample import seed

TITLE = "live read-model catch-up vs rebuild of the same events"
TARGET = 0.5
INTERVAL = 2.0  # `tracker catch-up --follow`'s default
SAMPLE = 0.1  # seconds between two lag samples


class Capture:
    """Stands in for an application while the import is prepared: keeps what each save would store."""

    def __init__(self, name: str, saves: list[tuple[str, list[Any]]]) -> None:
        self.name, self.saves, self.aggregates = name, saves, []

    def save(self, *objs: Any) -> None:
        self.aggregates.extend(objs)
        self.saves.append((self.name, [event for obj in objs for event in obj.collect_events()]))


def prepare(negotiations: int, rounds: int) -> list[tuple[str, list[Any]]]:
    """The import's saves, in order, as (application, events): ``negotiations`` shared with teams
    (tracker.projections.sample), then ``rounds`` of steps across the open ones, a save each round."""
    saves: list[tuple[str, list[Any]]] = []
    tracker, teams = Capture("tracker", saves), Capture("teams", saves)
    seed(tracker, teams, negotiations)  # type: ignore[arg-type]
    held = tracker.aggregates
    for r in range(rounds):
        for n in held:
            if not n.stage.is_closed:
                one_step(n, r, thin=False)
        saves.append(("tracker", [event for n in held for event in n.collect_events()]))
    return saves


def write_history(config: dict[str, Any], negotiations: int, rounds: int) -> None:
    """The import, in a process of its own: prepared in memory first (not measured), then saved
    through the applications as fast as they store it."""
    saves = prepare(negotiations, rounds)
    tracker = build_tracker(config)
    people = build_people(dict(config, password_hash_profile="CHEAPEST"), tracker)
    apps = {"tracker": tracker, "teams": people.teams.app}
    try:
        for name, events in saves:
            apps[name].save(*events)
    finally:
        people.close()
        tracker.close()


def start_writer(config: dict[str, Any], negotiations: int, rounds: int) -> subprocess.Popen[bytes]:
    """``write_history`` in a new interpreter (its arguments pickled on its standard input)."""
    root = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])))
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import pickle, sys; from bench.bench_catchup import write_history; "
            "write_history(*pickle.load(sys.stdin.buffer))",
        ],
        stdin=subprocess.PIPE,
        env=env,
    )
    assert process.stdin is not None
    process.stdin.write(pickle.dumps((config, negotiations, rounds)))
    process.stdin.close()
    return process


class Lag:
    """Samples of how far the projection is behind each log: (seconds since start, events behind,
    seconds behind). An event's first sighting is when a sample first saw the log reach its id."""

    def __init__(self, apps: list[Any], projection: Any) -> None:
        self.apps, self.projection = apps, projection
        self.started = time.perf_counter()
        self.seen: dict[str, list[tuple[float, int]]] = {app.name: [] for app in apps}  # (time, newest)
        self.samples: list[tuple[float, int, float]] = []
        self.first = float("inf")  # when a sample first saw an event in a log

    def sample(self) -> bool:
        """Takes one sample; True when the projection has caught up with every log."""
        now = time.perf_counter() - self.started
        newest = {app.name: app.recorder.max_notification_id() or 0 for app in self.apps}
        position = {name: p or 0 for name, p in self.projection.position().items()}
        behind_events, behind_seconds = 0, 0.0
        for name, head in newest.items():
            seen = self.seen[name]
            if not seen or seen[-1][1] != head:
                seen.append((now, head))
                if head:
                    self.first = min(self.first, now)
            behind_events += max(0, head - position[name])
            if position[name] < head:  # the oldest event not yet projected: first seen when?
                first = next(t for t, h in seen if h > position[name])
                behind_seconds = max(behind_seconds, now - first)
        self.samples.append((now, behind_events, behind_seconds))
        return behind_events == 0


def live_vs_rebuild(config: dict[str, Any], options: Options) -> dict[str, Any]:
    negotiations, rounds = options.size(2_000, 40), options.size(22, 4)
    tracker = build_tracker(config)
    people = build_people(dict(config, password_hash_profile="CHEAPEST"), tracker)
    apps = [tracker, people.teams.app]
    read_model = people.read_model
    try:
        runner = people.start_catch_up(INTERVAL)
        lag = Lag(apps, read_model.projection)
        writer = start_writer(config, negotiations, rounds)
        try:
            while writer.poll() is None:
                lag.sample()
                time.sleep(SAMPLE)
            written = time.perf_counter() - lag.started
            assert writer.returncode == 0, f"the writer process failed ({writer.returncode})"
            while not lag.sample():  # until the last rounds have projected what the writer wrote
                time.sleep(SAMPLE)
                if runner.error is not None:
                    raise RuntimeError(f"catch-up failed: {runner.error}")
        finally:
            runner.stop()
            if writer.poll() is None:
                writer.kill()
                writer.wait()
        caught_up = time.perf_counter() - lag.started
        events = read_logs(apps)
        assert runner.projected == events, (runner.projected, events)
        best, best_cpu = float("inf"), float("inf")
        for _ in range(1 if options.smoke else 3):
            cpu = time.thread_time()
            projected, seconds = timed(read_model.rebuild)
            best_cpu = min(best_cpu, time.thread_time() - cpu)
            assert projected == events, (projected, events)
            best = min(best, seconds)
        count = read_model.list_negotiations(visible_to="*every negotiation*").total
    finally:
        people.close()
        tracker.close()
    assert count == negotiations, count
    live = [s for s in lag.samples if s[0] >= lag.first] or lag.samples  # from the first event written
    return {
        "negotiations": negotiations,
        "rounds": rounds,
        "events": events,
        "live_rate": runner.projected / runner.busy,
        "busy": runner.busy,
        "cpu_ratio": (runner.projected / runner.cpu) / (events / best_cpu)
        if runner.cpu and best_cpu
        else 0.0,
        "rebuild_rate": events / best,
        "written": written - min(lag.first, written),  # from the first event stored to the writer's end
        "drained": caught_up - written,
        "lag_events": (max(s[1] for s in live), statistics.median(s[1] for s in live)),
        "lag_seconds": (max(s[2] for s in live), statistics.median(s[2] for s in live)),
        "samples": len(live),
    }


def measure(config: dict[str, Any], options: Options) -> Outcome:
    found = live_vs_rebuild(config, options)
    events, (lag_max, lag_median), (lag_s_max, lag_s_median) = (
        found["events"],
        found["lag_events"],
        found["lag_seconds"],
    )
    return Outcome(
        TITLE,
        config["store"],
        found["live_rate"] / found["rebuild_rate"],
        TARGET,
        {
            "live catch-up, events/s of catch-up work": f"{found['live_rate']:,.0f} ({found['busy']:.2f}s of "
            f"rounds every {INTERVAL:g}s for {events:,} events)",
            "rebuild of the same events, events/s": f"{found['rebuild_rate']:,.0f} (best round)",
            "the same ratio in this process's CPU seconds (no target)": f"{found['cpu_ratio']:.2f} (what the "
            "machine's other load and the writer's locks take out; the database server's work not counted)",
            "import (another process), events/s": _import_rate(events, found["written"])
            + f"; read model caught up {found['drained']:.1f}s after it ended",
            "lag behind the log, events": f"max {lag_max:,}, median {lag_median:,.0f} "
            f"({found['samples']} samples every {SAMPLE:g}s)",
            "lag behind the log, seconds": f"max {lag_s_max:.1f}, median {lag_s_median:.1f}",
            "data": f"{found['negotiations']:,} negotiations shared with teams, then {found['rounds']} "
            f"interleaved rounds of steps ({events:,} events in the two logs)",
        },
    )


def _import_rate(events: int, written: float) -> str:
    """The import's rate from its first event stored; a tiny import can end before a sample sees it."""
    if written <= 0:
        return f"{events:,} events, written before a sample (every {SAMPLE:g}s) saw the first"
    return f"{events / written:,.0f} ({written:.1f}s from its first event stored)"


def run(options: Options) -> list[Outcome]:
    return on_each_store(options, measure)
