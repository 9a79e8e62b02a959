"""A snapshot of a negotiation whose notes and interactions the process's earlier snapshot stored
encodes only the newer entries, continuing that text: what is stored is exactly what a snapshot taken
from scratch stores. A worker that loaded a snapshot packs its first one whole (text read from the
store is never carried forward), then continues its own."""

from __future__ import annotations

import json
from unittest import mock

from tracker.audit.verify import verify_negotiation
from tracker.bootstrap import build_tracker
from tracker.domain import snapshot as snapshots
from tracker.domain.deferred import DeferredList
from tracker.domain.snapshot import PACKED, PackedSnapshot
from tracker.eventstore.storage import plaintext

ACTOR = "alex@example.org"
INTERVAL = 5


def stored_tables(tracker, nid) -> dict[int, dict]:
    """Each stored snapshot's packed tables as the store holds them (rows as their JSON text)."""
    found = {}
    for stored in tracker.snapshots.recorder.select_events(nid):
        found[stored.originator_version] = json.loads(plaintext(tracker.mapper, stored))["state"][PACKED]
    return found


def from_scratch(tracker, nid, version) -> dict:
    """The packed tables of a snapshot taken from the state the events give at ``version``."""
    state = tracker.get(nid, version=version)
    for name in snapshots.DEFERRED:  # the state as a plain list: nothing stored before to continue
        setattr(state, name, list(getattr(state, name)))
    stored = tracker.mapper.to_stored_event(PackedSnapshot.take(state))
    return json.loads(plaintext(tracker.mapper, stored))["state"][PACKED]


def steps(tracker, nid, first, count):
    for i in range(first, first + count):
        if i % 3 == 0:
            tracker.step(
                nid, "log_interaction", actor=ACTOR, channel="call", summary=f"Call {i}.", participants=["p1"]
            )
        else:
            tracker.step(nid, "add_note", actor=ACTOR, text=f'Note {i}: \u00e9t\u00e9 "quoted".')


def start(tracker):
    nid = tracker.start_negotiation(actor=ACTOR, title="Offer", kind="job_offer")
    tracker.step(nid, "join_party", actor=ACTOR, name="Dana", role="", side="counterpart")
    return nid


def test_each_snapshot_continues_the_last_and_stores_what_one_from_scratch_would(store_config):
    tracker = build_tracker(dict(store_config, snapshot_interval=INTERVAL))
    try:
        nid = start(tracker)
        with mock.patch.object(snapshots, "continued", wraps=snapshots.continued) as continued:
            steps(tracker, nid, 0, 38)
        continuing = [c for c in continued.call_args_list if c.args and isinstance(c.args[0], DeferredList)]
        assert continuing, "no snapshot continued an earlier one"
        tables = stored_tables(tracker, nid)
        assert sorted(tables) == list(range(INTERVAL, 41, INTERVAL))
        for version, packed in tables.items():
            assert packed == from_scratch(tracker, nid, version), version
        assert isinstance(tracker.repository.cache.get(nid).notes, DeferredList)
        assert verify_negotiation(tracker, nid).intact
    finally:
        tracker.close()


def test_a_worker_that_loaded_a_snapshot_packs_its_first_whole_then_continues_its_own(store_config):
    writer = build_tracker(dict(store_config, snapshot_interval=INTERVAL))
    try:
        nid = start(writer)
        steps(writer, nid, 0, 18)  # snapshots at 5, 10, 15, 20
    finally:
        writer.close()
    worker = build_tracker(dict(store_config, snapshot_interval=INTERVAL))
    try:
        loaded = worker.repository.get(nid)
        assert isinstance(loaded.notes, DeferredList) and not loaded.notes.built
        seen = []  # (entries, entries continued) of each deferred list packed, when it was packed

        def continued(value):
            prefix = getattr(value, "stored", None)
            seen.append((len(value), prefix.count if prefix else None))
            return original(value)

        original = snapshots.continued
        with mock.patch.object(snapshots, "continued", continued):
            steps(worker, nid, 18, 17)  # snapshots at 25 (packed whole), 30 and 35 (continued)
        # interactions and notes at 25 (nothing to continue), then each continuing the one before
        assert seen == [(8, None), (15, None), (10, 8), (18, 15), (11, 10), (22, 18)]
        tables = stored_tables(worker, nid)
        for version in (25, 30, 35):
            assert tables[version] == from_scratch(worker, nid, version)
        assert [n.text for n in worker.get(nid).notes][-1] == 'Note 34: \u00e9t\u00e9 "quoted".'
        assert verify_negotiation(worker, nid).intact
    finally:
        worker.close()


def test_a_list_not_continued_is_packed_whole():
    prefix = snapshots.Prefix(3, "Note", ("text", "version"), "[]", lambda: [])
    assert snapshots.continued(DeferredList(["a", "b"], stored=prefix)) is None  # shorter than its prefix
    assert snapshots.continued(["a", "b", "c", "d"]) is None  # a plain list knows no prefix


def test_rows_spliced_are_the_rows_encoded_whole():
    from tracker.eventstore.transcodings import spliced

    whole = json.dumps([[1, "a"], [2, "b"], [3, "c"]], separators=(",", ":"))
    assert (
        spliced(
            json.dumps([[1, "a"]], separators=(",", ":")),
            json.dumps([[2, "b"], [3, "c"]], separators=(",", ":")),
        )
        == whole
    )
    assert spliced("[]", "[[1]]") == "[[1]]" and spliced("[[1]]", "[]") == "[[1]]"
