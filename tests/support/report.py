"""Reporting a test's figures: kept in the session's tallies (printed in the "robustness counts"
summary), printed at once (visible with -s and in CI logs on failure), and written straight away to
artifacts/robustness/<test>.json (so a run of one directory, e.g. tests/cluster, leaves them too)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tests.support.counts import tally, write_artifacts

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "robustness"


def report(test: str, run: str, figures: Mapping[str, Any]) -> None:
    counts = tally(test, run)
    counts.update(dict(figures))
    print(f"\n{test} [{run}]: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    write_artifacts(ARTIFACTS)
