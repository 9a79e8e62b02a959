"""`python -m bench --smoke` runs every benchmark at tiny sizes and prints each ratio with its
target. This checks that the benchmarks run, not how fast anything is."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.__main__ import discover, main
from tests.support.services import PG, require_postgres

RATIO = re.compile(
    r"^(?P<title>.+) \[(?P<store>\w+)\]: ratio (?P<ratio>\d+\.\d+) \(target (?P<sense>>=|<) (?P<target>[\d.]+)\)",
    re.MULTILINE,
)


def test_the_benchmarks_are_found():
    assert "bench_steps" in discover()


def test_a_smoke_run_prints_a_ratio_and_its_target(capsys):
    assert main(["--smoke", "--no-postgres"]) == 0
    out = capsys.readouterr().out
    found = {(m["title"], m["store"]): float(m["target"]) for m in RATIO.finditer(out)}
    assert found[("application steps vs raw event appends", "sqlite")] == 0.9
    assert "raw appends/s" in out and "application steps/s" in out
    assert found[("web: log a step vs hello world (requests/s)", "sqlite")] == 0.25
    assert found[("web: log a step (form POST) vs one eventsourcing save (requests/s)", "sqlite")] == 0.7
    assert found[("web: log a step (JSON API) vs one eventsourcing save (requests/s)", "sqlite")] == 0.8
    below = {m["title"]: float(m["target"]) for m in RATIO.finditer(out) if m["sense"] == "<"}
    assert below == {
        "web: p99 / p50 latency of a step, form POST, 16 connections": 3,
        "web: p99 / p50 latency of a step, JSON API, 16 connections": 3,
        "a worker's first view of a 10,000-event negotiation / a warm view (time)": 3,
    }
    assert "one eventsourcing save (floor app, POST /save, 201)" in out and "p99" in out
    assert (
        found[("load and render a negotiation of 10,000 events: with snapshots vs without", "sqlite")] == 10
    )
    assert found[("projection rebuild vs raw notification-log reads", "sqlite")] == 0.42
    assert re.search(
        r"^peak memory of one app worker during the web benchmark \[sqlite\]: [\d.,]+ MiB "
        r"\(reported; no target\)$",
        out,
        re.MULTILINE,
    )
    assert "hello world (GET /ping)" in out and "each worker's peak (VmHWM)" in out
    cpu = re.findall(r"^    (.+): ([\d.]+) ms of the workers' CPU a request$", out, re.MULTILINE)
    assert [name for name, _ in cpu] == [
        "hello world (GET /ping)",
        "one eventsourcing save (floor app, POST /save, 201)",
        "log a step (form POST, 303)",
        "log a step (JSON API, POST .../notes, 201)",
    ] and all(float(ms) > 0 for _, ms in cpu)


def test_a_smoke_run_on_postgres(capsys, monkeypatch):
    require_postgres()
    for key, value in (
        ("HOST", PG["host"]),
        ("PORT", str(PG["port"])),
        ("DBNAME", PG["dbname"]),
        ("USER", PG["user"]),
    ):
        monkeypatch.setenv(f"TRACKER_POSTGRES_{key}", value)
    assert main(["--smoke", "--postgres", "bench_steps"]) == 0
    stores = {m["store"] for m in RATIO.finditer(capsys.readouterr().out)}
    assert stores == {"sqlite", "postgres"}


@pytest.mark.slow
def test_the_scale_benchmarks_run_on_postgres(capsys, monkeypatch):
    require_postgres()
    for key, value in (
        ("HOST", PG["host"]),
        ("PORT", str(PG["port"])),
        ("DBNAME", PG["dbname"]),
        ("USER", PG["user"]),
    ):
        monkeypatch.setenv(f"TRACKER_POSTGRES_{key}", value)
    assert main(["--smoke", "--postgres", "bench_rebuild", "bench_snapshots", "bench_web"]) == 0
    out = capsys.readouterr().out
    found = {(m["title"], m["store"]) for m in RATIO.finditer(out)}
    for title in (
        "projection rebuild vs raw notification-log reads",
        "web: log a step vs hello world (requests/s)",
        "load and render a negotiation of 10,000 events: with snapshots vs without",
    ):
        assert {(title, "sqlite"), (title, "postgres")} <= found, title
    assert "peak memory of one app worker during the web benchmark [postgres]" in out


def test_an_unknown_benchmark_is_an_error(capsys):
    assert main(["--smoke", "bench_nothing"]) == 2
    assert "no such benchmark: bench_nothing" in capsys.readouterr().err


@pytest.mark.slow
def test_python_dash_m_bench_runs_from_the_project_directory():
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--no-postgres"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert RATIO.search(done.stdout)


def test_the_frontier_benchmark_runs_and_agrees_with_brute_force(capsys):
    assert main(["--smoke", "bench_frontier"]) == 0
    out = capsys.readouterr().out
    assert "frontier against brute force, 2 parties" in out and "same frontier: yes" in out


def test_an_import_over_before_the_first_lag_sample_is_said_so():
    """A smoke-sized import can end between two samples: its rate cannot be timed (was a division by zero)."""
    from bench.bench_catchup import _import_rate

    assert _import_rate(120, 0.0) == "120 events, written before a sample (every 0.1s) saw the first"
    assert _import_rate(3000, 1.5) == "2,000 (1.5s from its first event stored)"
