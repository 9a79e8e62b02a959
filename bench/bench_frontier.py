"""The win-win frontier (tracker.analysis.frontier): CPU time of the exact Pareto frontier of a
10-term x 50-step space (50^10 packages) for two parties, against a one-second budget; and the same
code against scoring every package (brute force) on a space brute force can finish, as a ratio in
one run. Each term's scores are linear in its value, rising for one side and falling for the other
(as salary or remote days do), with random weights: every value of every term is then on its term's
own frontier, the hard case for the term-by-term merge. Three parties on the same 10 x 50 space: their
exact frontier holds millions of packages, so it is found to within the analysis's tolerance (2 points
for every party, ``winwin.THREE_SIDED_TOLERANCE``), against the same one-second budget; the exact
three-party merge is reported on a smaller space."""

from __future__ import annotations

import time

import numpy as np

from bench.common import Options, Outcome
from tracker.analysis.frontier import brute_force, frontier
from tracker.analysis.winwin import THREE_SIDED_TOLERANCE

TITLE = "win-win frontier: 10 terms x 50 steps, and against brute force"


def opposed_tables(parties: int, terms: int, steps: int, seed: int) -> list[np.ndarray]:
    """Per-term score tables scaled as the analysis scales them: each party's best package scores 100."""
    rng = np.random.default_rng(seed)
    tables = []
    for _ in range(terms):
        weights = rng.random(parties) * 10
        rising = np.linspace(0, 1, steps)
        columns = [weights[0] * rising, weights[1] * (1 - rising)]
        columns += [w * (rising if rng.random() < 0.5 else 1 - rising) for w in weights[2:]]
        tables.append(np.stack(columns, axis=1))
    best = sum(table.max(axis=0) for table in tables)
    return [table / best * 100 for table in tables]


def cpu(function, *args) -> tuple[float, object]:
    started = time.process_time()
    result = function(*args)
    return time.process_time() - started, result


def best_of(rounds: int, function, *args) -> tuple[float, object]:
    runs = [cpu(function, *args) for _ in range(rounds)]
    return min(seconds for seconds, _ in runs), runs[0][1]


def run(options: Options) -> list[Outcome]:
    rounds = max(3, options.rounds)
    terms, steps = options.size(10, 3), options.size(50, 5)
    big = opposed_tables(2, terms, steps, seed=1)
    seconds, found = best_of(rounds, frontier, big)
    small = opposed_tables(2, options.size(6, 3), options.size(7, 3), seed=2)
    merged, by_merge = best_of(rounds, frontier, small)
    brute, by_brute = best_of(1, brute_force, small)
    same = {tuple(r) for r in np.round(by_merge.scores, 9)} == {
        tuple(r) for r in np.round(by_brute.scores, 9)
    }
    three_big = opposed_tables(3, terms, steps, seed=3)
    within, within_found = best_of(rounds, frontier, three_big, THREE_SIDED_TOLERANCE)
    three_terms = 2
    three, three_found = best_of(1, frontier, opposed_tables(3, three_terms, steps, seed=3))
    packages = steps**terms
    return [
        Outcome(
            "frontier, 2 parties",
            "cpu",
            1.0 / max(seconds, 1e-9),
            1.0,
            {
                "space": f"{terms} terms x {steps} steps = {packages:.3g} packages",
                "frontier": f"{len(found):,} packages, {seconds * 1000:.1f} ms CPU (best of {rounds})",
                "ratio": "1 / CPU seconds (target: at least 1, i.e. under a second)",
            },
            "per second",
        ),
        Outcome(
            "frontier against brute force, 2 parties",
            "cpu",
            brute / max(merged, 1e-9),
            100.0,
            {
                "space": f"{len(small)} terms x {len(small[0])} steps = {len(small[0]) ** len(small):,} packages",
                "brute force": f"{brute * 1000:.1f} ms CPU",
                "term by term": f"{merged * 1000:.2f} ms CPU",
                "same frontier": "yes" if same else "NO",
            },
            "x faster",
        ),
        Outcome(
            f"frontier, 3 parties, within {THREE_SIDED_TOLERANCE:g} points",
            "cpu",
            1.0 / max(within, 1e-9),
            1.0,
            {
                "space": f"{terms} terms x {steps} steps = {packages:.3g} packages",
                "frontier": f"{len(within_found):,} packages, {within * 1000:.1f} ms CPU (best of {rounds})",
                "ratio": "1 / CPU seconds (target: at least 1, i.e. under a second)",
            },
            "per second",
        ),
        Outcome(
            "frontier, 3 parties, exact (reported)",
            "cpu",
            three,
            None,
            {"space": f"{three_terms} terms x {steps} steps", "frontier": f"{len(three_found):,} packages"},
            "CPU seconds",
        ),
    ]
