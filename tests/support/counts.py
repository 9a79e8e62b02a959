"""Counts the robustness tests report (histories generated, steps run, ...): kept per run while the
session lasts, printed in the terminal summary and written to artifacts/robustness/*.json."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

TALLIES: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))


def tally(test: str, run: str) -> Counter:
    """The counter of one run (e.g. test "random_histories", run "memory")."""
    return TALLIES[test][run]


#: Per-command breakdowns ("accepted: make_proposal") go to the JSON file only.
DETAIL_PREFIXES = ("accepted: ", "refused: ")


def summary_lines() -> list[str]:
    lines = []
    for test, runs in sorted(TALLIES.items()):
        for run, counts in sorted(runs.items()):
            figures = ", ".join(
                f"{key} {value}"
                for key, value in sorted(counts.items())
                if not key.startswith(DETAIL_PREFIXES)
            )
            lines.append(f"{test} [{run}]: {figures} (details: artifacts/robustness/{test}.json)")
    return lines


def write_artifacts(directory: Path) -> list[Path]:
    written = []
    for test, runs in TALLIES.items():
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{test}.json"
        path.write_text(
            json.dumps({run: dict(sorted(c.items())) for run, c in sorted(runs.items())}, indent=2) + "\n"
        )
        written.append(path)
    return written
