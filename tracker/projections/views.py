"""The materialised view: eventsourcing tracking recorders (SQLite and PostgreSQL) that also hold the
read model's tables, so each batch of rows and its tracking position commit in one transaction.

The SQL is written once (schema.py, ``?`` placeholders); a dialect fills in table names and the
placeholder style. Tracking advances by compare-and-set (``UPDATE ... WHERE notification_id = old``):
when two processes catch up at once, one commits and the other rolls back and re-reads, so no event
is applied twice even though each batch holds many events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from eventsourcing.sqlite import SQLiteDatastore, SQLiteTrackingRecorder
from psycopg.sql import SQL

from tracker.projections import schema


class TrackingConflict(Exception):
    """Another process moved this projection's position first; re-read and try again."""


@dataclass
class Changes:
    """What one batch of events does to the read model."""
    negotiations: list[dict[str, Any]] = field(default_factory=list)
    teams: list[tuple[str, str, list[tuple[str, str]]]] = field(default_factory=list)  # id, name, members
    access: list[tuple[str, list[tuple[str, str, str, int]]]] = field(default_factory=list)  # nid, grants


class Dialect:
    placeholder = "?"
    explain_prefix = "EXPLAIN QUERY PLAN "

    def __init__(self, qualify) -> None:
        self.names = {name: qualify(f"read_{name}") for name in schema.TABLES}
        self.tracking = qualify("tracking")

    def sql(self, template: str, **extra: str) -> str:
        text = template.format(tracking=self.tracking, **self.names, **extra)
        return text if self.placeholder == "?" else text.replace("?", self.placeholder)


class SQLiteDialect(Dialect):
    def __init__(self) -> None:
        super().__init__(lambda name: name)

    @staticmethod
    def plan_text(rows: list[dict[str, Any]]) -> str:
        return "\n".join(str(row.get("detail", row)) for row in rows)


class PostgresDialect(Dialect):
    placeholder = "%s"
    explain_prefix = "EXPLAIN "

    def __init__(self, schema_name: str, tracking_table: str) -> None:
        super().__init__(lambda name: f'"{schema_name}"."{name}"')
        self.tracking = f'"{schema_name}"."{tracking_table}"'

    @staticmethod
    def plan_text(rows: list[dict[str, Any]]) -> str:
        return "\n".join(str(next(iter(row.values()))) for row in rows)


class SummaryViewMixin:
    """Shared by both views: writes batches with their tracking, answers read queries."""

    dialect: Dialect
    datastore: Any

    def view_statements(self) -> list[str]:
        return [self.dialect.sql(statement) for statement in schema.CREATE]

    # -- writing ---------------------------------------------------------------------------------
    def apply(self, key: str, old: int | None, new: int, changes: Changes) -> None:
        """Records ``changes`` and moves ``key``'s position from ``old`` to ``new``, atomically."""
        d = self.dialect
        with self.datastore.transaction(commit=True) as c:
            if old is None:
                c.execute(d.sql("INSERT INTO {tracking} (application_name, notification_id) VALUES (?, ?)"),
                          (key, new))
            else:
                c.execute(d.sql("UPDATE {tracking} SET notification_id = ? "
                                "WHERE application_name = ? AND notification_id = ? RETURNING notification_id"),
                          (new, key, old))
                if c.fetchone() is None:
                    raise TrackingConflict(key)
            if changes.negotiations:
                c.executemany(d.sql(schema.UPSERT_NEGOTIATION),
                              [tuple(row[col] for col in schema.NEGOTIATION_COLUMNS) for row in changes.negotiations])
            for team_id, name, members in changes.teams:
                c.execute(d.sql(schema.UPSERT_TEAM), (team_id, name))
                c.execute(d.sql(schema.DELETE_MEMBERS), (team_id,))
                if members:
                    c.executemany(d.sql(schema.INSERT_MEMBER), [(team_id, e, r) for e, r in members])
            for negotiation_id, grants in changes.access:
                c.execute(d.sql(schema.DELETE_ACCESS), (negotiation_id,))
                if grants:
                    c.executemany(d.sql(schema.INSERT_ACCESS), [(negotiation_id, *g) for g in grants])

    def reset(self, keys: Iterable[str]) -> None:
        """Empties the read model and forgets the positions (the start of a rebuild)."""
        keys = list(keys)
        with self.datastore.transaction(commit=True) as c:
            for table in schema.TABLES:
                c.execute(self.dialect.sql(f"DELETE FROM {{{table}}}"))
            c.execute(self.dialect.sql(
                f"DELETE FROM {{tracking}} WHERE application_name IN ({', '.join('?' for _ in keys)})"), keys)

    # -- reading ---------------------------------------------------------------------------------
    def rows(self, template: str, params: Sequence[Any] = (), **extra: str) -> list[dict[str, Any]]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(self.dialect.sql(template, **extra), tuple(params))
            return [dict(row) for row in c.fetchall()]

    def previous(self, negotiation_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        if not negotiation_ids:
            return {}
        found = self.rows(schema.SELECT_PREVIOUS, negotiation_ids, marks=", ".join("?" for _ in negotiation_ids))
        return {row["negotiation_id"]: row for row in found}

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


class PostgresSummaryView(SummaryViewMixin, PostgresTrackingRecorder):
    def __init__(self, datastore: PostgresDatastore, *, tracking_table_name: str = "read_model_tracking",
                 **kwargs: Any) -> None:
        super().__init__(datastore, tracking_table_name=tracking_table_name, **kwargs)
        self.dialect = PostgresDialect(self.datastore.schema, self.tracking_table_name)
        self.sql_create_statements.extend(SQL(statement) for statement in self.view_statements())
