"""PostgreSQL's bulk upsert (dialects.PostgresDialect.insert_many): rows travel as one JSON document,
and each value must come back exactly as the arrays of ``insert_arrays`` bring it (text of any kind,
NULLs, large integers, floats to the last bit), including when it replaces a row; values JSON cannot
carry take the arrays."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

from tests.support.teams import make_world
from tracker.projections import schema

TRICKY = [
    "plain",
    "",
    'quotes " and \\ backslashes \\n',
    "line\nbreak\ttab\r",
    "accents éà, “curly” quotes, 日本語, emoji 🙂",
    "control \x01\x1f",
    "%s and %(name)s and ? and ->> and '",
]


@contextmanager
def opened(config) -> Iterator:
    """A world on ``config``, closed after the block."""
    w = make_world(config)
    try:
        yield w
    finally:
        w.people.close()
        w.tracker.close()


def negotiation(i: int, text: str, days: float | None) -> tuple:
    return (
        f"n-{i}", text, text.lower(), "job_offer", "standard", "agreed", 0, f"o{i}@example.com",
        -(2**62), 2**62, "NoteAdded", text, 1_700_000_000_123_456 + i, "a@example.com",
        2**31 - 1, 0, 3, None if days is None else "agreed", None, 2**53 + 1, days,
    )  # fmt: skip


def table(view) -> list[tuple]:
    with view.datastore.transaction(commit=False) as c:
        c.execute(view.dialect.sql("SELECT * FROM {negotiations} ORDER BY negotiation_id"))
        return [tuple(row.values()) for row in c.fetchall()]


def write(view, how: str, rows: list[tuple]) -> None:
    with view.datastore.transaction(commit=True) as c:
        getattr(view.dialect, how)(c, schema.NEGOTIATIONS, rows)


def test_rows_sent_as_json_are_the_rows_sent_as_arrays(pg_config):
    with opened(pg_config) as w:
        view = w.people.read_model.view
        floats = [None, 0.0, 0.1, 1 / 3, 1e-300, 123456.78901234567, 2.5e15, 5e-324]
        rows = [negotiation(i, TRICKY[i % len(TRICKY)], floats[i % len(floats)]) for i in range(40)]
        write(view, "insert_arrays", rows)
        by_arrays = table(view)
        assert [r[20] for r in by_arrays[:8]] == [rows[i][20] for i in range(8)]  # exact floats
        write(view, "insert_many", [(f"x-{r[0]}", *r[1:]) for r in rows])  # new rows, as JSON
        by_json = table(view)
        assert by_json[40:] == [(f"x-{r[0]}", *r[1:]) for r in by_arrays]
        changed = [(r[0], *r[1:5], "negotiating", 1, *r[7:]) for r in rows]
        write(view, "insert_many", changed)  # the conflict clause replaces each row
        assert table(view)[:40] == [(*r[:5], "negotiating", 1, *r[7:]) for r in by_arrays]


def test_a_value_json_cannot_carry_takes_the_arrays(pg_config, monkeypatch):
    with opened(pg_config) as w:
        view = w.people.read_model.view
        sent = []
        arrays = view.dialect.insert_arrays
        monkeypatch.setattr(view.dialect, "insert_arrays", lambda *a: sent.append(a) or arrays(*a))
        write(view, "insert_many", [negotiation(1, "finite", 1.5)])
        assert sent == []
        write(view, "insert_many", [negotiation(2, "infinite", math.inf)])
        assert len(sent) == 1
        assert [r[20] for r in table(view)] == [1.5, math.inf]


def test_postgres_restricts_a_statement_to_any_number_of_keys_at_once(pg_config):
    with opened(pg_config) as w:
        view = w.people.read_model.view
        keys = [f"n-{i}" for i in range(1000)] + ['odd "quoted" \\ key\'s']
        write(view, "insert_many", [negotiation(i, "text", None) for i in range(1000)])
        write(view, "insert_many", [(keys[-1], *negotiation(0, "odd", None)[1:])])
        assert len(view.dialect.among(keys)) == 1  # one statement, not one per 400 keys
        assert view.dialect.among([]) == []
        assert set(view.previous(keys)) == set(keys)
        assert set(view.previous(keys[-2:])) == set(keys[-2:])


def test_sqlite_binds_each_key_at_most_400_a_statement(sqlite_config):
    with opened(sqlite_config) as w:
        among = w.people.read_model.view.dialect.among([f"k{i}" for i in range(850)])
        assert [len(params) for _, params in among] == [400, 400, 50]
        assert all(sql.count("?") == len(params) for sql, params in among)
