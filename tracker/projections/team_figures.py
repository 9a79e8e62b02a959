"""The team dashboard's figures over time: days spent in each stage (median and 90th percentile), how
many negotiations were in each stage at each month's end, median days to agreement by kind, and
outcomes by month. Each is one SQL aggregation over the team's visibility rows joined to the
stage_spans or negotiations table, so it costs the same whatever the store's size; medians and
percentiles are picked by rank with window functions, which SQLite and PostgreSQL both have.

Months are calendar months in UTC; the current month's "end" is now. Percentiles are nearest-rank
(the value at rank ceil(p * n)); the median of an even count is the mean of the two middle values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from tracker.domain.vocabulary import Stage
from tracker.projections.rows import DAY_US, to_us

MONTHS = 12

#: Ranks kept by a ranked query: the median's one or two middle values, and the 90th percentile's.
RANKS = "rn = (cnt + 1) / 2 OR rn = cnt / 2 + 1 OR rn = (9 * cnt + 9) / 10"


@dataclass(frozen=True)
class StageTime:
    """Days spent in one stage by the team's negotiations. ``current``: the stays not over yet, counted
    up to now; otherwise the stays that ended. ``stays`` counts both a negotiation's first stay and
    its stays after a reopening; ``negotiations`` counts each negotiation once."""

    stage: str
    current: bool
    median_days: float
    p90_days: float
    stays: int
    negotiations: int


@dataclass(frozen=True)
class KindTime:
    """Median days from start to agreement of the team's agreed negotiations of one kind."""

    kind: str
    median_days: float
    negotiations: int


@dataclass(frozen=True)
class TeamFigures:
    """The figures, each series listed month by month (``months``: the first day of each, oldest first)."""

    months: list[date]
    time_in_stage: list[StageTime] = field(default_factory=list)
    stages_by_month: dict[str, list[int]] = field(default_factory=dict)  # stage: count at each month end
    agreement_by_kind: list[KindTime] = field(default_factory=list)
    outcomes_by_month: dict[str, list[int]] = field(default_factory=dict)  # outcome: closed in each month


def month_starts(now: datetime, count: int = MONTHS) -> list[datetime]:
    """The first instants (UTC) of the last ``count`` calendar months, the current one last."""
    now = now.astimezone(UTC)
    year, month = now.year, now.month
    starts = []
    for _ in range(count):
        starts.append(datetime(year, month, 1, tzinfo=UTC))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def _month_ends(ends: list[int]) -> tuple[str, list[int]]:
    """A derived table of one row per month (its index ``i`` and its end ``at``) to join against."""
    selects = " UNION ALL ".join("SELECT CAST(? AS INTEGER) AS i, CAST(? AS BIGINT) AS at" for _ in ends)
    return f"({selects})", [v for i, end in enumerate(ends) for v in (i, end)]


def _median(values: list[float]) -> float:
    return sum(values) / len(values)


