"""Decoding the events a rebuild must decode, with less than the mapper's per-event overhead.

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

from eventsourcing.persistence import JSONTranscoder, Mapper, find_id_convertor
from eventsourcing.utils import resolve_topic

from tracker.eventstore.transcodings import TrackerTranscoder

#: Transcoders whose ``decode`` is their JSON scanner's result (the tracker's only changes the hook).
JSON_TRANSCODERS = (JSONTranscoder, TrackerTranscoder)


def event_decoder(mapper: Mapper[Any]) -> Callable[[Any], Any]:
    """A function from a notification (or stored event) to its domain event, as ``mapper`` decodes it."""
    transcoder = mapper.transcoder
    if mapper.cipher is not None or mapper.compressor is not None or type(transcoder) not in JSON_TRANSCODERS:
        return mapper.to_domain_event
    scan, slow = transcoder.decoder.scan_once, mapper.to_domain_event

    def decode(stored: Any) -> Any:
        cls = resolve_topic(stored.topic)
        try:
            text = stored.state.decode("utf8")
            state, end = scan(text, 0)
        except Exception:
            return slow(stored)
        if (
            end != len(text)
            or type(state) is not dict
            or state.pop("class_version", 1) != getattr(cls, "class_version", 1)
        ):  # to upcast
            return slow(stored)
        originator_id = stored.originator_id
        state["originator_id"] = find_id_convertor(cls, type(originator_id))(originator_id)
        state["originator_version"] = stored.originator_version
        event = object.__new__(cls)
        object.__setattr__(event, "__dict__", state)
        return event

    return decode
