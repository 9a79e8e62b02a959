"""Export and import: a round trip gives an identical history; a broken or altered file, or an id
that already exists, is refused with a clear message and nothing is stored."""

from __future__ import annotations

import copy
import json

import pytest

from tests.support.audit import opened
from tests.support.config import make_config
from tracker.audit import ImportRefused, import_file, import_negotiation, verify_negotiation
from tracker.audit.exporting import export_negotiation
from tracker.domain.chain import event_digest
from tracker.eventstore.storage import decode_state


def history(tracker, nid):
    entries = tracker.timeline(nid)
    raw = [
        (s.originator_version, s.topic, decode_state(tracker.mapper, s))
        for s in tracker.recorder.select_events(nid)
    ]
    return [
        (e.version, e.event_type, e.actor, e.recorded_at, e.occurred_at, e.sentence, e.data, e.digest)
        for e in entries
    ], raw


@pytest.fixture
def exported(tmp_path):
    """The demo exported from its own SQLite file (targets use other stores)."""
    from tracker.demo import load_demo

    with opened(make_config(store="sqlite", data_dir=str(tmp_path / "source"))) as tracker:
        nid = load_demo(tracker)
        return nid, export_negotiation(tracker, nid), history(tracker, nid)


def test_round_trip_into_another_store_gives_an_identical_history(exported, store_config):
    """The file's 40 events, identical, then the import's own mark (unsigned here: origin not proven)."""
    nid, document, original = exported
    text = json.dumps(document)  # through real JSON text, as a file would be
    with opened(store_config) as target:
        result = import_file(target, text.encode(), imported_by="importer@example.org")
        assert (result.negotiation_id, result.events) == (nid, 41)
        assert result.origin.kind == "not_proven" and target.get(nid).head_digest == result.head_digest
        entries, raw = history(target, nid)
        assert (entries[:40], raw[:40]) == original
        version, event_type, actor, _, _, sentence, data, _ = entries[40]
        assert (version, event_type, actor) == (41, "Imported", "importer@example.org")
        assert data["file_head"] == document["head_digest"] and data["file_version"] == 40
        assert "origin not proven (the file is not signed)" in sentence
        assert verify_negotiation(target, nid).intact
        assert target.get(nid).latest_positions() and target.negotiation_ids() == [nid]
        again = export_negotiation(target, nid)
    assert again["events"][:40] == document["events"]


def test_round_trip_into_an_encrypted_store(exported, tmp_path):
    nid, document, original = exported
    from eventsourcing.cryptography import AESCipher

    config = make_config(store="sqlite", data_dir=str(tmp_path / "enc"), cipher_key=AESCipher.create_key(32))
    with opened(config) as target:
        import_negotiation(target, json.loads(json.dumps(document)))
        entries, raw = history(target, nid)
        assert (entries[:40], raw[:40]) == original and entries[40][1] == "Imported"
        assert verify_negotiation(target, nid).intact


def test_the_format_keeps_types_exact_and_readable(exported):
    _, document, _ = exported
    proposal = next(e for e in document["events"] if e["type"] == "ProposalMade")
    assert proposal["state"]["values"]["base_salary"] == {"amount": "118000", "currency": "EUR"}
    assert proposal["stored_state"]["values"]["base_salary"]["amount"] == {
        "_type_": "decimal_str",
        "_data_": "118000",
    }
    assert proposal["stored_state"]["timestamp"]["_type_"] == "datetime_iso"
    assert proposal["recorded_at"] == proposal["state"]["timestamp"]
    assert document["version"] == 40 and document["head_digest"] == document["events"][-1]["digest"]


def assert_refused(store_config, document, *words):
    with opened(store_config) as target:
        before = target.recorder.max_notification_id()
        with pytest.raises(ImportRefused) as refused:
            import_negotiation(target, document)
        assert target.recorder.max_notification_id() == before  # nothing stored
        assert not target.recorder.select_events(target_id(document), limit=1)
    message = refused.value.message
    assert "Nothing was imported" in message
    for word in words:
        assert word in message, message
    return message


def target_id(document):
    from uuid import UUID

    try:
        return UUID(str(document.get("negotiation_id")))
    except ValueError:
        return UUID(int=0)


def edit_everywhere(event, edit):
    """Changes an event's stored state and its readable copy alike (a careful forger)."""
    edit(event["stored_state"])
    edit(event["state"])