def time_in_stage(view: Any, where: str, params: list[Any], now: datetime) -> list[StageTime]:
    at = to_us(now)
    length = "(COALESCE(s.left_at, ?) - s.entered_at)"
    current = "CASE WHEN s.left_at IS NULL THEN 1 ELSE 0 END"
    ranked = view.rows(
        f"SELECT stage, cur, d, rn, cnt FROM (SELECT s.stage AS stage, {current} AS cur, {length} AS d, "
        f"ROW_NUMBER() OVER (PARTITION BY s.stage, {current} ORDER BY {length}) AS rn, "
        f"COUNT(*) OVER (PARTITION BY s.stage, {current}) AS cnt "
        "FROM {visibility} v JOIN {stage_spans} s ON s.negotiation_id = v.negotiation_id "
        f"WHERE {where}) ranked WHERE {RANKS}",
        [at, at, *params],
    )
    counted = view.rows(
        f"SELECT s.stage AS stage, {current} AS cur, COUNT(DISTINCT s.negotiation_id) AS n "
        "FROM {visibility} v JOIN {stage_spans} s ON s.negotiation_id = v.negotiation_id "
        f"WHERE {where} GROUP BY s.stage, {current}",
        params,
    )
    negotiations = {(r["stage"], int(r["cur"])): int(r["n"]) for r in counted}
    picked: dict[tuple[str, int], dict[str, Any]] = {}
    for r in ranked:
        key, rank, count = (r["stage"], int(r["cur"])), int(r["rn"]), int(r["cnt"])
        days = max(0.0, float(r["d"]) / DAY_US)
        entry = picked.setdefault(key, {"middle": [], "p90": None, "count": count})
        if rank in ((count + 1) // 2, count // 2 + 1):
            entry["middle"].append(days)
        if rank == (9 * count + 9) // 10:
            entry["p90"] = days
    order = {stage.value: index for index, stage in enumerate(Stage)}
    return [
        StageTime(
            stage,
            bool(cur),
            _median(entry["middle"]),
            entry["p90"],
            entry["count"],
            negotiations.get((stage, cur), 0),
        )
        for (stage, cur), entry in sorted(
            picked.items(), key=lambda item: (order.get(item[0][0], 99), item[0][1])
        )
    ]


def stages_by_month(
    view: Any, where: str, params: list[Any], now: datetime, starts: list[datetime]
) -> dict[str, list[int]]:
    """How many of the team's negotiations were in each stage at each month's end (now for this month)."""
    ends = [to_us(start) for start in starts[1:]] + [to_us(now) + 1]
    months, month_params = _month_ends(ends)
    found = view.rows(
        "SELECT m.i AS i, s.stage AS stage, COUNT(*) AS n FROM {visibility} v "
        "JOIN {stage_spans} s ON s.negotiation_id = v.negotiation_id "
        f"CROSS JOIN {months} m WHERE {where} AND s.entered_at < m.at "
        "AND (s.left_at IS NULL OR s.left_at >= m.at) GROUP BY m.i, s.stage",
        [*month_params, *params],
    )
    return _series(found, "stage", [s.value for s in Stage], len(starts))


def outcomes_by_month(
    view: Any, where: str, params: list[Any], now: datetime, starts: list[datetime]
) -> dict[str, list[int]]:
    """How many of the team's negotiations closed with each outcome in each month."""
    bounds = [to_us(start) for start in starts] + [to_us(now) + 1]
    buckets = " ".join(f"WHEN n.closed_at < ? THEN {i}" for i in range(len(starts)))
    found = view.rows(
        f"SELECT month AS i, outcome, COUNT(*) AS n FROM (SELECT CASE {buckets} END AS month, "
        "n.outcome AS outcome FROM {visibility} v JOIN {negotiations} n ON n.negotiation_id = v.negotiation_id "
        f"WHERE {where} AND n.outcome IS NOT NULL AND n.closed_at >= ? AND n.closed_at < ?) closed "
        "GROUP BY month, outcome",
        [*bounds[1:], *params, bounds[0], bounds[-1]],
    )
    closed = [s.value for s in Stage if s.is_closed]
    return _series(found, "outcome", closed, len(starts))


def agreement_by_kind(view: Any, where: str, params: list[Any]) -> list[KindTime]:
    """The median days to agreement of each kind of negotiation the team has agreed."""
    ranked = view.rows(
        "SELECT kind, d, rn, cnt FROM (SELECT v.kind AS kind, v.days_to_agreement AS d, "
        "ROW_NUMBER() OVER (PARTITION BY v.kind ORDER BY v.days_to_agreement) AS rn, "
        "COUNT(*) OVER (PARTITION BY v.kind) AS cnt FROM {visibility} v "
        f"WHERE {where} AND v.days_to_agreement IS NOT NULL) ranked "
        "WHERE rn = (cnt + 1) / 2 OR rn = cnt / 2 + 1",
        params,
    )
    middles: dict[str, list[float]] = {}
    counts: dict[str, int] = {}
    for r in ranked:
        middles.setdefault(r["kind"], []).append(float(r["d"]))
        counts[r["kind"]] = int(r["cnt"])
    return [KindTime(kind, _median(values), counts[kind]) for kind, values in sorted(middles.items())]


def _series(found: list[dict[str, Any]], key: str, known: list[str], length: int) -> dict[str, list[int]]:
    """{name: [count per month]} for the names with any count, in the order of ``known``."""
    series: dict[str, list[int]] = {}
    for r in found:
        series.setdefault(r[key], [0] * length)[int(r["i"])] += int(r["n"])
    order = {name: index for index, name in enumerate(known)}
    return dict(sorted(series.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))
