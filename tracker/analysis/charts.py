"""Server-rendered SVG charts (pygal): the negotiation dance and each term's positions over time.

The SVG strings embed inline in a page and work offline: no external script (``js=[]``), no XML
declaration, and pygal's inline config ``<script>`` is stripped. Scores and amounts are converted to
float only here, for drawing. Each chart carries ``role="img"`` and an ``aria-label``, and scales with
its container (a ``viewBox``, no fixed size). Withdrawn proposals are not drawn (the title says how
many were left out); value axes take in every line drawn; times are labelled in ``zone``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from datetime import tzinfo
from decimal import Decimal
from html import escape
from typing import Any

import pygal
from pygal.style import Style

from tracker.analysis.axes import time_labels, value_ticks
from tracker.analysis.package_value import term_specs
from tracker.analysis.packages import Package, on_the_table, proposal_packages
from tracker.analysis.pareto import perspective_label
from tracker.analysis.scoring import OWNER, Batna, PackageScore
from tracker.domain.money import format_amount
from tracker.domain.terms import TermSpec
from tracker.domain.view import NegotiationView
from tracker.domain.vocabulary import TermKind

SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)
DASHED = {"width": 3, "dasharray": "10,6"}
DOTTED = {"width": 3, "dasharray": "3,5"}
STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#222",
    foreground_strong="#111",
    foreground_subtle="#666",
    font_family="'DejaVu Sans', 'Segoe UI', Arial, sans-serif",
    title_font_size=18,
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    value_font_size=13,
    tooltip_font_size=13,
    opacity=".9",
    opacity_hover="1",
    stroke_width="3",
    stroke_width_hover="4",
    guide_stroke_color="#e3e3e3",
    major_guide_stroke_color="#c8c8c8",
    guide_stroke_dasharray="1,0",
    major_guide_stroke_dasharray="1,0",
    # Okabe-Ito colour-blind safe palette
    colors=("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999"),
)


def _chart(kind: type, title: str, **config: Any):
    return kind(
        js=[],
        disable_xml_declaration=True,
        style=STYLE,
        title=title,
        width=860,
        height=440,
        legend_at_bottom=True,
        legend_at_bottom_columns=2,
        truncate_legend=-1,
        x_label_rotation=0,
        truncate_label=-1,
        show_minor_x_labels=True,
        dots_size=5,
        margin=20,
        margin_right=60,
        **config,
    )


def _render(chart: Any, label: str) -> str:
    svg = SCRIPT.sub("", chart.render(is_unicode=True))
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)


def _x_labels(negotiation: NegotiationView, packages: list[Package], zone: tzinfo) -> list[str]:
    """ "#3 Dana 14 Mar": the proposal's number, who made it, and when, as fine as the span needs."""
    labels = []
    for package, when in zip(packages, time_labels([p.at for p in packages], zone), strict=True):
        party = negotiation.parties.get(package.party_id)
        name = party.name.split()[0] if party else package.party_id
        labels.append(f"#{package.order} {name} {when}".strip())
    return labels


def _title(title: str, every: list[Package], drawn: list[Package]) -> str:
    left_out = len(every) - len(drawn)
    if not left_out:
        return title
    return f"{title} ({left_out} withdrawn proposal{'s' if left_out > 1 else ''} not shown)"


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def dance_chart(
    negotiation: NegotiationView,
    by_perspective: Mapping[str, Mapping[str, PackageScore]],
    batna: Batna | None = None,
    zone: tzinfo = dt.UTC,
) -> str | None:
    """Each party's proposals on the table scored over time, from every perspective with priorities
    (0-100). None when there is nothing to draw (no proposals or no priorities)."""
    every = proposal_packages(negotiation)
    packages = on_the_table(every)
    if not packages or not by_perspective:
        return None
    title = _title("The negotiation dance: each side's proposals, scored", every, packages)
    chart = _chart(
        pygal.Line,
        title,
        range=(0, 100),
        include_x_axis=True,
        y_title="Score (0-100)",
        y_labels=list(range(0, 101, 10)),
        value_formatter=lambda v: f"{v:.0f}",
    )
    chart.x_labels = _x_labels(negotiation, packages, zone)
    proposers = list(dict.fromkeys(p.party_id for p in packages))
    drawn = 0
    for who, scores in by_perspective.items():
        whose = (
            "your score" if who == OWNER else f"{perspective_label(negotiation, who).split(' (')[0]}'s score"
        )
        for party_id in proposers:
            values = [_num(scores[p.key].score) if p.party_id == party_id else None for p in packages]
            if any(v is not None for v in values):
                name = negotiation.parties[party_id].name
                chart.add(
                    f"{name}'s proposals, {whose}", values, stroke_style=DASHED if who != OWNER else None
                )
                drawn += 1
    if not drawn:
        return None  # priorities set, but on no term these proposals name
    if batna is not None:
        chart.add(
            f"Best alternative: {batna.label} ({batna.display})",
            [float(batna.score)] * len(packages),
            show_dots=False,
            stroke_style=DOTTED,
        )
    return _render(chart, "Negotiation dance: scores of each side's proposals over time")


