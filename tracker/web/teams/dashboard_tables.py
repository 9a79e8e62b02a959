"""The team dashboard's figures and lists as tables: each is shown on the page (beside its chart, so
the numbers read without the picture) and downloaded as CSV from the same rows, so the two never
disagree. A table's first cell in each row is that row's heading. CSV cells that a spreadsheet would
run as a formula are neutralised (tracker.audit.exporting.csv_cell); CSV times are UTC, ISO 8601.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from babel.dates import format_date

from tracker.audit.exporting import csv_cell
from tracker.domain.vocabulary import NegotiationKind, OpportunityType, Stage
from tracker.projections import Dashboard
from tracker.projections.filters import Summary
from tracker.projections.team_figures import TeamFigures
from tracker.web.preferences import current_locale

DISPLAY_LOCALE = "en"


@dataclass(frozen=True)
class FigureTable:
    """One table of the dashboard: ``name`` is its id on the page and its CSV's ``table=``."""

    name: str
    caption: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


def label(value: str | None, vocabulary: type | None = None) -> str:
    if not value:
        return ""
    if vocabulary is not None:
        try:
            return vocabulary(value).label.capitalize()
        except ValueError:
            pass
    return value.replace("_", " ")


def month_label(month: date) -> str:
    """ "Mar 2026" in the reader's language."""
    return format_date(month, "MMM y", locale=current_locale() or DISPLAY_LOCALE)


def short_month(month: date) -> str:
    """ "Mar 26": a chart's month label, short enough for twelve side by side."""
    return format_date(month, "MMM yy", locale=current_locale() or DISPLAY_LOCALE)


def days(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def time_in_stage(figures: TeamFigures) -> FigureTable:
    return FigureTable(
        "time-in-stage",
        "Days spent in each stage: stays that ended, and stays still going (counted up to now)",
        ("Stage", "Stays", "Median days", "90th percentile (days)", "Negotiations"),
        [
            (
                label(t.stage, Stage) + (", still there (so far)" if t.current else ""),
                t.stays,
                days(t.median_days),
                days(t.p90_days),
                t.negotiations,
            )
            for t in figures.time_in_stage
        ],
    )


def _by_month(name: str, caption: str, months: list[str], series: dict[str, list[int]]) -> FigureTable:
    names = list(series)
    return FigureTable(
        name,
        caption,
        ("Month", *(label(n, Stage) for n in names)),
        [(month, *(series[n][i] for n in names)) for i, month in enumerate(months)],
    )


def stages_by_month(figures: TeamFigures, months: list[str]) -> FigureTable:
    return _by_month(
        "stages-by-month",
        "Negotiations in each stage at each month's end (the current month: today)",
        months,
        figures.stages_by_month,
    )


def outcomes_by_month(figures: TeamFigures, months: list[str]) -> FigureTable:
    return _by_month(
        "outcomes-by-month",
        "Negotiations closed in each month, by outcome",
        months,
        figures.outcomes_by_month,
    )


def agreement_by_kind(figures: TeamFigures) -> FigureTable:
    return FigureTable(
        "agreement-by-kind",
        "Median days from start to agreement, by kind",
        ("Kind", "Median days to agreement", "Negotiations agreed"),
        [
            (label(k.kind, NegotiationKind), days(k.median_days), k.negotiations)
            for k in figures.agreement_by_kind
        ],
    )


def approvals_waiting(waiting: Sequence[tuple[str, int]]) -> FigureTable:
    return FigureTable(
        "approvals-waiting",
        "Approvals waiting, by approver",
        ("Approver", "Approvals waiting"),
        [(approver, count) for approver, count in waiting if count],
    )


def counts(board: Dashboard) -> FigureTable:
    breakdowns = (
        ("Stage", board.by_stage, Stage),
        ("Kind", board.by_kind, NegotiationKind),
        ("Kind of ask", board.by_opportunity_type, OpportunityType),
        ("Owner", board.by_owner, None),
        ("Outcome", board.outcomes, Stage),
    )
    return FigureTable(
        "counts",
        "Negotiations shared with the team, counted by stage, kind, kind of ask, owner and outcome",
        ("Breakdown", "Value", "Negotiations"),
        [
            (heading, label(value, vocabulary), n)
            for heading, mapping, vocabulary in breakdowns
            for value, n in sorted(mapping.items(), key=lambda item: (-item[1], item[0]))
        ],
    )


def negotiations(name: str, caption: str, items: Sequence[Summary]) -> FigureTable:
    return FigureTable(
        name,
        caption,
        ("Title", "Owner", "Kind", "Stage", "Last step", "Last step at (UTC)", "Negotiation id"),
        [
            (
                s.title,
                s.owner,
                label(s.kind, NegotiationKind),
                label(s.stage, Stage),
                s.last_step_sentence,
                s.last_step_at,
                str(s.negotiation_id),
            )
            for s in items
        ],
    )


def figure_tables(
    board: Dashboard, figures: TeamFigures, approvals: Sequence[tuple[str, int]] = ()
) -> dict[str, FigureTable]:
    """Every table of the dashboard by name, in the page's order."""
    months = [month_label(m) for m in figures.months]
    tables = (
        counts(board),
        time_in_stage(figures),
        stages_by_month(figures, months),
        agreement_by_kind(figures),
        outcomes_by_month(figures, months),
        approvals_waiting(approvals),
        negotiations("stale", f"Stale: no step for {board.stale_after_days} days or more", board.stale),
        negotiations(
            "negotiations",
            "Negotiations shared with the team (this page)",
            board.page.items if board.page else [],
        ),
    )
    return {table.name: table for table in tables}


def as_csv(table: FigureTable) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_cell(c) for c in table.columns])
    writer.writerows([csv_cell(value) for value in row] for row in table.rows)
    return out.getvalue()
