"""Fixtures for the command-line tests: a SQLite store the `tracker` command finds through TRACKER_*
variables (nothing from the shell leaks in), and click's runner."""

from __future__ import annotations

import os
from typing import Any

import pytest
from click.testing import CliRunner

from tests.support.config import make_config


@pytest.fixture
def cli_store(tmp_path, monkeypatch) -> dict[str, Any]:
    """The config of an empty SQLite store in ``tmp_path``, the one the CLI opens."""
    for name in [n for n in os.environ if n.startswith("TRACKER_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("TRACKER_STORE", "sqlite")
    monkeypatch.setenv("TRACKER_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TRACKER_PASSWORD_HASH_PROFILE", "CHEAPEST")
    return make_config(store="sqlite", data_dir=str(tmp_path))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
