"""Transcodings so snapshots can store the negotiation's state objects as JSON."""

from __future__ import annotations

import dataclasses
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from tracker.domain.state import STATE_CLASSES
from tracker.domain.terms import TermSpec


def _dataclass_transcoding(cls: type) -> Transcoding:
    class DataclassAsDict(Transcoding):
        type = cls
        name = f"tracker_{cls.__name__}"

        def encode(self, obj: Any) -> dict[str, Any]:
            return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}

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


def register_all(transcoder: JSONTranscoder) -> None:
    for cls in STATE_CLASSES:
        transcoder.register(_dataclass_transcoding(cls))
    transcoder.register(TermSpecAsDict())
