"""The two SQL dialects of the read model: table names (schema-qualified on PostgreSQL), placeholders,
bulk inserts, and EXPLAIN. Everything else is the same SQL on both databases."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar

from tracker.projections import schema


def chunks(items: list[str], size: int = 400) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def marks(items: Sequence[Any]) -> str:
    return ", ".join("?" for _ in items)


class Dialect:
    placeholder = "?"
    explain_prefix = "EXPLAIN QUERY PLAN "
    upserts_visibility = True  # visibility.statements: upserts (SQLite) or one grouped INSERT (PostgreSQL)
    visibility_key: tuple[str, ...] = schema.VISIBILITY_KEY
    visibility_indexes: ClassVar[dict[str, str]] = schema.VISIBILITY_INDEXES

    def migrations(self) -> list[str]:
        """Statements that bring a view made by an earlier version to this one (run at every start,
        after the tables are made and before their indexes): the retired indexes are dropped."""
        return [f"DROP INDEX IF EXISTS {self.qualify(name)}" for name in schema.RETIRED_INDEXES]

    def __init__(self, qualify) -> None:
        self.qualify = qualify
        self.names = {name: qualify(f"read_{name}") for name in (*schema.TABLES, "layout")}
        self.tracking = qualify("tracking")

    def sql(self, template: str, **extra: str) -> str:
        text = template.format(tracking=self.tracking, **self.names, **extra)
        return text if self.placeholder == "?" else text.replace("?", self.placeholder)

    def among(self, keys: Sequence[str]) -> list[tuple[str, list[Any]]]:
        """``keys`` as (what goes in a statement's ``IN (...)``, its parameters), a pair a statement:
        here each key is a parameter of its own, so at most ``chunks``' size a statement."""
        return [(marks(chunk), chunk) for chunk in chunks(list(keys))]

    def insert_many(self, c: Any, insert: schema.Insert, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def load_many(self, c: Any, insert: schema.Insert, rows: Sequence[Sequence[Any]]) -> None:
        """Rows into a table emptied in this transaction (no conflicts possible)."""
        self.insert_many(c, insert, rows)

    def close_spans(self, c: Any, closing: Sequence[tuple[int, str]]) -> None:
        """Ends the open stage span of each negotiation at its time: (left_at, negotiation_id) pairs,
        one a negotiation."""
        c.executemany(self.sql(schema.CLOSE_SPAN), closing)

    def lock(self, c: Any, table: str) -> None:
        """Keeps other writers off ``table`` until the current transaction ends, where the database
        locks tables (PostgreSQL); SQLite has one writer at a time already."""

    def relaxed_commit(self, c: Any) -> None:
        """Lets the current transaction commit without waiting for the disk, where the database can
        say so per transaction (PostgreSQL); for the view's own writes only (see views.write)."""

    def clear(self, c: Any, tables: Sequence[str]) -> None:
        for table in tables:
            c.execute(f"DELETE FROM {self.names[table]}")

    @contextmanager
    def without_key(self, c: Any, table: str, columns: Sequence[str]) -> Iterator[None]:
        """While rows go into a table emptied in this transaction: its primary key is dropped and made
        again after them where the database can (PostgreSQL); SQLite keeps it (a table's key is part of it)."""
        yield


class SQLiteDialect(Dialect):
    def __init__(self) -> None:
        super().__init__(lambda name: name)

    def insert_many(self, c: Any, insert: schema.Insert, rows: Sequence[Sequence[Any]]) -> None:
        marks = ", ".join("?" for _ in insert.columns)
        c.executemany(
            f"INSERT INTO {self.names[insert.table]} ({', '.join(insert.names)}) VALUES ({marks}) "
            f"{insert.conflict}",
            rows,
        )

    @staticmethod
    def plan_text(rows: list[dict[str, Any]]) -> str:
        return "\n".join(str(row.get("detail", row)) for row in rows)


class PostgresDialect(Dialect):
    placeholder = "%s"
    explain_prefix = "EXPLAIN "
    upserts_visibility = False
    visibility_key = schema.POSTGRES_VISIBILITY_KEY
    visibility_indexes: ClassVar[dict[str, str]] = {
        name: statement
        for name, statement in schema.VISIBILITY_INDEXES.items()
        if name != "rm_visibility_negotiation"  # the key finds a negotiation's rows
    }

    def __init__(self, schema_name: str, tracking_table: str) -> None:
        super().__init__(lambda name: f'"{schema_name}"."{name}"')
        self.tracking = f'"{schema_name}"."{tracking_table}"'
        self.schema_name = schema_name

    def migrations(self) -> list[str]:
        """A visibility table keyed (principal, negotiation_id) is keyed negotiation first
        (schema.POSTGRES_VISIBILITY_KEY), and its index by negotiation is dropped, as are the retired
        indexes (Dialect.migrations)."""
        table, literal = self.names["visibility"], self.schema_name.replace("'", "''")
        key = ", ".join(self.visibility_key)
        return [
            f"""DO $$ BEGIN
  IF (SELECT array_agg(a.attname::text ORDER BY k.n)
      FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = to_regclass(quote_ident('{literal}') || '.read_visibility') AND i.indisprimary)
     IS DISTINCT FROM ARRAY[{", ".join(f"'{c}'" for c in self.visibility_key)}] THEN
    ALTER TABLE {table} DROP CONSTRAINT IF EXISTS "read_visibility_pkey",
      ADD CONSTRAINT "read_visibility_pkey" PRIMARY KEY ({key});
  END IF;
END $$""",
            f"DROP INDEX IF EXISTS {self.qualify('rm_visibility_negotiation')}",
            *super().migrations(),
        ]

    def among(self, keys: Sequence[str]) -> list[tuple[str, list[Any]]]:
        """Every key in one statement, as one JSON array: a short query text, which psycopg parses
        once and keeps (a long list of placeholders it parses again each time, and the server plans
        again), and one round trip however many keys."""
        return [("SELECT jsonb_array_elements_text(?::jsonb)", [json.dumps(list(keys))])] if keys else []

    def insert_many(self, c: Any, insert: schema.Insert, rows: Sequence[Sequence[Any]]) -> None:
        """One statement for any number of rows, which travel as one JSON array of arrays (made by
        the json module in C, where psycopg adapts an array's items one by one in Python), each
        value cast back to its column's type by the database. Values JSON cannot carry as they are
        (a float that is not finite, a type it does not know) take ``insert_arrays`` instead."""
        try:
            document = json.dumps(rows, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError):
            self.insert_arrays(c, insert, rows)
            return
        values = ", ".join(f"(r->>{i})::{kind}" for i, (_, kind) in enumerate(insert.columns))
        c.execute(
            f"INSERT INTO {self.names[insert.table]} ({', '.join(insert.names)}) "
            f"SELECT {values} FROM jsonb_array_elements(%s::jsonb) r {insert.conflict}",
            [document],
        )

    def insert_arrays(self, c: Any, insert: schema.Insert, rows: Sequence[Sequence[Any]]) -> None:
        """One statement for any number of rows: each column travels as an array."""
        arrays = ", ".join(f"%s::{kind}[]" for _, kind in insert.columns)
        c.execute(
            f"INSERT INTO {self.names[insert.table]} ({', '.join(insert.names)}) "
            f"SELECT * FROM unnest({arrays}) {insert.conflict}",
            [list(column) for column in zip(*rows, strict=False)],
        )

    def load_many(self, c: Any, insert: schema.Insert, rows: Sequence[Sequence[Any]]) -> None:
        """COPY: several times quicker than INSERT for the thousands of rows of a rebuild."""
        with c.copy(f"COPY {self.names[insert.table]} ({', '.join(insert.names)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    @contextmanager
    def without_key(self, c: Any, table: str, columns: Sequence[str]) -> Iterator[None]:
        # The name PostgreSQL gave the key when the table was created ({table}_pkey). Both statements
        # are in the caller's transaction: should adding the key back fail, nothing of it is kept.
        name, qualified = f"read_{table}_pkey", self.names[table]
        c.execute(f'ALTER TABLE {qualified} DROP CONSTRAINT "{name}"')
        yield
        c.execute(f'ALTER TABLE {qualified} ADD CONSTRAINT "{name}" PRIMARY KEY ({", ".join(columns)})')

    def close_spans(self, c: Any, closing: Sequence[tuple[int, str]]) -> None:
        """One statement for every negotiation, the pairs travelling as two arrays (executemany sends
        one statement a negotiation)."""
        times, negotiation_ids = zip(*closing, strict=True)
        c.execute(
            f"UPDATE {self.names['stage_spans']} s SET left_at = u.left_at "
            "FROM unnest(%s::bigint[], %s::text[]) AS u(left_at, negotiation_id) "
            "WHERE s.negotiation_id = u.negotiation_id AND s.left_at IS NULL",
            [list(times), list(negotiation_ids)],
        )

    def lock(self, c: Any, table: str) -> None:
        c.execute(f"LOCK TABLE {self.names[table]} IN SHARE ROW EXCLUSIVE MODE")

    def relaxed_commit(self, c: Any) -> None:
        """``synchronous_commit`` off for this transaction only: its commit returns before the WAL is
        flushed; a crash may lose it whole, never part of it (the database stays consistent)."""
        c.execute("SET LOCAL synchronous_commit = off")

    def clear(self, c: Any, tables: Sequence[str]) -> None:
        """TRUNCATE: no dead rows left behind for the rebuild's inserts to step over."""
        c.execute(f"TRUNCATE {', '.join(self.names[table] for table in tables)}")

    @staticmethod
    def plan_text(rows: list[dict[str, Any]]) -> str:
        return "\n".join(str(next(iter(row.values()))) for row in rows)
