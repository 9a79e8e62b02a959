"""Decoding the events a rebuild must decode (rows of notifications.reader), with less than the
mapper's per-event overhead.

``Mapper.to_domain_event`` is general: it may decrypt, decompress, upcast older versions of an event
class, and it goes through the transcoder's ``decode`` (which strips whitespace with a regular
expression before and after parsing). On a store with no cipher and no compressor, and with the
library's JSON transcoder, an event stored at its class's current version needs none of that: its
state is what the transcoder's own JSON scanner returns (with the same object hook, so the same
UUIDs, datetimes, decimals and the tracker's types), without the stored class version, plus the
originator's id and version as the mapper adds them. That saves about a quarter of the cost of
decoding an event.

Anything else (a cipher, a compressor, another transcoder, an event stored at an older version of
its class, bytes the scanner does not read to the end) goes to the mapper itself, which also raises
the errors (GuardedMapper's StoreUnreadable).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Mapper, Notification, find_id_convertor
from eventsourcing.utils import resolve_topic

from tracker.eventstore.transcodings import TrackerTranscoder
from tracker.projections.notifications import Row, as_uuid

#: Transcoders whose ``decode`` is their JSON scanner's result (the tracker's only changes the hook).
JSON_TRANSCODERS = (JSONTranscoder, TrackerTranscoder)


def event_decoder(mapper: Mapper[Any]) -> Callable[[Row], Any]:
    """A function from a notification's row (notifications.Row) to its domain event, as ``mapper``
    decodes it."""

    def slow(row: Row) -> Any:
        notification_id, originator_id, version, topic, state = row
        originator_id = originator_id if originator_id.__class__ is not str else as_uuid(originator_id)
        return mapper.to_domain_event(
            Notification(
                id=notification_id,
                originator_id=originator_id,
                originator_version=version,
                topic=topic,
                state=state,
            )
        )

    transcoder = mapper.transcoder
    if mapper.cipher is not None or mapper.compressor is not None or type(transcoder) not in JSON_TRANSCODERS:
        return slow
    scan = transcoder.decoder.scan_once

    def decode(row: Row) -> Any:
        _, originator_id, version, topic, stored = row
        cls = resolve_topic(topic)
        try:
            text = stored.decode("utf8")
            state, end = scan(text, 0)
        except Exception:
            return slow(row)
        if (
            end != len(text)
            or type(state) is not dict
            or state.pop("class_version", 1) != getattr(cls, "class_version", 1)
        ):  # to upcast
            return slow(row)
        state["originator_id"] = find_id_convertor(cls, type(originator_id))(originator_id)
        state["originator_version"] = version
        event = object.__new__(cls)
        object.__setattr__(event, "__dict__", state)
        return event

    return decode
