"""Robustness tests report their counts at the end of the session (and in artifacts/robustness/)."""

from __future__ import annotations

from pathlib import Path

from tests.support.counts import summary_lines, write_artifacts


def pytest_sessionfinish(session) -> None:
    write_artifacts(Path(session.config.rootpath) / "artifacts" / "robustness")


def pytest_terminal_summary(terminalreporter) -> None:
    lines = summary_lines()
    if lines:
        terminalreporter.section("robustness counts")
        for line in lines:
            terminalreporter.write_line(line)
