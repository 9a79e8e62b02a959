"""The audit commands on a real SQLite store: `tracker verify`, `tracker export --format csv`,
`tracker import`, `tracker keygen` (keygen is tested with encryption)."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest

from tests.support.config import make_config
from tests.support.tamper import StoredTable
from tracker.cli import main
from tracker.demo import DANAS_PRIORITIES, SAMPLE_SCHEDULES


@pytest.fixture
def use_store(monkeypatch):
    """Points the CLI (configured from TRACKER_* variables) at a SQLite store in ``data_dir``."""
    for name in [n for n in os.environ if n.startswith("TRACKER_")]:
        monkeypatch.delenv(name)

    def point(data_dir):
        monkeypatch.setenv("TRACKER_STORE", "sqlite")
        monkeypatch.setenv("TRACKER_DATA_DIR", str(data_dir))
        return make_config(store="sqlite", data_dir=str(data_dir))

    return point


#: ``tracker demo`` loads the sample as a newcomer gets it: 40 steps, the guess of Dana's priorities and
#: the money schedules.
EVENTS = 40 + len(DANAS_PRIORITIES) + len(SAMPLE_SCHEDULES)


@pytest.fixture
def demo_id(use_store, tmp_path, capsys):
    config = use_store(tmp_path / "main")
    assert main(["demo"]) == 0
    from uuid import UUID

    return config, UUID(capsys.readouterr().out.strip())


def test_verify_an_intact_and_a_tampered_store(demo_id, capsys):
    config, nid = demo_id
    assert main(["verify", str(nid)]) == 0
    assert capsys.readouterr().out == (
        f"{nid}: intact ({EVENTS} events)\n1 negotiation checked: 1 intact, 0 broken.\n"
    )
    StoredTable(config, nid).replace_text(32, b'"118000"', b'"128000"')
    assert main(["verify", "--all"]) == 1
    out = capsys.readouterr().out
    assert f"{nid}: BROKEN at version 32: its content was altered after it was recorded" in out
    assert "1 broken." in out


def test_verify_with_anchors_catches_a_deleted_newest_event(demo_id, tmp_path, capsys):
    config, nid = demo_id
    anchors = tmp_path / "anchors.json"
    assert main(["verify", "--all", "--save-anchors", str(anchors)]) == 0
    assert json.loads(anchors.read_text())[str(nid)]["version"] == EVENTS
    StoredTable(config, nid).delete(EVENTS)
    assert main(["verify", str(nid), "--anchors", str(anchors)]) == 1
    assert (
        f"BROKEN at version {EVENTS}: events after version {EVENTS - 1} were deleted"
        in capsys.readouterr().out
    )


def test_verify_catches_a_deleted_newest_event_from_the_read_model(demo_id, capsys):
    """The chain alone cannot see a deleted newest event; the read model remembers the head it saw."""
    config, nid = demo_id
    assert main(["verify", "--all"]) == 0  # the read model catches up: it has seen the newest version
    capsys.readouterr()
    StoredTable(config, nid).delete(EVENTS)
    assert main(["verify", "--all"]) == 1
    assert (
        f"{nid}: BROKEN at version {EVENTS}: events after version {EVENTS - 1} were deleted"
        in capsys.readouterr().out
    )


def test_verify_usage_errors(demo_id, capsys):
    assert main(["verify"]) == 2
    assert "give a negotiation id, --all or --file" in capsys.readouterr().err
    assert main(["verify", "00000000-0000-0000-0000-000000000001"]) == 2
    assert "No negotiation" in capsys.readouterr().err


def test_export_timeline_as_csv(demo_id, capsys):
    _, nid = demo_id
    assert main(["export", str(nid), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == EVENTS
    assert list(rows[0]) == ["version", "type", "actor", "recorded_at", "occurred_at", "sentence"]
    offer = rows[31]
    assert (offer["version"], offer["type"], offer["actor"]) == ("32", "ProposalMade", "demo@example.org")
    assert offer["sentence"].startswith(
        "Dana Kim (hiring manager) proposed to Alex Morgan (candidate): Base salary 118,000 EUR"
    )
    assert offer["occurred_at"] and offer["recorded_at"] > offer["occurred_at"]


def test_export_then_import_into_another_store(demo_id, use_store, tmp_path, capsys):
    _, nid = demo_id
    file = tmp_path / "export.json"
    assert main(["export", str(nid), "-o", str(file)]) == 0
    use_store(tmp_path / "other")
    assert main(["import", str(file)]) == 0
    assert f"Imported negotiation {nid}" in capsys.readouterr().out
    assert main(["verify", "--all"]) == 0
    assert main(["import", str(file)]) == 1
    assert "import refused: A negotiation with id" in capsys.readouterr().err


def test_import_of_an_altered_file_is_refused(demo_id, use_store, tmp_path, capsys):
    _, nid = demo_id
    file = tmp_path / "export.json"
    assert main(["export", str(nid), "-o", str(file)]) == 0
    file.write_text(file.read_text().replace('"118000"', '"128000"'))
    use_store(tmp_path / "other")
    assert main(["import", str(file)]) == 1
    err = capsys.readouterr().err
    assert "import refused: The file's hash chain is broken at version 32" in err
    assert "Nothing was imported" in err
    assert main(["import", str(tmp_path / "missing.json")]) == 1
    assert "Cannot read the file" in capsys.readouterr().err


def test_import_of_a_forged_file_with_a_recomputed_chain_is_refused_in_one_line(use_store, tmp_path, capsys):
    from tests.support.forged_exports import exported_history, forged

    document = forged(exported_history("owner@example.org"), {3: lambda state: state.update(side="overlord")})
    file = tmp_path / "forged.json"
    file.write_text(json.dumps(document))
    use_store(tmp_path / "other")
    assert main(["import", str(file)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(
        "tracker: import refused: Event 3 of the file is refused at 'side'"
    )
    assert main(["verify", "--all"]) == 0 and "0 negotiations checked" in capsys.readouterr().out
