"""A table of sealed rows a process keeps in the store, one per negotiation (``kept_heads``,
``kept_readings``): made beside the events, read by negotiation id, written only forward (never over
a row of a later version: another worker may have gone further meanwhile), and sealed with an HMAC
keyed from this installation's private signing key (kept in the data directory, never in the
database), so a row written or altered without the key is recognised and ignored."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from cryptography.hazmat.primitives import serialization

from tracker.projections.views import on_fresh_connection


class KeptRows:
    """The table ``name`` (negotiation_id, version, then ``columns`` of text, then seal) in the
    tracker's own datastore (SQLite file or PostgreSQL schema); ``context`` names what it seals."""

    def __init__(
        self,
        datastore: Any,
        name: str,
        columns: Sequence[str],
        private_key: Callable[[], Any],
        context: bytes,
    ) -> None:
        self.datastore = datastore
        self.columns = tuple(columns)
        self.context = context
        self._private_key = private_key
        self._key: bytes | None = None
        postgres = type(datastore).__module__ == "eventsourcing.postgres"
        self.mark = "%s" if postgres else "?"
        self.table = f'"{getattr(datastore, "schema", "")}"."{name}"' if postgres else name
        self.version_type = "BIGINT" if postgres else "INTEGER"

    @on_fresh_connection
    def create_table(self) -> None:
        texts = "".join(f"{column} TEXT NOT NULL, " for column in self.columns)
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {self.table} (negotiation_id TEXT PRIMARY KEY, "
                f"version {self.version_type} NOT NULL, {texts}seal TEXT NOT NULL)"
            )

    @on_fresh_connection
    def read(self, nid: UUID) -> tuple[Any, ...] | None:
        """(version, the columns..., seal) of ``nid``'s row, or None without one."""
        names = ("version", *self.columns, "seal")
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(
                f"SELECT {', '.join(names)} FROM {self.table} WHERE negotiation_id = {self.mark}",
                [str(nid)],
            )
            row = cursor.fetchone()
        return None if row is None else tuple(row[name] for name in names)

    @on_fresh_connection
    def write(self, nid: UUID, version: int, values: Sequence[Any], seal: str) -> None:
        """Writes ``nid``'s row, unless the row kept is of a later version."""
        names = ("negotiation_id", "version", *self.columns, "seal")
        updates = ", ".join(f"{name} = excluded.{name}" for name in names[1:])
        marks = ", ".join([self.mark] * len(names))
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(
                f"INSERT INTO {self.table} ({', '.join(names)}) VALUES ({marks}) "
                f"ON CONFLICT (negotiation_id) DO UPDATE SET {updates} "
                f"WHERE {self.table}.version <= excluded.version",
                [str(nid), version, *values, seal],
            )

    def seal(self, message: bytes) -> str:
        """The HMAC of ``message`` under this table's key (derived once, when first needed)."""
        if self._key is None:
            self._key = sealing_key(self._private_key(), self.context)
        return hmac.new(self._key, self.context + message, hashlib.sha256).hexdigest()


def sealing_key(private_key: Any, context: bytes) -> bytes:
    """A key for sealing what a process keeps in the store, derived from the installation's private
    signing key and what it seals (``context``), so no two kinds of kept row share a key."""
    raw = private_key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return hashlib.sha256(context + raw).digest()


def installation_key(config: Any, datastore: Any) -> Callable[[], Any] | None:
    """How to read this installation's current private key, for a store whose kept rows outlive the
    process (None for the in-memory store, or a datastore without transactions)."""
    if datastore is None or config.get("store") == "memory" or not hasattr(datastore, "transaction"):
        return None
    from tracker.audit.signing import installation_keys

    return installation_keys(config).current
