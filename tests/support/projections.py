"""Helpers shared by the tests (moved out of tests/projections/conftest.py, which keeps only fixtures)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tracker.projections import rebuild
from tracker.projections.notifications import TOPIC

NOW = datetime.now(UTC)


def days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def agree(tracker, nid, actor, occurred_at=None):
    tracker.step(nid, "add_term", actor=actor, key="scope", label="Scope", kind="text")
    tracker.step(
        nid,
        "conclude",
        actor=actor,
        outcome="agreed",
        final_terms={"scope": "Platform group"},
        occurred_at=occurred_at,
    )


def count_decoded(monkeypatch, mapper):
    """The names of the events a rebuild decodes with ``mapper``, in order."""
    decoded, real = [], rebuild.event_decoder

    def counting(some_mapper):
        decode = real(some_mapper)
        if some_mapper is not mapper:
            return decode
        return lambda row: decoded.append(row[TOPIC].rsplit(":", 1)[-1]) or decode(row)

    monkeypatch.setattr(rebuild, "event_decoder", counting)
    return decoded


def all_rows(read_model):
    """Every row of the read model, ordered, for comparing two states of it."""
    view = read_model.view
    return {
        table: view.rows(f"SELECT * FROM {{{table}}} ORDER BY 1, 2{', 3' if table == 'stage_spans' else ''}")
        for table in ("negotiations", "access", "teams", "members", "visibility", "stage_spans")
    }