def test_an_altered_amount_is_refused(exported, store_config):
    _, document, _ = exported
    doc = copy.deepcopy(document)
    event = doc["events"][31]
    edit_everywhere(
        event,
        lambda s: s["values"]["base_salary"].update(
            amount={"_type_": "decimal_str", "_data_": "128000"}
            if isinstance(s["values"]["base_salary"]["amount"], dict)
            else "128000"
        ),
    )
    assert_refused(store_config, doc, "broken at version 32", "altered")


def test_an_edited_readable_copy_is_refused(exported, sqlite_config):
    _, document, _ = exported
    doc = copy.deepcopy(document)
    doc["events"][4]["state"]["name"] = "Dana Kin"
    assert_refused(sqlite_config, doc, "Event 5", "differs")


@pytest.mark.parametrize("drop", [5, 39])
def test_a_removed_event_is_refused(exported, sqlite_config, drop):
    _, document, _ = exported
    doc = copy.deepcopy(document)
    del doc["events"][drop]
    assert_refused(sqlite_config, doc, f"version {drop + 1}")


def test_reordered_events_are_refused(exported, sqlite_config):
    _, document, _ = exported
    doc = copy.deepcopy(document)
    doc["events"][10], doc["events"][11] = doc["events"][11], doc["events"][10]
    assert_refused(sqlite_config, doc, "version 11")


def test_a_consistent_forgery_that_cannot_replay_is_refused(exported, sqlite_config):
    """Digests recomputed after the edit, but the proposal comes from a party who never joined."""
    _, document, _ = exported
    doc = copy.deepcopy(document)
    nid = doc["negotiation_id"]
    with opened(sqlite_config) as tracker:
        transcoder = tracker.mapper.transcoder
        prev = doc["events"][30]["digest"]
        for event in doc["events"][31:]:
            state = transcoder.decode(json.dumps(event["stored_state"]).encode())
            if event["version"] == 32:
                state["from_party"] = "p99"
            state["prev_digest"] = prev
            state["digest"] = prev = event_digest(event["topic"], nid, event["version"], state)
            event["stored_state"] = json.loads(transcoder.encode(state))
            for key in ("state", "prev_digest", "digest"):
                event.pop(key)
        doc["head_digest"] = prev
    assert_refused(sqlite_config, doc, "Event 32", "refused at 'from_party'", "'p99' is not a party")


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda d: d.update(format="something/else"), ["not a negotiation export"]),
        (lambda d: d.update(format_version=99), ["format version 1"]),
        (lambda d: d.update(negotiation_id="nope"), ["not a valid id"]),
        (lambda d: d.update(events=[]), ["no events"]),
        (lambda d: d["events"][3].update(topic="os:system"), ["Event 4", "unknown type"]),
        (lambda d: d["events"][3].update(topic=["a", "list"]), ["Event 4", "unknown type"]),
        (lambda d: d["events"][3].update(topic={"an": "object"}), ["Event 4", "unknown type"]),
        (lambda d: d["events"][3].update(version="4"), ["Event 4", "whole-number version"]),
        (lambda d: d["events"][3].pop("stored_state"), ["Event 4", "no stored_state"]),
        (lambda d: d.update(version=41), ["events after version 40 were deleted"]),
        (lambda d: d.update(version=39), ["declares 39 events but holds 40"]),
        (lambda d: d.update(version="40"), ["how many events"]),
        (lambda d: d.update(head_digest="0" * 64), ["newest event was replaced"]),
        (lambda d: d.update(negotiation_id="00000000-0000-0000-0000-000000000001"), ["broken at version 1"]),
    ],
)
def test_malformed_files_are_refused(exported, sqlite_config, change, words):
    _, document, _ = exported
    doc = copy.deepcopy(document)
    change(doc)
    assert_refused(sqlite_config, doc, *words)


def test_text_that_is_not_json_is_refused(sqlite_config):
    with opened(sqlite_config) as target:
        with pytest.raises(ImportRefused, match="not valid JSON"):
            import_file(target, b"{not json")
        with pytest.raises(ImportRefused, match="not a negotiation export"):
            import_file(target, b"[1, 2]")


def test_an_existing_negotiation_is_refused(exported, sqlite_config):
    nid, document, _ = exported
    with opened(sqlite_config) as target:
        import_negotiation(target, document)
        target.step(nid, "record_lessons", actor="auditor", lessons="after the import")
        with pytest.raises(ImportRefused, match=f"{nid} already exists"):
            import_negotiation(target, document)
        assert target.get(nid).version == 42  # 40, the import's mark, the lessons
