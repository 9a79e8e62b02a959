"""The materialised view: eventsourcing tracking recorders (SQLite and PostgreSQL) that also hold the
read model's tables, so each batch of rows and its tracking position commit in one transaction.

The SQL is written once (schema.py, ``?`` placeholders); a dialect fills in table names and the
placeholder style. Tracking advances by compare-and-set (``UPDATE ... WHERE notification_id = old``):
when two processes catch up at once, one commits and the other rolls back and re-reads, so no event
is applied twice even though each batch holds many events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from eventsourcing.persistence import InterfaceError, OperationalError
from eventsourcing.sqlite import SQLiteDatastore, SQLiteTrackingRecorder
from eventsourcing.utils import retry

from tracker.projections import schema, visibility
from tracker.projections.dialects import Dialect, SQLiteDialect, marks
from tracker.projections.rows import span_rows as rows_of_spans

_negotiation_columns = itemgetter(*schema.NEGOTIATION_COLUMNS)  # a row's values, in C

#: As the library's recorders do: a connection the database dropped (a restart, a failover) fails
#: its first use; the transaction, rolled back, runs again on a fresh connection.
on_fresh_connection = retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)


class TrackingConflict(Exception):
    """Another process moved this projection's position first; re-read and try again."""


@dataclass
class Changes:
    """What one batch of events does to the read model."""

    negotiations: list[dict[str, Any]] = field(default_factory=list)
    teams: list[tuple[str, str, list[tuple[str, str]]]] = field(default_factory=list)  # id, name, members
    access: list[tuple[str, list[tuple[str, str, str, int]]]] = field(default_factory=list)  # nid, grants
    approvals: list[tuple[str, list[tuple[str, str]]]] = field(
        default_factory=list
    )  # nid, (proposal, approver)


