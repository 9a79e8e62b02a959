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

import hmac
import json
import logging
from collections.abc import Callable
from typing import Any
from uuid import UUID

from tracker.audit.kept_rows import KeptRows, installation_key

LOG = logging.getLogger(__name__)
CONTEXT = b"negotiation-tracker verified head v1\n"


class KeptHeads:
    """The ``verified_heads`` table in the tracker's own datastore (SQLite file or PostgreSQL schema)."""

    def __init__(self, datastore: Any, private_key: Callable[[], Any]) -> None:
        self.rows = KeptRows(
            datastore, "verified_heads", ("head", "fingerprint", "snapshots"), private_key, CONTEXT
        )

    def create_table(self) -> None:
        self.rows.create_table()

    def recall(self, nid: UUID) -> tuple[int, str, bytes, tuple[tuple[int, bytes], ...]] | None:
        """(version, head, fingerprint, snapshots) kept for ``nid``, if its seal is this installation's."""
        found = self.rows.read(nid)
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

    def keep(self, nid: UUID, version: int, head: str, fingerprint: bytes, snapshots: Any) -> None:
        """Keeps what was verified (never a version older than the one kept: another worker may have
        verified further meanwhile)."""
        listed = json.dumps(_listed(snapshots))
        seal = self._seal(nid, version, head, fingerprint, snapshots)
        self.rows.write(nid, version, (head, fingerprint.hex(), listed), seal)

    def _seal(self, nid: UUID, version: int, head: str, fingerprint: bytes, snapshots: Any) -> str:
        message = json.dumps(
            [str(nid), version, head, fingerprint.hex(), _listed(snapshots)],
            separators=(",", ":"),
        ).encode()
        return self.rows.seal(message)


def _listed(snapshots: Any) -> list[list[Any]]:
    """The snapshots' (version, fingerprint) as stored and sealed: [[version, hex], ...]."""
    return [[int(version), bytes(fingerprint).hex()] for version, fingerprint in snapshots]


def _snapshots(listed: Any) -> tuple[tuple[int, bytes], ...]:
    return tuple((int(version), bytes.fromhex(fingerprint)) for version, fingerprint in listed)


def kept_heads(config: Any, datastore: Any) -> KeptHeads | None:
    """The table for the configured store (None for the in-memory store: nothing outlives the process)."""
    private_key = installation_key(config, datastore)
    if private_key is None:
        return None
    heads = KeptHeads(datastore, private_key)
    heads.create_table()
    return heads
