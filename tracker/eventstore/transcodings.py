"""Transcodings so snapshots can store the negotiation's state objects as JSON, and the transcoder
that reads them back with less work per JSON object than the library's."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import datetime
from operator import attrgetter
from typing import Any

from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    Transcoding,
    TranscodingNotRegisteredError,
    UUIDAsHex,
)

from tracker.domain.deferred import DeferredList
from tracker.domain.snapshot import Rows
from tracker.domain.state import STATE_CLASSES
from tracker.domain.terms import TermSpec


def _dataclass_transcoding(cls: type) -> Transcoding:
    names = [f.name for f in dataclasses.fields(cls)]
    values = attrgetter(*names) if len(names) > 1 else lambda obj: (getattr(obj, names[0]),)

    class DataclassAsDict(Transcoding):
        type = cls
        name = f"tracker_{cls.__name__}"

        def encode(self, obj: Any) -> dict[str, Any]:
            return dict(zip(names, values(obj), strict=True))

        def decode(self, data: dict[str, Any]) -> Any:
            return cls(**data)

    return DataclassAsDict()


class TermSpecAsDict(Transcoding):
    type = TermSpec
    name = "tracker_TermSpec"

    def encode(self, obj: TermSpec) -> dict[str, Any]:
        return obj.as_event_data()

    def decode(self, data: dict[str, Any]) -> TermSpec:
        return TermSpec.from_event_data(data)


class RowsAsJSON(Transcoding):
    """A packed table's ``Rows`` as one JSON text (the transcoder's own JSON, type tags and all) inside
    the snapshot's JSON. Reading the snapshot then only copies that text; the rows are decoded when
    the collection is first read (``tracker.domain.snapshot``), and most pages never read them."""

    type = Rows
    name = "tracker_rows"

    def __init__(self, transcoder: JSONTranscoder) -> None:
        self._transcoder = transcoder

    def encode(self, rows: Rows) -> str:
        prefix = rows.prefix
        if prefix is not None and isinstance(prefix.stored, str):
            text = spliced(prefix.stored, self._transcoder.encode(rows.tail).decode("utf8"))
        else:
            text = self._transcoder.encode(rows.read()).decode("utf8")
        rows.stored = text  # what the next snapshot continues (tracker.domain.snapshot.Prefix)
        # Rows read from the store are never continued: only text this process wrote, from the objects
        # in hand, is carried into a newer snapshot (an altered stored text is not copied forward).
        return text

    def decode(self, data: str) -> Rows:
        transcoder = self._transcoder
        return Rows(lambda: transcoder.decode(data.encode("utf8")))


def spliced(before: str, after: str) -> str:
    """Two JSON arrays as one: the text the transcoder writes for the rows of both, in order."""
    if after == "[]":
        return before
    if before == "[]":
        return after
    return f"{before[:-1]},{after[1:]}"


def register_all(transcoder: JSONTranscoder) -> None:
    for cls in STATE_CLASSES:
        transcoder.register(_dataclass_transcoding(cls))
    transcoder.register(TermSpecAsDict())
    transcoder.register(RowsAsJSON(transcoder))


#: The library's own transcodings whose ``encode`` is a built-in: called directly, not through a method.
_BUILT_IN_ENCODE: dict[type[Transcoding], Callable[[Any], str]] = {
    DecimalAsStr: str,
    DatetimeAsISO: datetime.isoformat,
    UUIDAsHex: attrgetter("hex"),
}


class TrackerTranscoder(JSONTranscoder):
    """The library's JSON transcoder, same format, with cheaper hooks for each encoded value of a
    registered type and each decoded JSON object.

    Encoding: the library's hook finds the transcoding, then calls its ``encode`` method; a snapshot
    of a long negotiation holds thousands of amounts and times. This one looks the type up in a table
    of (name, function), with the built-in function itself for the library's Decimal, datetime and
    UUID transcodings; and its encoder does not track every container to catch cycles.

    The library's hook raises and catches a KeyError for every two-key object that is not a tagged
    value (each money amount, {"amount": ..., "currency": ...}, is one) and calls a method per tagged
    value; a snapshot of a long negotiation holds thousands of them. This one asks the dict instead,
    and calls the registered transcoding's ``decode`` straight from a name-to-function table."""

    def __init__(self) -> None:
        super().__init__()
        # The library's encoder, without the check for circular references (state is a tree: a
        # cycle would still fail, as a RecursionError), which costs a quarter of a snapshot's encoding.
        self.encoder = json.JSONEncoder(
            default=self._encode_obj, separators=(",", ":"), ensure_ascii=False, check_circular=False
        )
        self._decoders: dict[str, Any] = {}
        self._encoders: dict[type, tuple[str, Callable[[Any], Any]]] = {}

    def register(self, transcoding: Transcoding) -> None:
        super().register(transcoding)
        self._decoders[transcoding.name] = transcoding.decode
        encode = _BUILT_IN_ENCODE.get(type(transcoding), transcoding.encode)
        self._encoders[transcoding.type] = (transcoding.name, encode)

    def _encode_obj(self, o: Any) -> Any:
        """As the library's; a ``DeferredList`` is written as the JSON array it stands for, as a plain
        list would be."""
        found = self._encoders.get(type(o))
        if found is not None:
            return {"_type_": found[0], "_data_": found[1](o)}
        if isinstance(o, DeferredList):
            return o.data
        return super()._encode_obj(o)

    def _decode_obj(self, d: dict[str, Any]) -> Any:
        if len(d) != 2 or "_type_" not in d or "_data_" not in d:
            return d
        decode = self._decoders.get(d["_type_"])
        if decode is None:
            raise TranscodingNotRegisteredError(
                f"Data serialized with name '{d['_type_']}' is not deserializable. Please register a "
                "custom transcoding for this type."
            )
        return decode(d["_data_"])
