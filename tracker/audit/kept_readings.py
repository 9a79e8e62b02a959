"""What the analysis read from a negotiation's events (``tracker.analysis.readings``: the priority
steps and the stated figures), kept in the store, so a restarted worker does not decode a long
history again to show its first page.

A process keeps them per negotiation (tracker.web.pages.analysis.reports) and extends them with the
newer events only; this table holds one row per negotiation: the version read up to, the digest of
the event at that version, and the readings, in the store's own JSON (the event store's transcoder,
so every value reads back as the events gave it). A worker's first read takes the row only when the
chain it reads joins it: the negotiation's head digest at that version, or the first newer event's
``prev_digest``. Anything else (an older version asked for, another chain) is read from the events.

A row also names what it was read with: the version of each event class read and a digest of the
functions that read them. Code that reads the events differently (a new upcaster, a changed
reading) ignores the rows written before it, so kept readings are always what this code would read.

Each row is sealed as ``kept_heads``' are (an HMAC keyed from this installation's signing key, never
kept in the database): a row written or altered by anyone without the key is ignored, not trusted.
"""

from __future__ import annotations

import hashlib
import hmac
import inspect
import logging
import secrets
from collections.abc import Callable
from typing import Any
from uuid import UUID

from tracker.analysis.ledger import Statement, Statements, read_statements
from tracker.analysis.readings import Readings
from tracker.audit.kept_rows import KeptRows, installation_key
from tracker.domain import events as ev
from tracker.domain.priority_history import PriorityHistory, PriorityStep, priority_history

LOG = logging.getLogger(__name__)
CONTEXT = b"negotiation-tracker analysis readings v1\n"
FORMAT = 1
KEEP_EVERY = 50  # events read beyond the version kept before the readings are kept again


def _read_with() -> list[Any]:
    """What the readings were read with: the event classes' versions, the reading functions' digest."""
    classes = (
        ev.ProposalMade,
        ev.InteractionLogged,
        ev.NoteAdded,
        ev.PrioritySet,
        ev.WeightsCalibrated,
        ev.AlternativeLogged,
    )
    try:
        source = "".join(inspect.getsource(f) for f in (Readings.read, read_statements, priority_history))
    except OSError:  # no source to read (bytecode only): trust no row another process wrote
        source = secrets.token_hex(16)
    versions = [f"{cls.__name__}:{getattr(cls, 'class_version', 1)}" for cls in classes]
    return [*versions, hashlib.sha256(source.encode()).hexdigest()]


READ_WITH = _read_with()


class KeptReadings:
    """The ``kept_readings`` table in the tracker's own datastore (SQLite file or PostgreSQL schema)."""

    def __init__(self, datastore: Any, private_key: Callable[[], Any], transcoder: Any) -> None:
        self.rows = KeptRows(datastore, "kept_readings", ("head", "readings"), private_key, CONTEXT)
        self.transcoder = transcoder

    def create_table(self) -> None:
        self.rows.create_table()

    def recall(self, nid: UUID) -> tuple[str, Readings] | None:
        """(the head digest at the version read, the readings) kept for ``nid``, if sealed here."""
        found = self.rows.read(nid)
        if found is None:
            return None
        version, head, text, seal = found
        if not hmac.compare_digest(self._seal(nid, int(version), str(head), str(text)), str(seal)):
            LOG.warning("The analysis readings kept for %s are not sealed by this installation: ignored", nid)
            return None
        try:
            readings = _readings(self.transcoder.decode(str(text).encode("utf8")))
        except (KeyError, TypeError, ValueError) as error:  # a format this code does not read
            LOG.warning("The analysis readings kept for %s cannot be read: %s", nid, error)
            return None
        return (str(head), readings) if readings.version == int(version) else None

    def keep(self, nid: UUID, head: str, readings: Readings) -> None:
        """Keeps ``readings`` (read up to the event whose digest is ``head``), never over a row read
        further: another worker may have read on meanwhile."""
        text = self.transcoder.encode(_listed(readings)).decode("utf8")
        self.rows.write(nid, readings.version, (head, text), self._seal(nid, readings.version, head, text))

    def _seal(self, nid: UUID, version: int, head: str, text: str) -> str:
        return self.rows.seal(f"{nid}\n{version}\n{head}\n".encode() + text.encode("utf8"))


def _listed(readings: Readings) -> dict[str, Any]:
    """The readings as plain lists (the transcoder encodes the values, times and decimals in them)."""
    history, statements = readings.history, readings.statements
    return {
        "format": FORMAT,
        "read_with": READ_WITH,
        "steps": [
            [
                s.version,
                s.recorded_at,
                s.whose,
                s.term_key,
                s.weight,
                s.target,
                s.walk_away,
                [list(r) for r in s.ratings],
                s.calibrated,
            ]
            for s in history.steps
        ],
        "alternatives": history.alternatives,
        "history_version": history.version,
        "statements": [
            [s.version, s.recorded_at, s.party_id, s.term_key, s.value, s.source, s.round]
            for s in statements.items
        ],
        "proposals": statements.proposals,
        "statements_version": statements.version,
    }


def _readings(data: dict[str, Any]) -> Readings:
    if data["format"] != FORMAT or data["read_with"] != READ_WITH:
        raise ValueError("written by code that reads the events differently")
    steps = tuple(
        PriorityStep(
            v, at, whose, key, weight, target, walk_away, tuple(tuple(r) for r in ratings), calibrated
        )
        for v, at, whose, key, weight, target, walk_away, ratings, calibrated in data["steps"]
    )
    history = PriorityHistory(steps, dict(data["alternatives"]), data["history_version"])
    items = tuple(Statement(*row) for row in data["statements"])
    return Readings(history, Statements(items, data["proposals"], data["statements_version"]))


def kept_readings(config: Any, datastore: Any, transcoder: Any) -> KeptReadings | None:
    """The table for the configured store (None for the in-memory store: nothing outlives the process)."""
    private_key = installation_key(config, datastore)
    if private_key is None:
        return None
    readings = KeptReadings(datastore, private_key, transcoder)
    readings.create_table()
    return readings
