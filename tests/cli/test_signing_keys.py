"""`tracker keys` (show, rotate), signed `tracker export`, `tracker import --by` and
`tracker verify --file` on a real SQLite store, with the key kept in the data directory."""

from __future__ import annotations

import json
import os

import pytest

from tests.support.forged_exports import forged
from tracker.cli import main


@pytest.fixture
def at(monkeypatch):
    """Points the CLI (TRACKER_* variables) at the SQLite store and keys of ``data_dir``."""
    for name in [n for n in os.environ if n.startswith("TRACKER_")]:
        monkeypatch.delenv(name)

    def point(data_dir, **settings):
        monkeypatch.setenv("TRACKER_STORE", "sqlite")
        monkeypatch.setenv("TRACKER_DATA_DIR", str(data_dir))
        for key, value in settings.items():
            monkeypatch.setenv(f"TRACKER_{key.upper()}", value)

    return point


def keys_shown(capsys) -> list[list[str]]:
    assert main(["keys"]) == 0
    return [line.split() for line in capsys.readouterr().out.splitlines()]


def test_keys_are_made_once_shown_and_rotated(at, tmp_path, capsys):
    at(tmp_path / "home")
    [[key, public, state]] = keys_shown(capsys)
    assert state == "current" and keys_shown(capsys) == [[key, public, "current"]]
    assert main(["keys", "rotate"]) == 0
    assert "earlier keys still verify" in capsys.readouterr().out
    shown = {k: s for k, _, s in keys_shown(capsys)}
    assert shown[key] == "earlier" and list(shown.values()).count("current") == 1


def test_a_file_exported_at_home_verifies_there_and_at_work_only_when_trusted(at, tmp_path, capsys):
    at(tmp_path / "home")
    assert main(["demo"]) == 0
    nid = capsys.readouterr().out.split()[-1].strip(".")
    [[_, public, _]] = keys_shown(capsys)
    record = tmp_path / "record.json"
    assert main(["export", nid, "-o", str(record)]) == 0
    assert main(["verify", "--file", str(record)]) == 0
    assert "Signed by this installation" in capsys.readouterr().out

    at(tmp_path / "work")
    assert main(["verify", "--file", str(record)]) == 1
    assert (
        "Origin not proven: it is signed by a key this installation does not trust" in capsys.readouterr().out
    )
    at(tmp_path / "work", trusted_keys=f"Home={public}")
    assert main(["verify", "--file", str(record)]) == 0
    assert "Signed by Home, a trusted installation" in capsys.readouterr().out
    assert main(["import", str(record), "--by", "alex@example.org"]) == 0
    assert "Signed by Home" in capsys.readouterr().out
    assert main(["verify", nid]) == 0
    assert "imported by alex@example.org on" in capsys.readouterr().out

    altered = forged(
        json.loads(record.read_text()), {1: lambda state: state.update(title="Someone else's offer")}
    )
    record.write_text(json.dumps(altered))
    assert main(["verify", "--file", str(record)]) == 1
    out = capsys.readouterr().out
    assert "intact" in out and "the file was altered" in out  # the chain checks out; the signature does not
