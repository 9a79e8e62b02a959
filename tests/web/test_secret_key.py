"""The session key without configuration: made once, kept in the data directory (0600), the same for
every worker that starts at the same moment, and a configured key always wins."""

from __future__ import annotations

import stat
from concurrent.futures import ProcessPoolExecutor

import pytest

from tracker.web.secret_key import FILE_NAME, SecretKeyError, kept_key, secret_key


def test_a_key_is_made_once_and_kept_private(tmp_path):
    first = kept_key(tmp_path / "var")
    assert len(first) == 64
    kept = tmp_path / "var" / FILE_NAME
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert kept_key(tmp_path / "var") == first
    assert [p.name for p in (tmp_path / "var").iterdir()] == [FILE_NAME]  # no temporary file left


def test_workers_starting_together_agree_on_one_key(tmp_path):
    with ProcessPoolExecutor(max_workers=6) as pool:
        keys = set(pool.map(kept_key, [tmp_path] * 24))
    assert len(keys) == 1


def test_a_configured_key_wins_and_the_memory_store_keeps_nothing(tmp_path):
    assert (
        secret_key({"secret_key": "  configured-key  ", "store": "sqlite", "data_dir": str(tmp_path)})
        == "configured-key"
    )
    assert not (tmp_path / FILE_NAME).exists()
    memory = {"secret_key": "", "store": "memory", "data_dir": str(tmp_path)}
    assert secret_key(memory) != secret_key(memory)
    assert not (tmp_path / FILE_NAME).exists()
    assert secret_key({"secret_key": "", "store": "sqlite", "data_dir": str(tmp_path)}) == kept_key(tmp_path)


def test_an_emptied_key_file_is_named_not_used(tmp_path):
    (tmp_path / FILE_NAME).write_text("\n")
    with pytest.raises(SecretKeyError, match="too short or empty"):
        kept_key(tmp_path)
