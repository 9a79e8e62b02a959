"""Reading and writing stored events exactly as they are kept, below the domain objects.

The audit tools work on the *stored* state of each event: decrypted and decompressed, decoded by
the application's transcoder, but never upcast. The digest of an event was computed over that state
when it was recorded, so old events keep verifying after their class gains fields.
"""

from __future__ import annotations

import json
from typing import Any

from eventsourcing.application import Application
from eventsourcing.persistence import Mapper, MapperDeserialisationError, StoredEvent

from tracker.domain.snapshot import PACKED, Rows
from tracker.eventstore.errors import StoreUnreadable


def unreadable_message(mapper: Mapper[Any], stored: StoredEvent) -> str:
    where = f"event {stored.originator_version} of negotiation {stored.originator_id}"
    if mapper.cipher is not None:
        return (
            f"The stored events cannot be decrypted with the configured cipher key ({where} failed). "
            "Set TRACKER_CIPHER_KEY to the key this store was created with; if the key is right, "
            "the event was altered in the database (run `tracker verify`)."
        )
    return (
        f"A stored event cannot be read ({where}). If this store is encrypted, set "
        "TRACKER_CIPHER_KEY to its key; otherwise the event was altered in the database "
        "(run `tracker verify`)."
    )


class GuardedMapper(Mapper[Any]):
    """The library's mapper, with unreadable events reported as ``StoreUnreadable``: when they are
    decoded, and for a snapshot's rows kept as text (``Rows``), when those are first read."""

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        try:
            event = super().to_domain_event(stored_event)
        except MapperDeserialisationError as error:
            raise StoreUnreadable(unreadable_message(self, stored_event)) from error
        tables = getattr(event, "state", None)
        tables = tables.get(PACKED) if isinstance(tables, dict) else None
        for table in tables.values() if isinstance(tables, dict) else ():
            if isinstance(table, dict) and isinstance(table.get("rows"), Rows):
                table["rows"] = _guarded(table["rows"], unreadable_message(self, stored_event))
        return event


def _guarded(rows: Rows, message: str) -> Rows:
    def read() -> list[list[Any]]:
        try:
            found = rows.read()
        except Exception as error:  # the text is not the transcoder's JSON (altered in the database)
            raise StoreUnreadable(message) from error
        if not isinstance(found, list):
            raise StoreUnreadable(message)
        return found

    return Rows(read)


def plaintext(mapper: Mapper[Any], stored: StoredEvent) -> bytes:
    """The transcoder's bytes for a stored event (decrypted, decompressed)."""
    data = stored.state
    try:
        if mapper.cipher is not None:
            data = mapper.cipher.decrypt(data)
        if mapper.compressor is not None:
            data = mapper.compressor.decompress(data)
    except Exception as error:  # the cipher raises ValueError; a compressor zlib.error
        raise StoreUnreadable(unreadable_message(mapper, stored)) from error
    return data


def decode_state(mapper: Mapper[Any], stored: StoredEvent) -> dict[str, Any]:
    """The event's stored state as recorded: Decimal, datetime and UUID restored, no upcasting."""
    return _state(mapper, stored, mapper.transcoder.decode)


def tagged_state(mapper: Mapper[Any], stored: StoredEvent) -> dict[str, Any]:
    """The stored state as the transcoder's JSON tree, with its type tags ({"_type_", "_data_"})."""
    return _state(mapper, stored, lambda data: json.loads(data.decode("utf8")))


def _state(mapper: Mapper[Any], stored: StoredEvent, decode: Any) -> dict[str, Any]:
    try:
        state = decode(plaintext(mapper, stored))
    except StoreUnreadable:
        raise
    except Exception as error:
        raise StoreUnreadable(unreadable_message(mapper, stored)) from error
    if not isinstance(state, dict):
        raise StoreUnreadable(unreadable_message(mapper, stored))
    return state


def encode_state(mapper: Mapper[Any], state: dict[str, Any]) -> bytes:
    """Bytes to store for a state dict, as the mapper would write them (encoded, compressed, encrypted)."""
    data = mapper.transcoder.encode(state)
    if mapper.compressor is not None:
        data = mapper.compressor.compress(data)
    if mapper.cipher is not None:
        data = mapper.cipher.encrypt(data)
    return data


def check_store_readable(tracker: Application[Any]) -> None:
    """Raises ``StoreUnreadable`` when the newest stored event cannot be read with this configuration
    (typically a wrong or missing cipher key). Cheap: call it when a server or command starts."""
    newest = tracker.recorder.max_notification_id()
    if not newest:
        return
    for notification in tracker.recorder.select_notifications(newest, 1):
        decode_state(tracker.mapper, notification)
