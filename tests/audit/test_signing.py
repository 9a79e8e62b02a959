"""Signed exports: this installation's Ed25519 key (kept in the data directory), other installations
trusted by name, and what an import concludes about a file's origin."""

from __future__ import annotations

import json
import stat

import pytest

from tests.support.config import make_config
from tests.support.forged_exports import exported_history, forged
from tracker.audit.exporting import export_negotiation
from tracker.audit.importing import import_negotiation
from tracker.audit.signing import (
    InstallationKeys,
    SigningKeyError,
    encoded,
    installation_keys,
    origin_of,
    trusted_keys,
)
from tracker.bootstrap import build_tracker

OWNER = "alex@example.org"


@pytest.fixture
def here(tmp_path):
    return InstallationKeys(tmp_path / "here")


@pytest.fixture
def there(tmp_path):
    return InstallationKeys(tmp_path / "there")


def signed_by(keys: InstallationKeys) -> dict:
    document = exported_history(OWNER)
    document["signature"] = keys.sign(document)
    return json.loads(json.dumps(document))  # as a file


def trust(name: str, keys: InstallationKeys) -> dict:
    return trusted_keys({name: encoded(keys.current().public_key())})


def test_the_key_is_made_once_kept_private_and_shared_by_every_worker(tmp_path):
    first = InstallationKeys(tmp_path / "keys")
    made = first.current()
    again = InstallationKeys(tmp_path / "keys").current()  # another worker, or a restart
    assert encoded(made.public_key()) == encoded(again.public_key())
    [pem] = (tmp_path / "keys").glob("*.pem")
    assert stat.S_IMODE(pem.stat().st_mode) == 0o600


def test_the_default_place_is_the_data_directory_and_memory_keeps_none_on_disk(tmp_path):
    keys = installation_keys(make_config(store="sqlite", data_dir=str(tmp_path)))
    keys.current()
    assert list((tmp_path / "signing-keys").glob("*.pem"))
    assert installation_keys(make_config(store="memory")).directory is None


def test_a_file_signed_here_is_this_installations(here):
    origin = origin_of(signed_by(here), here, {})
    assert (origin.kind, origin.proven) == ("this_installation", True)
    assert origin.key_id == next(iter(here.public_keys()))


def test_a_file_signed_by_a_trusted_installation_names_it(here, there):
    origin = origin_of(signed_by(there), here, trust("Northwind HR", there))
    assert (origin.kind, origin.signer) == ("trusted", "Northwind HR")
    assert origin.sentence.startswith("Signed by Northwind HR, a trusted installation")


def test_unsigned_unknown_and_altered_files_are_not_proven(here, there):
    unsigned = exported_history(OWNER)
    assert origin_of(unsigned, here, {}).reason == "the file is not signed"
    unknown = origin_of(signed_by(there), here, {})
    assert not unknown.proven and "does not trust" in unknown.reason
    altered = forged(signed_by(here), {4: lambda state: state.update(text="Ask for less")})
    assert "signature" in altered  # the forger kept it, and recomputed the chain
    found = origin_of(altered, here, {})
    assert not found.proven and "the file was altered" in found.reason
    mangled = signed_by(here)
    mangled["signature"]["value"] = "not base64!"
    assert not origin_of(mangled, here, {}).proven


def test_after_a_rotation_new_exports_use_the_new_key_and_old_ones_still_verify(here):
    before = signed_by(here)
    old = next(iter(here.public_keys()))
    new = here.rotate()
    assert new != old and origin_of(before, here, {}).kind == "this_installation"
    assert signed_by(here)["signature"]["key_id"] == new
    assert {k: current for k, (_, current) in here.public_keys().items()} == {new: True, old: False}
    assert not list(here.directory.glob(f"{old}.pem"))  # the old private key is gone


def test_trusted_keys_come_from_a_table_or_the_environment_and_bad_ones_are_named(there):
    text = encoded(there.current().public_key())
    [(name, _)] = trusted_keys(f"Northwind HR={text}").values()
    assert name == "Northwind HR"
    assert trusted_keys("{}") == {} and trusted_keys({}) == {}
    with pytest.raises(SigningKeyError, match="Northwind: not an Ed25519 public key"):
        trusted_keys({"Northwind": "abc"})


def test_an_import_records_the_origin_it_found_as_the_importers_own_step(here, there):
    tracker = build_tracker(make_config(store="memory"))
    try:
        result = import_negotiation(
            tracker, signed_by(there), keys=here, trusted=trust("Northwind HR", there), imported_by=OWNER
        )
        negotiation = tracker.get(result.negotiation_id)
        mark = negotiation.imported
        assert (mark["origin"], mark["signer"], mark["by"], mark["version"]) == (
            "trusted",
            "Northwind HR",
            OWNER,
            5,
        )
        last = tracker.timeline(result.negotiation_id)[-1]
        assert (last.event_type, last.actor) == ("Imported", OWNER)
        assert "signed by Northwind HR (a trusted installation)" in last.sentence
        again = export_negotiation(tracker, result.negotiation_id, here)  # exported on: signed by here
        assert origin_of(again, here, {}).kind == "this_installation"
    finally:
        tracker.close()


def test_a_mark_that_cannot_be_recorded_refuses_the_import_and_stores_nothing(here, there):
    from tracker.audit.errors import ImportRefused

    tracker = build_tracker(make_config(store="memory"))
    try:
        with pytest.raises(ImportRefused, match="cannot be recorded: Keep it under 200 characters"):
            import_negotiation(tracker, signed_by(there), keys=here, trusted=trust("N" * 300, there))
        assert tracker.negotiation_ids() == []
    finally:
        tracker.close()


def test_an_imported_record_exported_again_imports_with_both_marks_checked(here, there):
    first = build_tracker(make_config(store="memory"))
    second = build_tracker(make_config(store="memory"))
    try:
        result = import_negotiation(
            first, signed_by(there), keys=here, trusted=trust("There", there), imported_by=OWNER
        )
        again = json.loads(json.dumps(export_negotiation(first, result.negotiation_id, here)))
        moved = import_negotiation(second, again, keys=InstallationKeys(None), trusted=trust("Here", here))
        types = [e.event_type for e in second.timeline(moved.negotiation_id)]
        assert types[-2:] == ["Imported", "Imported"] and moved.origin.signer == "Here"
        assert second.get(moved.negotiation_id).imported["origin"] == "trusted"  # the newest mark
        assert second.get(moved.negotiation_id).imported["unproven_before"] == 0  # signed from the start

        doubtful = import_negotiation(first, exported_history("sam@example.org"), keys=here)  # unsigned
        onwards = json.loads(json.dumps(export_negotiation(first, doubtful.negotiation_id, here)))
        import_negotiation(second, onwards, keys=InstallationKeys(None), trusted=trust("Here", here))
        mark = second.get(doubtful.negotiation_id).imported
        assert (mark["origin"], mark["unproven_before"]) == (
            "trusted",
            5,
        )  # Here vouches; the file before did not
    finally:
        first.close()
        second.close()
