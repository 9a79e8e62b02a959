"""What the record badge verified, kept in the store, so a restarted worker does not start from zero.

The badge remembers per process what it verified (``tracker.audit.verified``); a new worker used to
check a negotiation's whole chain and replay its newest snapshot on its first view (a second or so
for 10,000 events). This table keeps the same facts: the version verified, the digest at it, the
fingerprint of the stored rows as they were, and the snapshots found to match. A worker's first
view starts from them as it would from its own memory: it re-reads the rows (no decoding), checks
that the verified prefix is byte for byte what it was, and decodes and checks only what came after;
when anything differs, the whole chain is checked again, and against the kept version and digest,
so rows deleted or rewritten since are reported even after a restart.

Each row is sealed with an HMAC keyed by this installation's signing key (``tracker.audit.signing``,
kept in the data directory, never in the database): whoever can write the database but not read the
key cannot make the badge trust rows they wrote. A row whose seal does not match (written with a
rotated key, or forged) is ignored: the first view then checks everything, as before.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Callable
from typing import Any
from uuid import UUID

from cryptography.hazmat.primitives import serialization

from tracker.projections.views import on_fresh_connection

LOG = logging.getLogger(__name__)
CONTEXT = b"negotiation-tracker verified head v1\n"


class KeptHeads:
    """The ``verified_heads`` table in the tracker's own datastore (SQLite file or PostgreSQL schema)."""

    def __init__(self, datastore: Any, private_key: Callable[[], Any]) -> None:
        self.datastore = datastore
        self._private_key = private_key
        self._key: bytes | None = None
        self.mark, self.table, self.version_type = kept_table(datastore, "verified_heads")

    @on_fresh_connection
    def create_table(self) -> None:
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {self.table} (negotiation_id TEXT PRIMARY KEY, "
                f"version {self.version_type} NOT NULL, head TEXT NOT NULL, fingerprint TEXT NOT NULL, "
                "snapshots TEXT NOT NULL, seal TEXT NOT NULL)"
            )

    def recall(self, nid: UUID) -> tuple[int, str, bytes, tuple[tuple[int, bytes], ...]] | None:
        """(version, head, fingerprint, snapshots) kept for ``nid``, if its seal is this installation's."""
        found = self._read(nid)
        if found is None:
            return None
        version, head, fingerprint, snapshots, seal = found
        try:
            kept = (int(version), str(head), bytes.fromhex(fingerprint), _snapshots(json.loads(snapshots)))
        except (TypeError, ValueError):
            kept = None
        if kept is None or not hmac.compare_digest(self._seal(nid, *kept), str(seal)):
            LOG.warning("The verified head kept for %s is not sealed by this installation: ignored", nid)
            return None
        return kept

    @on_fresh_connection
    def keep(self, nid: UUID, version: int, head: str, fingerprint: bytes, snapshots: Any) -> None:
        """Keeps what was verified (never a version older than the one kept: another worker may have
        verified further meanwhile)."""
        listed = json.dumps(_listed(snapshots))
        seal = self._seal(nid, version, head, fingerprint, snapshots)
        m = self.mark
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(
                f"INSERT INTO {self.table} (negotiation_id, version, head, fingerprint, snapshots, seal) "
                f"VALUES ({m}, {m}, {m}, {m}, {m}, {m}) ON CONFLICT (negotiation_id) DO UPDATE SET "
                "version = excluded.version, head = excluded.head, fingerprint = excluded.fingerprint, "
                f"snapshots = excluded.snapshots, seal = excluded.seal WHERE {self.table}.version <= excluded.version",
                [str(nid), version, head, fingerprint.hex(), listed, seal],
            )

    @on_fresh_connection
    def _read(self, nid: UUID) -> tuple[Any, ...] | None:
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(
                f"SELECT version, head, fingerprint, snapshots, seal FROM {self.table} "
                f"WHERE negotiation_id = {self.mark}",
                [str(nid)],
            )
            row = cursor.fetchone()
        names = ("version", "head", "fingerprint", "snapshots", "seal")
        return None if row is None else tuple(row[name] for name in names)

    def _seal(self, nid: UUID, version: int, head: str, fingerprint: bytes, snapshots: Any) -> str:
        if self._key is None:  # derived once from the installation's private key (read from its file)
            self._key = sealing_key(self._private_key(), CONTEXT)
        message = json.dumps(
            [str(nid), version, head, fingerprint.hex(), _listed(snapshots)],
            separators=(",", ":"),
        ).encode()
        return hmac.new(self._key, CONTEXT + message, hashlib.sha256).hexdigest()


def kept_table(datastore: Any, name: str) -> tuple[str, str, str]:
    """(parameter mark, qualified table name, version column type) of a table of kept rows named
    ``name`` in ``datastore`` (a SQLite file, or a PostgreSQL schema)."""
    if type(datastore).__module__ != "eventsourcing.postgres":
        return "?", name, "INTEGER"
    return "%s", f'"{getattr(datastore, "schema", "")}"."{name}"', "BIGINT"


def sealing_key(private_key: Any, context: bytes) -> bytes:
    """A key for sealing what a process keeps in the store, derived from the installation's private
    signing key and what it seals (``context``), so no two kinds of kept row share a key."""
    raw = private_key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return hashlib.sha256(context + raw).digest()


def _listed(snapshots: Any) -> list[list[Any]]:
    """The snapshots' (version, fingerprint) as stored and sealed: [[version, hex], ...]."""
    return [[int(version), bytes(fingerprint).hex()] for version, fingerprint in snapshots]


def _snapshots(listed: Any) -> tuple[tuple[int, bytes], ...]:
    return tuple((int(version), bytes.fromhex(fingerprint)) for version, fingerprint in listed)


def kept_heads(config: Any, datastore: Any) -> KeptHeads | None:
    """The table for the configured store (None for the in-memory store: nothing outlives the process)."""
    if datastore is None or config.get("store") == "memory" or not hasattr(datastore, "transaction"):
        return None
    from tracker.audit.signing import installation_keys

    keys = installation_keys(config)
    heads = KeptHeads(datastore, keys.current)
    heads.create_table()
    return heads