#: Value axes never go below what a kind can be (no negative money or days); dates step whole days.
AXIS_LIMITS: dict[TermKind, dict[str, Any]] = {
    TermKind.MONEY: {"floor": 0.0},
    TermKind.DAYS: {"floor": 0.0},
    TermKind.PERCENT: {"floor": 0.0},
    TermKind.DATE: {"floor": 1.0, "least_step": 1.0},
}


def _axis(spec: TermSpec):
    if spec.kind is TermKind.DATE:
        last = dt.date.max.toordinal()  # an axis padded past the last date a calendar has
        return lambda v: dt.date.fromordinal(min(last, max(1, round(v)))).isoformat()
    if spec.kind is TermKind.PERCENT:
        return lambda v: f"{v:g}%"
    if spec.kind is TermKind.MONEY:
        return lambda v: format_amount(Decimal(str(round(v, 2))))
    return lambda v: f"{v:,.2f}".rstrip("0").rstrip(".")


def _reference_lines(negotiation: NegotiationView, spec: TermSpec) -> list[tuple[str, float, dict[str, Any]]]:
    """(legend, value, stroke) of each level line: the owner's target and walk-away, the market's
    typical figure if researched, and the agreed value once concluded."""
    lines = []
    priority = negotiation.priorities.get(OWNER, {}).get(spec.key)
    for name, raw in (
        (("Your target", priority.target), ("Your walk-away", priority.walk_away)) if priority else ()
    ):
        if raw is not None:
            lines.append((f"{name}: {spec.display(raw)}", _num(spec.number(raw)), DASHED))
    typical = [r.typical for r in negotiation.research if r.term_key == spec.key and r.typical is not None]
    if typical and spec.kind is not TermKind.DATE:
        label = f"Market typical: {format_amount(typical[-1])} {spec.currency or ''}".rstrip()
        lines.append((label, float(typical[-1]), DOTTED))
    agreed = (getattr(negotiation, "final_terms", None) or {}).get(spec.key)
    if agreed is not None:
        lines.append((f"Agreed: {spec.display(agreed)}", _num(spec.number(agreed)), {"width": 3}))
    return lines


def term_chart(negotiation: NegotiationView, term_key: str, zone: tzinfo = dt.UTC) -> str | None:
    """One numeric term: each party's positions, proposal by proposal (those on the table), with the
    owner's target and walk-away as dashed lines, the typical market figure if researched and the
    agreed value once concluded; the value axis takes in all of them. None if not drawable."""
    spec = term_specs(negotiation).get(term_key)
    if spec is None or spec.kind in (TermKind.CHOICE, TermKind.TEXT, TermKind.BOOLEAN):
        return None
    every = [p for p in proposal_packages(negotiation) if term_key in p.values]
    packages = on_the_table(every)
    if not packages:
        return None
    positions = {
        party_id: [
            _num(spec.number(p.values[term_key])) if p.party_id == party_id else None for p in packages
        ]
        for party_id in dict.fromkeys(p.party_id for p in packages)
    }
    lines = _reference_lines(negotiation, spec)
    ticks = value_ticks(
        [v for row in positions.values() for v in row] + [v for _, v, _ in lines],
        **AXIS_LIMITS.get(spec.kind, {}),
    )
    if not ticks:
        return None
    unit = f" ({spec.currency})" if spec.currency else (f" ({spec.unit})" if spec.unit else "")
    chart = _chart(
        pygal.Line,
        _title(f"{spec.label}{unit}: positions over time", every, packages),
        value_formatter=_axis(spec),
        range=(ticks[0], ticks[-1]),
        y_labels=ticks,
    )
    chart.x_labels = _x_labels(negotiation, packages, zone)
    for party_id, values in positions.items():
        chart.add(negotiation.parties[party_id].name, values)
    for legend, value, stroke in lines:
        chart.add(legend, [value] * len(packages), show_dots=False, stroke_style=stroke)
    return _render(chart, f"{spec.label}: each party's positions over time with target and walk-away")


def term_charts(negotiation: NegotiationView, zone: tzinfo = dt.UTC) -> dict[str, str]:
    """{term key: SVG} for every drawable term on the table, in table order."""
    charts = {key: term_chart(negotiation, key, zone) for key in negotiation.terms}
    return {key: svg for key, svg in charts.items() if svg}
