"""The progress bar of the long commands: drawn on the standard error of a terminal (counts, rate),
never with --quiet or when the standard error is not a terminal; the summary lines on the standard
output stay exactly as before. CliRunner is no terminal, so `is_terminal` is patched to say it is."""

from __future__ import annotations

import itertools
import re

import pytest

from tracker.bootstrap import build_people, build_tracker
from tracker.cli import progress
from tracker.cli.group import cli
from tracker.demo import load_demo

COUNT = re.compile(r"(\d+)/(\d+)")


@pytest.fixture
def terminal(monkeypatch):
    monkeypatch.setattr(progress, "is_terminal", lambda: True)


@pytest.fixture
def two_demos(cli_store):
    tracker = build_tracker(cli_store)
    try:
        ids = [load_demo(tracker), load_demo(tracker)]
    finally:
        tracker.close()
    return cli_store, ids


def last_count(stderr: str) -> tuple[int, int]:
    done, total = COUNT.findall(stderr)[-1]
    return int(done), int(total)


def test_rebuild_draws_a_bar_on_a_terminal(two_demos, runner, terminal):
    result = runner.invoke(cli, ["rebuild-projections"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "rebuilt the read model from 80 events\n"
    assert result.stderr.lstrip("\r").startswith("Rebuilding")
    assert last_count(result.stderr) == (80, 80)
    assert "100%" in result.stderr and re.search(r"[\d,]+ events/s", result.stderr)


@pytest.mark.parametrize(
    "argv",
    [
        ["rebuild-projections", "--quiet"],
        ["rebuild-projections", "-q"],
        ["verify", "--all", "--quiet"],
        ["catch-up", "-q"],
    ],
)
def test_quiet_draws_nothing(two_demos, runner, terminal, argv):
    result = runner.invoke(cli, argv)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


@pytest.mark.parametrize("argv", [["rebuild-projections"], ["verify", "--all"], ["catch-up"]])
def test_not_a_terminal_draws_nothing(two_demos, runner, argv):
    result = runner.invoke(cli, argv)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_verify_all_counts_negotiations(two_demos, runner, terminal):
    _, ids = two_demos
    result = runner.invoke(cli, ["verify", "--all"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{ids[0]}: intact (40 events)",
        f"{ids[1]}: intact (40 events)",
        "2 negotiations checked: 2 intact, 0 broken.",
    ]
    assert result.stderr.lstrip("\r").startswith("Verifying") and last_count(result.stderr) == (2, 2)
    assert "negotiations/s" in result.stderr


def test_verify_of_one_negotiation_draws_no_bar(two_demos, runner, terminal):
    _, ids = two_demos
    result = runner.invoke(cli, ["verify", str(ids[0])])
    assert result.exit_code == 0
    assert result.stderr == ""


def test_catch_up_counts_what_is_new_and_draws_nothing_when_nothing_is(two_demos, runner, terminal):
    result = runner.invoke(cli, ["catch-up"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "projected 80 events\n"
    assert result.stderr.lstrip("\r").startswith("Catching up") and last_count(result.stderr) == (80, 80)
    again = runner.invoke(cli, ["catch-up"])
    assert (again.stdout, again.stderr) == ("projected 0 events\n", "")


def test_a_bar_drawn_often_shows_its_last_count(terminal, capsys):
    with progress.ProgressBar("Counting", "things") as bar:
        for done in range(1, 5001):
            bar(done, 5000)
    err = capsys.readouterr().err
    assert last_count(err) == (5000, 5000)
    assert err.count("Counting") < 100  # redrawn a few times a second, not 5000 times
    assert err.endswith("\n")


def test_the_total_grows_with_events_written_meanwhile(terminal, capsys):
    with progress.ProgressBar("Catching up", "events") as bar:
        bar(0, 10)
        bar(12, 12)
    assert last_count(capsys.readouterr().err) == (12, 12)


def test_the_work_reports_its_progress_and_does_the_same(store_config):
    """ReadModel.rebuild/catch_up and verify_all with a progress callback: counts up to the total,
    same results as without one (SQLite and PostgreSQL)."""
    from tracker.audit.verify import verify_all

    tracker = build_tracker(store_config)
    people = build_people(store_config, tracker)
    try:
        load_demo(tracker)
        load_demo(tracker)
        caught: list[tuple[int, int]] = []
        assert people.read_model.catch_up(progress=lambda *report: caught.append(report)) == 80
        assert caught[0] == (0, 80) and caught[-1] == (80, 80)
        rebuilt: list[tuple[int, int]] = []
        assert people.read_model.rebuild(progress=lambda *report: rebuilt.append(report)) == 80
        assert rebuilt[-1] == (80, 80)
        assert all(a[0] <= b[0] for a, b in itertools.pairwise(rebuilt))
        assert people.read_model.rebuild() == 80
        checked: list[tuple[int, int]] = []
        reports = verify_all(tracker, progress=lambda *report: checked.append(report))
        assert checked == [(1, 2), (2, 2)]
        assert [str(r) for r in reports] == [str(r) for r in verify_all(tracker)]
    finally:
        people.close()
        tracker.close()
