"""Encryption at rest (config ``cipher_key``): the database file holds no plaintext of a note, the
app reads it back, and a wrong or missing key fails with a clear message, not a library traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from eventsourcing.cryptography import AESCipher

from tests.support.audit import opened
from tests.support.config import make_config
from tracker.audit import StoreUnreadable, check_store_readable, verify_negotiation
from tracker.cli import main
from tracker.config import ConfigError, eventsourcing_env

SECRET = "My walk-away is 112k; the Contoso offer expires Friday"


def store_bytes(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(data_dir.iterdir()) if p.is_file())


@pytest.fixture
def encrypted(tmp_path):
    key = AESCipher.create_key(32)
    config = make_config(store="sqlite", data_dir=str(tmp_path), cipher_key=key)
    with opened(config) as tracker:
        nid = tracker.start_negotiation(actor="alex@example.org", title="Promotion to lead", kind="promotion")
        tracker.step(nid, "add_note", actor="alex@example.org", text=SECRET)
    return config, nid


def test_the_file_holds_no_plaintext_but_the_app_reads_it(encrypted, tmp_path):
    config, nid = encrypted
    raw = store_bytes(tmp_path)
    assert SECRET.encode() not in raw and b"walk-away" not in raw and b"Promotion to lead" not in raw
    assert b"tracker.domain.events:NoteAdded" in raw  # the store is really there; topics stay readable
    with opened(config) as tracker:
        assert tracker.get(nid).notes[0].text == SECRET
        assert tracker.timeline(nid)[-1].sentence == f"Note: {SECRET}"
        assert verify_negotiation(tracker, nid).intact
        check_store_readable(tracker)


def test_without_encryption_the_note_is_in_the_file(tmp_path):
    """The control: the same steps without a key leave the note readable in the file."""
    with opened(make_config(store="sqlite", data_dir=str(tmp_path))) as tracker:
        nid = tracker.start_negotiation(actor="alex@example.org", title="Promotion to lead", kind="promotion")
        tracker.step(nid, "add_note", actor="alex@example.org", text=SECRET)
    assert SECRET.encode() in store_bytes(tmp_path)


@pytest.mark.parametrize("key", [AESCipher.create_key(32), ""])
def test_a_wrong_or_missing_key_fails_clearly(encrypted, key):
    config, nid = encrypted
    with opened(dict(config, cipher_key=key)) as tracker:
        with pytest.raises(StoreUnreadable) as error:
            tracker.get(nid)
        assert "TRACKER_CIPHER_KEY" in error.value.message
        with pytest.raises(StoreUnreadable):
            check_store_readable(tracker)
        report = verify_negotiation(tracker, nid)
        assert report.first_bad_version == 1 and "cipher key" in report.problem


def test_the_wrong_key_message_names_the_cipher(encrypted):
    config, nid = encrypted
    with opened(dict(config, cipher_key=AESCipher.create_key(32))) as tracker:
        with pytest.raises(StoreUnreadable, match="cannot be decrypted with the configured cipher key"):
            tracker.timeline(nid)


def test_cli_reports_a_wrong_key_without_a_traceback(encrypted, monkeypatch, capsys):
    config, nid = encrypted
    monkeypatch.setenv("TRACKER_DATA_DIR", config["data_dir"])
    monkeypatch.setenv("TRACKER_STORE", "sqlite")
    monkeypatch.setenv("TRACKER_CIPHER_KEY", AESCipher.create_key(32))
    assert main(["export", str(nid)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tracker: The stored events cannot be decrypted") and "Traceback" not in err


@pytest.mark.parametrize("bad", ["not base64!", "c2hvcnQ=", AESCipher.create_key(32)[:-4]])
def test_a_malformed_key_is_a_configuration_error(bad):
    with pytest.raises(ConfigError, match="tracker keygen"):
        eventsourcing_env(make_config(store="memory", cipher_key=bad))


def test_keygen_prints_a_usable_key(capsys, tmp_path):
    assert main(["keygen"]) == 0
    key = capsys.readouterr().out.strip()
    config = make_config(store="sqlite", data_dir=str(tmp_path), cipher_key=key)
    with opened(config) as tracker:
        nid = tracker.start_negotiation(
            actor="a@example.org", title="Role change", kind="internal_role_change"
        )
    with opened(config) as tracker:
        assert tracker.get(nid).title == "Role change"
