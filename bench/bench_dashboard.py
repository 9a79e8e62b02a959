"""The first page of the team dashboard (and of a person's negotiation list), and the dashboard's figures
over time (time in stage, stages at each month's end, days to agreement by kind, outcomes by month),
with 100,000 negotiations in the store against 100, on the same store, in the same run. Ratio: time
with 100 / time with 100,000, the worse of the page's and the figures' (1.0: no slower at all; the
target 0.5 is "at most twice as long"). All are served from the read model (projection), never by
replaying negotiations; each starts from the team's visibility rows (an index range scan), so the size
of the store should barely matter.

The data: teams of 10 people with 10 negotiations each, shared with their team (sample.seed). The
measured lead's team has 100 negotiations in both stores; the store around it grows 100-fold. The two
stores are timed in alternating rounds (best round counts), so a busy machine slows both alike.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from bench.common import Options, Outcome, on_each_store, second_store
from tracker.bootstrap import build_people, build_tracker
from tracker.projections import EVERYTHING
from tracker.projections.sample import LEAD, seed

TITLE = "dashboard first page and figures: 100,000 negotiations vs 100"
TARGET = 0.5  # the 100,000-negotiation page may take at most twice as long
CALLS = 30


def per_call(call: Callable[[], Any]) -> float:
    """Seconds per call over CALLS calls."""
    started = time.perf_counter()
    for _ in range(CALLS):
        call()
    return (time.perf_counter() - started) / CALLS


class Side:
    """One store seeded with ``count`` negotiations, and the two pages to time on it."""

    def __init__(self, config: dict[str, Any], count: int) -> None:
        self.tracker = build_tracker(config)
        self.people = build_people(dict(config, password_hash_profile="CHEAPEST"), self.tracker)
        read_model = self.people.read_model
        started = time.perf_counter()
        self.team = seed(self.tracker, self.people.teams.app, count).team_ids[0]
        self.seeded = time.perf_counter() - started
        started = time.perf_counter()
        self.events = read_model.catch_up()
        self.caught_up = time.perf_counter() - started
        read_model.view.analyze()
        self.count = read_model.list_negotiations(visible_to=EVERYTHING).total
        assert (
            read_model.team_dashboard(self.team).total == read_model.list_negotiations(visible_to=LEAD).total
        )
        assert read_model.team_figures(self.team).time_in_stage  # the seeded stage spans are there
        self.dashboard()
        self.figures()
        self.personal()

    def dashboard(self) -> None:
        self.people.read_model.team_dashboard(self.team, as_user=LEAD)

    def figures(self) -> None:
        self.people.read_model.team_figures(self.team, as_user=LEAD)
        self.people.read_model.approvals_waiting(self.team, as_user=LEAD)  # the fourth chart's figures

    def personal(self) -> None:
        self.people.read_model.list_negotiations(visible_to=LEAD)

    def close(self) -> None:
        self.people.close()
        self.tracker.close()


def measure(config: dict[str, Any], options: Options) -> Outcome:
    sizes = 100, options.size(100_000, 300)  # the measured team has 100 negotiations either way
    with second_store(config) as large_config:
        small = Side(config, sizes[0])
        large = Side(large_config, sizes[1])
        try:
            times: dict[str, list[float]] = {
                f"{what} {index}": [] for what in ("dashboard", "figures", "list") for index in (0, 1)
            }
            for _ in range(1 if options.smoke else options.rounds):  # interleaved: load changes hit both
                for index, side in enumerate((small, large)):
                    times[f"dashboard {index}"].append(per_call(side.dashboard))
                    times[f"figures {index}"].append(per_call(side.figures))
                    times[f"list {index}"].append(per_call(side.personal))
        finally:
            small.close()
            large.close()
    best = {key: min(values) for key, values in times.items()}
    ratios = {what: best[f"{what} 0"] / best[f"{what} 1"] for what in ("dashboard", "figures")}
    ratio = min(ratios.values())
    return Outcome(
        TITLE,
        config["store"],
        ratio,
        TARGET,
        {
            f"dashboard first page, {small.count:,} negotiations": f"{best['dashboard 0'] * 1000:.2f} ms",
            f"dashboard first page, {large.count:,} negotiations": f"{best['dashboard 1'] * 1000:.2f} ms "
            f"(ratio {ratios['dashboard']:.2f})",
            "dashboard figures over time (same two sizes)": f"{best['figures 0'] * 1000:.2f} ms -> "
            f"{best['figures 1'] * 1000:.2f} ms (ratio {ratios['figures']:.2f})",
            "personal list first page (same two sizes)": f"{best['list 0'] * 1000:.2f} ms -> "
            f"{best['list 1'] * 1000:.2f} ms (ratio {best['list 0'] / best['list 1']:.2f})",
            "seeding the larger store": f"{large.count:,} negotiations written in {large.seeded:.1f}s; "
            f"projection caught up {large.events:,} events in {large.caught_up:.1f}s",
        },
    )


def run(options: Options) -> list[Outcome]:
    return on_each_store(options, measure)
