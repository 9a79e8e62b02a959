"""Axes that read well: a value range with round ticks that takes in every line drawn (targets,
walk-aways and the agreement too), and time labels as fine as the span shown needs, in the reader's
own time zone."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo

NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)


def value_ticks(
    values: Iterable[float | None], *, most: int = 8, floor: float | None = None, least_step: float = 0.0
) -> list[float]:
    """Round ticks from at or below the smallest value to at or above the largest (``floor``: never
    below it, e.g. 0 for money; ``least_step``: no finer, e.g. whole days). One value alone gets a
    little room either side."""
    found = [v for v in values if v is not None and math.isfinite(v)]
    if not found:
        return []
    low, high = min(found), max(found)
    if high == low:
        pad = max(abs(low) * 0.1 if not least_step else 0.0, least_step, 1.0)
        low, high = low - pad, high + pad
    if floor is not None:
        low, high = max(low, floor), max(high, floor + (least_step or 1.0))
    raw = max((high - low) / max(1, most - 1), least_step)
    power = 10 ** math.floor(math.log10(raw))
    step = next(n * power for n in NICE_STEPS if n * power >= raw)
    start = math.floor(low / step) * step
    if floor is not None:
        start = max(start, floor)
    stop = math.ceil(high / step) * step
    count = round((stop - start) / step) + 1
    return [round(start + i * step, 10) for i in range(count)]


def time_format(moments: list[datetime]) -> str:
    """A strftime format fine enough to tell the moments apart, no finer: times within a day, days
    and times within a few days, days within months, months beyond."""
    if not moments:
        return "%d %b"
    span = max(moments) - min(moments)
    same_day = len({m.date() for m in moments}) == 1
    if same_day:
        return "%H:%M"
    if span <= timedelta(days=3):
        return "%a %H:%M"
    if span <= timedelta(days=200) and len({m.year for m in moments}) == 1:
        return "%d %b"
    return "%b %Y"


def time_labels(moments: list[datetime | None], zone: tzinfo) -> list[str]:
    """Each moment (stored in UTC) as the reader's clock shows it, in a format fitting the span."""
    local = [m.astimezone(zone) if m is not None else None for m in moments]
    fmt = time_format([m for m in local if m is not None])
    text = [m.strftime(fmt) if m is not None else "" for m in local]
    return [t[1:] if fmt.startswith("%d") and t.startswith("0") else t for t in text]
