"""A store that cannot be opened stops `tracker serve` (before any worker starts) and every other
command that opens it with ONE line on the standard error naming what to fix, and exit code 1:
PostgreSQL's port closed, a schema that does not exist, a data directory that cannot be written."""

from __future__ import annotations

import pytest

from tests.support.live_server import free_port, run_cli
from tests.support.outage import immutable
from tests.support.services import PG, require_postgres

COMMANDS = [("serve", "--port", "0"), ("demo",), ("user", "add", "dana@example.org"), ("verify", "--all")]


def assert_one_line(done, *words: str) -> None:
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr[-2000:]
    assert lines[0].startswith("tracker: ") and "Traceback" not in done.stderr
    for word in words:
        assert word in lines[0]


def postgres(**settings) -> dict:
    return {"store": "postgres", "postgres_host": PG["host"], "postgres_port": PG["port"], **settings}


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_postgres_port_closed(command, tmp_path):
    port = free_port()  # nothing listens there
    done = run_cli(postgres(postgres_port=port, data_dir=str(tmp_path)), *command, check=False)
    assert_one_line(done, "cannot connect to PostgreSQL", f"127.0.0.1:{port}")


@pytest.mark.parametrize("command", COMMANDS[:2], ids=lambda c: c[0])
def test_postgres_schema_missing(command, tmp_path):
    require_postgres()
    config = postgres(postgres_dbname=PG["dbname"], postgres_schema="no_such_schema", data_dir=str(tmp_path))
    done = run_cli(config, *command, check=False)
    assert_one_line(done, "'no_such_schema' does not exist", "CREATE SCHEMA")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_data_dir_is_not_a_directory(command, tmp_path):
    data_dir = tmp_path / "a-file"
    data_dir.write_text("not a directory")
    done = run_cli({"store": "sqlite", "data_dir": str(data_dir)}, *command, check=False)
    assert_one_line(done, "data directory", str(data_dir))


def test_data_dir_not_writable(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with immutable(data_dir):
        done = run_cli({"store": "sqlite", "data_dir": str(data_dir)}, "serve", "--port", "0", check=False)
    assert_one_line(done, str(data_dir))
