"""Side by side: the latest proposal and every alternative, term by term, with the owner's scores.

Columns are the latest (not withdrawn) proposal first, then the alternatives in the order logged.
Rows are the terms on the table. In each row the cell(s) with the highest term score are marked
``best``, which shows where each option is strong: the raw material for trades across terms.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from tracker.analysis.package_value import PackageValue, term_specs
from tracker.analysis.packages import Package, alternative_packages, latest_proposal
from tracker.analysis.scoring import Batna, PackageScore
from tracker.domain.view import NegotiationView


@dataclass(frozen=True)
class Column:
    package_key: str
    kind: str  # proposal | alternative
    label: str
    score: Decimal | None
    coverage: Decimal
    totals: dict[str, Decimal]
    is_batna: bool = False
    beats_batna: bool | None = None


@dataclass(frozen=True)
class Cell:
    value: str  # displayed, "-" when the option does not mention the term
    score: Decimal | None
    below_walk_away: bool = False
    best: bool = False


@dataclass(frozen=True)
class Row:
    term_key: str
    label: str
    weight: int | None
    target: str
    walk_away: str
    cells: list[Cell] = field(default_factory=list)  # one per column, same order


@dataclass(frozen=True)
class Comparison:
    columns: list[Column]
    rows: list[Row]


def compare(
    negotiation: NegotiationView,
    scores: Mapping[str, PackageScore],
    values: Mapping[str, PackageValue],
    batna: Batna | None,
) -> Comparison:
    """``scores``/``values`` are the owner's scores and the package values keyed by package key."""
    latest = latest_proposal(negotiation)
    packages: list[Package] = ([latest] if latest else []) + alternative_packages(negotiation)
    columns = []
    for p in packages:
        s = scores.get(p.key)
        columns.append(
            Column(
                p.key,
                p.kind,
                p.label if p.kind == "alternative" else f"Latest proposal {p.label}",
                s.score if s else None,
                s.coverage if s else Decimal(0),
                values[p.key].totals if p.key in values else {},
                batna is not None and batna.package_key == p.key,
                s.beats_batna if s else None,
            )
        )
    specs = term_specs(negotiation)
    mine = negotiation.priorities.get("owner", {})
    rows = []
    for key, spec in negotiation.terms.items():
        priority = mine.get(key)
        cells = []
        for p in packages:
            term = (
                next((t for t in scores[p.key].terms if t.term_key == key), None) if p.key in scores else None
            )
            cells.append(
                Cell(
                    specs[key].display(p.values[key]) if key in p.values else "-",
                    term.score if term else None,
                    bool(term and term.below_walk_away),
                )
            )
        best = max((c.score for c in cells if c.score is not None), default=None)
        if best is not None and sum(1 for c in cells if c.score is not None) > 1:
            cells = [Cell(c.value, c.score, c.below_walk_away, c.score == best) for c in cells]
        rows.append(
            Row(
                key,
                spec.label,
                priority.weight if priority else None,
                spec.display(priority.target) if priority else "-",
                spec.display(priority.walk_away) if priority else "-",
                cells,
            )
        )
    return Comparison(columns, rows)