class SummaryViewMixin:
    """Shared by both views: writes batches with their tracking, answers read queries."""

    dialect: Dialect
    datastore: Any

    def view_statements(self) -> list[str]:
        d = self.dialect
        key = ", ".join(d.visibility_key)
        return [
            *(d.sql(statement, visibility_key=key) for statement in schema.CREATE),
            *d.migrations(),
            *(d.sql(statement) for statement in d.visibility_indexes.values()),
        ]

    # -- writing ---------------------------------------------------------------------------------
    def _insert(
        self, c: Any, insert: schema.Insert, rows: Sequence[Sequence[Any]], bulk: bool = False
    ) -> None:
        if rows:
            (self.dialect.load_many if bulk else self.dialect.insert_many)(c, insert, rows)

    def apply(self, key: str, old: int | None, new: int, changes: Changes) -> None:
        """Records ``changes`` and moves ``key``'s position from ``old`` to ``new``, atomically."""
        self.write([(key, old, new)], changes)

    @on_fresh_connection
    def write(
        self,
        advances: Sequence[tuple[str, int | None, int]],
        changes: Changes,
        *,
        reset: Sequence[str] | None = None,
    ) -> None:
        """Records ``changes`` and moves each (key, old, new) position, atomically; with ``reset`` (the
        keys of a rebuild), first empties the view and forgets those positions, in the same transaction.

        The rows and the positions they reach commit together, so the transaction need not wait for
        its commit to reach the disk (``Dialect.relaxed_commit``): a crash can lose only whole
        transactions, and the read model then stands at the positions it lost back to, from which it
        catches up again (the log itself is written by other transactions, durably)."""
        with self.datastore.transaction(commit=True) as c:
            self.dialect.relaxed_commit(c)
            if reset is not None:
                self._clear(c, reset)
            for key, old, new in advances:
                self._advance(c, key, old, new)
            self._write(c, changes, bulk=reset is not None)
            self._update_visibility(c, changes, bulk=reset is not None)

    def _advance(self, c: Any, key: str, old: int | None, new: int) -> None:
        """Compare-and-set of the tracking position; TrackingConflict if someone else moved it."""
        d = self.dialect
        if old is None:
            c.execute(
                d.sql("INSERT INTO {tracking} (application_name, notification_id) VALUES (?, ?)"), (key, new)
            )
            return
        c.execute(
            d.sql(
                "UPDATE {tracking} SET notification_id = ? "
                "WHERE application_name = ? AND notification_id = ? RETURNING notification_id"
            ),
            (new, key, old),
        )
        if c.fetchone() is None:
            raise TrackingConflict(key)

    def _write(self, c: Any, changes: Changes, bulk: bool = False) -> None:
        """Writes the rows; ``bulk``: into tables just emptied (nothing to replace or delete first)."""
        d = self.dialect
        self._insert(
            c,
            schema.NEGOTIATIONS,
            [_negotiation_columns(row) for row in changes.negotiations],
            bulk,
        )
        self._insert(c, schema.TEAMS, [(team_id, name) for team_id, name, _ in changes.teams], bulk)
        if not bulk:
            self._run_among(c, schema.DELETE_MEMBERS, [team_id for team_id, _, _ in changes.teams])
        self._insert(c, schema.MEMBERS, [(t, e, r) for t, _, found in changes.teams for e, r in found], bulk)
        if not bulk:
            self._run_among(c, schema.DELETE_ACCESS, [negotiation_id for negotiation_id, _ in changes.access])
        self._insert(c, schema.ACCESS, [(nid, *g) for nid, found in changes.access for g in found], bulk)
        entering = [row for row in changes.negotiations if row.get("stage_entries")]
        if not bulk:  # the stage each one was in ends when it enters the next
            closing = [(row["stage_entries"][0][1], row["negotiation_id"]) for row in entering]
            if closing:
                d.close_spans(c, closing)
        self._insert(
            c,
            schema.STAGE_SPANS,
            [span for row in entering for span in rows_of_spans(row["negotiation_id"], row["stage_entries"])],
            bulk,
        )
        if not bulk:
            self._run_among(
                c, schema.DELETE_APPROVALS, [negotiation_id for negotiation_id, _ in changes.approvals]
            )
        self._insert(
            c, schema.APPROVALS, [(nid, *w) for nid, found in changes.approvals for w in found], bulk
        )

    def _update_visibility(self, c: Any, changes: Changes, bulk: bool = False) -> None:
        """A new negotiation or a change of sharing recomputes who sees the negotiations concerned; a
        step on a known negotiation only updates the copied columns of its rows. A change of team
        membership changes no visibility row (members are resolved at query time, visibility.py). In
        ``bulk`` (the view emptied in this transaction) every negotiation is new, and the indexes are
        built after the rows (the dialect's visibility_indexes, and its visibility_key where it can)."""
        d = self.dialect
        if bulk:
            for index in d.visibility_indexes:
                c.execute(f"DROP INDEX IF EXISTS {d.qualify(index)}")
            with d.without_key(c, "visibility", d.visibility_key):
                self._insert_visibility(c, None)
            for statement in d.visibility_indexes.values():
                c.execute(d.sql(statement))
            return
        touched = {row["negotiation_id"] for row in changes.negotiations if row.get("new", True)}
        touched.update(negotiation_id for negotiation_id, _ in changes.access)
        moved = [
            row["negotiation_id"] for row in changes.negotiations if row["negotiation_id"] not in touched
        ]
        self._run_among(c, schema.MOVE_VISIBILITY, moved)
        for negotiations in d.among(sorted(touched)):
            self._refresh_visibility(c, negotiations)

    def _run_among(self, c: Any, template: str, keys: Sequence[str]) -> None:
        """Runs ``template`` (its ``IN ({marks})``) for these keys, in the statements the dialect
        makes of them (Dialect.among)."""
        d = self.dialect
        for among, params in d.among(keys):
            c.execute(d.sql(template, marks=among), params)

    def _refresh_visibility(self, c: Any, negotiations: tuple[str, list[Any]]) -> None:
        """Recomputes who sees these negotiations (Dialect.among) from the rows already written in
        this transaction."""
        among, params = negotiations
        c.execute(self.dialect.sql(schema.DELETE_VISIBILITY, marks=among), params)
        self._insert_visibility(c, negotiations)

    def _insert_visibility(self, c: Any, negotiations: tuple[str, list[Any]] | None) -> None:
        for template, parts, params in visibility.statements(self.dialect.upserts_visibility, negotiations):
            c.execute(self.dialect.sql(template, **parts), params)

    @on_fresh_connection
    def upgrade(self) -> None:
        """Brings a view made by an earlier version to this layout, once (run at every start, after
        create_table): visibility rows made with a row per team member (visibility.py) are computed
        again from the view's own rows, in one transaction, the layout row taken in it. A start that
        finds the row only reads it (no write transaction at every start of every worker)."""
        d = self.dialect
        with self.datastore.transaction(commit=False) as c:
            c.execute(d.sql(schema.HAS_LAYOUT), (schema.VISIBILITY_BY_TEAM,))
            if c.fetchone() is not None:
                return
        with self.datastore.transaction(commit=True) as c:
            c.execute(d.sql(schema.CLAIM_LAYOUT), (schema.VISIBILITY_BY_TEAM,))
            if c.fetchone() is None:  # done before, by this process or another
                return
            d.lock(c, "visibility")
            c.execute(d.sql("DELETE FROM {visibility}"))
            self._insert_visibility(c, None)

    def _clear(self, c: Any, keys: Sequence[str]) -> None:
        # The tracking rows first: every writer takes them before the tables' rows (see _advance), so
        # emptying the tables (TRUNCATE on PostgreSQL) never waits for a writer that waits for it.
        c.execute(
            self.dialect.sql(f"DELETE FROM {{tracking}} WHERE application_name IN ({marks(keys)})"),
            list(keys),
        )
        self.dialect.clear(c, schema.TABLES)

    # -- reading ---------------------------------------------------------------------------------
    @on_fresh_connection
    def rows(self, template: str, params: Sequence[Any] = (), **extra: str) -> list[dict[str, Any]]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(self.dialect.sql(template, **extra), tuple(params))
            return [dict(row) for row in c.fetchall()]

    def previous(self, negotiation_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for among, params in self.dialect.among(negotiation_ids):
            found.update(
                (row["negotiation_id"], row) for row in self.rows(schema.SELECT_PREVIOUS, params, marks=among)
            )
        return found

    def explain(self, template: str, params: Sequence[Any] = (), **extra: str) -> str:
        with self.datastore.transaction(commit=False) as c:
            c.execute(self.dialect.explain_prefix + self.dialect.sql(template, **extra), tuple(params))
            return self.dialect.plan_text([dict(row) for row in c.fetchall()])

    def analyze(self) -> None:
        """Refreshes the planner's statistics (after a bulk load)."""
        with self.datastore.transaction(commit=True) as c:
            for table in schema.TABLES:
                c.execute(self.dialect.sql(f"ANALYZE {{{table}}}"))


class SQLiteSummaryView(SummaryViewMixin, SQLiteTrackingRecorder):
    def __init__(self, datastore: SQLiteDatastore, **kwargs: Any) -> None:
        self.dialect = SQLiteDialect()
        super().__init__(datastore, **kwargs)

    def construct_create_table_statements(self) -> list[str]:
        return super().construct_create_table_statements() + self.view_statements()
