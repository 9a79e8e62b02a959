"""Export a negotiation: its full event stream as JSON (with digests) and its timeline as CSV.

JSON export format ``negotiation-tracker/events``, ``format_version`` 1 (``tracker import`` reads it)::

    {
      "format": "negotiation-tracker/events", "format_version": 1,
      "exported_at": "2026-03-05T10:00:00+00:00",      # when the file was made
      "negotiation_id": "<uuid>", "title": "...",
      "version": 40,                                   # number of events = newest version
      "head_digest": "<hex>",                          # digest of the newest event
      "signature": {"algorithm": "Ed25519",            # the exporting installation's signature over
                    "key_id": "...", "public_key": "...", # format, id, version and head digest
                    "value": "<base64>"},               # (tracker.audit.signing); absent if unsigned
      "events": [                                      # version 1, 2, ... in order
        {"version": 1, "type": "Started", "topic": "tracker.domain.events:Started",
         "class_version": 1,                           # the event class version it was stored in
         "actor": "...", "recorded_at": "<ISO 8601>", "occurred_at": "<ISO 8601>" | null,
         "prev_digest": "<hex>", "digest": "<hex>",
         "state": {...},         # readable copy: Decimals as strings, times ISO 8601, UUIDs as text
         "stored_state": {...}}  # exact copy: the event store's JSON, types tagged as
                                 # {"_type_": "decimal_str" | "datetime_iso" | "uuid_hex", "_data_": "..."}
      ]
    }

``stored_state`` is authoritative: it is the state exactly as the event store kept it (never
upcast), so each event's digest can be recomputed from the file (``tracker.domain.chain``:
SHA-256 over the canonical JSON of topic class name, negotiation id, version and state without
``digest``/``class_version``). ``state`` is for people and other tools; an import refuses a file
whose readable copy disagrees with its stored state. The CSV timeline has one row per event:
version, type, actor, recorded_at, occurred_at, sentence.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from uuid import UUID

from tracker.domain.errors import NotFound
from tracker.eventstore.storage import decode_state, tagged_state

if TYPE_CHECKING:  # pragma: no cover
    from tracker.application import NegotiationTracker, TimelineEntry
    from tracker.audit.signing import InstallationKeys

FORMAT = "negotiation-tracker/events"
FORMAT_VERSION = 1
CSV_COLUMNS = ("version", "type", "actor", "recorded_at", "occurred_at", "sentence")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_json(value: Any) -> Any:
    """Plain JSON: Decimals as strings, times as ISO 8601, UUIDs as strings."""
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value


def export_negotiation(
    tracker: NegotiationTracker, negotiation_id: UUID | str, keys: InstallationKeys | None = None
) -> dict[str, Any]:
    """The export document (a dict ready for ``json.dump``), signed with ``keys`` when given. Raises
    NotFound for an unknown id."""
    negotiation = tracker.get(negotiation_id)
    events = []
    for stored in tracker.recorder.select_events(negotiation.id):
        state = decode_state(tracker.mapper, stored)
        events.append(
            {
                "version": stored.originator_version,
                "type": stored.topic.rsplit(":", 1)[-1].rsplit(".", 1)[-1],
                "topic": stored.topic,
                "class_version": state.get("class_version", 1),
                "actor": state.get("actor"),
                "recorded_at": to_json(state.get("timestamp")),
                "occurred_at": to_json(state.get("occurred_at")),
                "prev_digest": state.get("prev_digest"),
                "digest": state.get("digest"),
                "state": to_json(state),
                "stored_state": tagged_state(tracker.mapper, stored),
            }
        )
    if not events:
        raise NotFound(f"No negotiation {negotiation_id}.")
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(),
        "negotiation_id": str(negotiation.id),
        "title": negotiation.title,
        "version": events[-1]["version"],
        "head_digest": events[-1]["digest"],
        "events": events,
    }
    if keys is not None:
        document["signature"] = keys.sign(document)
    return document


def csv_cell(value: Any) -> str:
    """Text for a CSV cell; text that a spreadsheet would run as a formula is prefixed with '."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def timeline_rows(entries: Iterable[TimelineEntry]) -> list[list[str]]:
    return [
        [
            str(e.version),
            csv_cell(e.event_type),
            csv_cell(e.actor),
            csv_cell(e.recorded_at),
            csv_cell(e.occurred_at),
            csv_cell(e.sentence),
        ]
        for e in entries
    ]


def timeline_csv(
    tracker: NegotiationTracker,
    negotiation_id: UUID | str,
    entries: Iterable[TimelineEntry] | None = None,
) -> str:
    """The timeline as CSV text with a header row. Pass ``entries`` (e.g. filtered with
    ``tracker.audit.filter_timeline``) to export only those; by default every event."""
    if entries is None:
        entries = tracker.timeline(negotiation_id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(timeline_rows(entries))
    return out.getvalue()
