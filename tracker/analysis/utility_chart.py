"""The utility space as a picture (pygal, the same offline SVG as the other charts): for a pair of
parties, each package as a point (one party's score across, the other's up), the frontier of the
whole space, every proposal on the table in the order made (the dance in utility space), the Nash
and Kalai-Smorodinsky points, and both disagreement lines. Three or more parties: one per pair."""

from __future__ import annotations

from itertools import combinations

import pygal

from tracker.analysis.charts import DASHED, DOTTED, _chart, _render
from tracker.analysis.scoring import OWNER
from tracker.analysis.winwin import WinWin


def utility_charts(result: WinWin) -> dict[str, str]:
    """``"owner/p2"`` -> SVG, for every pair of parties with priorities; none without a frontier."""
    if not result.points:
        return {}
    return {f"{a}/{b}": utility_chart(result, a, b) for a, b in combinations(result.perspectives, 2)}


def whose(result: WinWin, who: str) -> str:
    return "Your" if who == OWNER else f"{result.labels[who]}'s"


def utility_chart(result: WinWin, across: str, up: str) -> str:
    name_x, name_y = whose(result, across), whose(result, up)
    title = f"Every package: {name_x} score across, {name_y} score up (0-100)"
    chart = _chart(
        pygal.XY,
        title,
        range=(0, 100),
        xrange=(0, 100),
        x_title=f"{name_x} score",
        y_title=f"{name_y} score",
        stroke=True,
        show_x_guides=True,
    )
    frontier = sorted((float(d.scores[across]), float(d.scores[up])) for d in result.points)
    chart.add("Frontier: no package beats these for both", frontier, stroke_style={"width": 3})
    dance = [
        {"value": (float(i.scores[across]), float(i.scores[up])), "label": i.label}
        for i in result.improvements
        if across in i.scores and up in i.scores
    ]
    if dance:
        chart.add("Proposals on the table, in order", dance, stroke_style=DASHED)
    for label, deal in (("Nash point", result.nash), ("Kalai-Smorodinsky point", result.kalai)):
        if deal is not None:
            chart.add(
                label, [(float(deal.scores[across]), float(deal.scores[up]))], stroke=False, dots_size=8
            )
    dx, dy = float(result.disagreement[across]), float(result.disagreement[up])
    chart.add(f"{name_x} disagreement point", [(dx, 0), (dx, 100)], stroke_style=DOTTED, show_dots=False)
    chart.add(f"{name_y} disagreement point", [(0, dy), (100, dy)], stroke_style=DOTTED, show_dots=False)
    return _render(chart, title)
