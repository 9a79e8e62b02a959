"""The tracker's transcoder writes the library's JSON and reads it back exactly as the library does,
with a cheaper hook per JSON object."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from uuid import uuid4

import pytest
from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    TranscodingNotRegisteredError,
    UUIDAsHex,
)

from tracker.domain.state import Note, Proposal
from tracker.eventstore import transcodings
from tracker.eventstore.transcodings import TrackerTranscoder


def registered(transcoder: JSONTranscoder) -> JSONTranscoder:
    for transcoding in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO()):
        transcoder.register(transcoding)
    transcodings.register_all(transcoder)
    return transcoder


VALUE = {
    "money": {"amount": Decimal("120000.50"), "currency": "EUR"},  # a plain two-key object
    "_type_": "not a tag",
    "when": datetime(2026, 5, 1, 9, 30, tzinfo=UTC),
    "id": uuid4(),
    "tagged_lookalike": {"_type_": "x", "other": 1},
    "notes": [Note("Called Dana.", 7)],
    "proposal": Proposal(
        "prop1",
        "p2",
        ["p1"],
        {"base": {"amount": Decimal("1"), "currency": "EUR"}},
        "",
        None,
        3,
        datetime(2026, 5, 2, tzinfo=UTC),
    ),
    "nested": [[{"a": 1, "b": 2}], {}, None, True, 1.5],
}


def test_it_writes_and_reads_what_the_library_does():
    library, ours = registered(JSONTranscoder()), registered(TrackerTranscoder())
    data = library.encode(VALUE)
    assert ours.encode(VALUE) == data
    assert ours.decode(data) == library.decode(data) == VALUE


def test_an_unknown_tag_is_refused_as_the_library_refuses_it():
    ours = registered(TrackerTranscoder())
    with pytest.raises(TranscodingNotRegisteredError):
        ours.decode(b'{"x": {"_type_": "no_such_type", "_data_": "1"}}')


def test_rows_are_kept_as_one_text_and_decoded_when_first_read():
    from tracker.domain.snapshot import Rows

    ours = registered(TrackerTranscoder())
    rows = [
        ["Called Dana.", 7],
        [{"amount": Decimal("1.50"), "currency": "EUR"}, datetime(2026, 5, 1, tzinfo=UTC)],
    ]
    data = ours.encode({"rows": Rows.of(rows)})
    tree = json.loads(data)
    assert tree["rows"]["_type_"] == "tracker_rows" and json.loads(tree["rows"]["_data_"])[0] == [
        "Called Dana.",
        7,
    ]
    decoded = ours.decode(data)["rows"]
    assert isinstance(decoded, Rows) and decoded.read() == rows


def test_a_deferred_list_is_written_as_the_plain_list_it_stands_for():
    from tracker.domain.deferred import DeferredList, Once

    ours = registered(TrackerTranscoder())
    notes = DeferredList(head=Once(lambda: [Note("Called Dana.", 7)]), count=1)
    notes.append(Note("Sent the counter.", 9))
    assert ours.encode({"notes": notes}) == ours.encode(
        {"notes": [Note("Called Dana.", 7), Note("Sent the counter.", 9)]}
    )
