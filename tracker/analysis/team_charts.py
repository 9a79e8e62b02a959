"""The team dashboard's charts (pygal, the conventions of charts.py: inline SVG, no script, role="img",
an aria-label, a viewBox): negotiations in each stage at each month's end, median days to agreement
by kind, outcomes by month, and approvals waiting by approver. Each takes the figures already counted
by the read model (tracker.projections.team_figures) and answers None when there is nothing to draw;
the page shows the same numbers in a table beside each chart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pygal

from tracker.analysis.charts import _chart, _render
from tracker.domain.vocabulary import NegotiationKind, Stage


def _label(value: str, vocabulary: type) -> str:
    try:
        return vocabulary(value).label.capitalize()
    except ValueError:  # a value this code no longer names: shown as stored
        return value


#: Narrower than the analysis charts: two sit side by side on a laptop, and one scales to a phone.
WIDTH, HEIGHT = 640, 420


def _whole(value: float) -> str:
    return f"{value:,.0f}"


def _sized(chart: Any, height: int = HEIGHT) -> Any:
    chart.width, chart.height = WIDTH, height
    return chart


def _count_ticks(series: dict[str, list[int]]) -> list[int]:
    """Whole-number ticks from 0 to at least the tallest stacked bar, at most about eight of them."""
    tallest = max((sum(column) for column in zip(*series.values(), strict=True)), default=0)
    step = max(1, math.ceil(tallest / 8))
    return list(range(0, max(tallest, 1) + step, step))


def _by_month(title: str, label: str, months: Sequence[str], series: dict[str, list[int]]) -> str | None:
    if not any(any(counts) for counts in series.values()):
        return None
    ticks = _count_ticks(series)
    chart = _sized(
        _chart(
            pygal.StackedBar,
            title,
            value_formatter=_whole,
            y_title="Negotiations",
            range=(0, ticks[-1]),
            y_labels=ticks,
        )
    )
    chart.x_labels = list(months)
    chart.x_label_rotation = 40  # twelve month names side by side would run into each other
    for name, counts in series.items():
        chart.add(_label(name, Stage), counts)
    return _render(chart, label)


def stages_chart(months: Sequence[str], series: dict[str, list[int]]) -> str | None:
    """A stacked bar per month: how many negotiations were in each stage at its end."""
    return _by_month(
        "In each stage at each month's end",
        "Negotiations in each stage at the end of each of the last 12 months",
        months,
        series,
    )


def outcomes_chart(months: Sequence[str], series: dict[str, list[int]]) -> str | None:
    """A stacked bar per month: how many negotiations closed with each outcome in it."""
    return _by_month(
        "Closed in each month, by outcome",
        "Negotiations closed in each of the last 12 months, by outcome",
        months,
        series,
    )


def _bars(title: str, label: str, names: list[str], values: list[float], formatter: Any) -> str:
    step = max(1, math.ceil(max(values) / 6))
    ticks = list(range(0, math.ceil(max(values)) + step, step))
    chart = _sized(
        _chart(
            pygal.HorizontalBar,
            title,
            value_formatter=formatter,
            show_legend=False,
            range=(0, ticks[-1]),
            y_labels=ticks,
        ),
        min(HEIGHT, 160 + 60 * len(names)),
    )
    chart.x_labels = names
    chart.add(title, values)
    return _render(chart, label)


def agreement_chart(by_kind: Sequence[tuple[str, float, int]]) -> str | None:
    """A bar per kind of negotiation: the median days from start to agreement ((kind, days, count))."""
    if not by_kind:
        return None
    return _bars(
        "Median days to agreement, by kind",
        "Median days from start to agreement for each kind of negotiation",
        [f"{_label(kind, NegotiationKind)} ({count})" for kind, _, count in by_kind],
        [days for _, days, _ in by_kind],
        lambda v: f"{v:,.1f}",
    )


def approvals_chart(waiting: Sequence[tuple[str, int]]) -> str | None:
    """A bar per approver: how many approvals wait for them. None when none wait (or approvals are not
    recorded yet: the slot the approvals work fills in)."""
    waiting = [(approver, count) for approver, count in waiting if count]
    if not waiting:
        return None
    return _bars(
        "Approvals waiting by approver",
        "Approvals waiting, for each approver",
        [approver for approver, _ in waiting],
        [count for _, count in waiting],
        _whole,
    )
