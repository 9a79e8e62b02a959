"""One call assembling the whole analysis of a negotiation, from its state alone.

Because it only reads the Negotiation, it works as of any version: pass
``tracker.get(nid, version=N)`` and, for the hints, ``now`` = that version's moment
(``negotiation.modified_on``). ``Report.as_dict()`` is JSON-ready (Decimals as strings, times ISO).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from decimal import Decimal
from typing import Any

from tracker.analysis.calibration import Calibration, calibration
from tracker.analysis.charts import dance_chart, term_charts
from tracker.analysis.comparison import Comparison, compare
from tracker.analysis.concessions import Concessions, concessions
from tracker.analysis.drift import Drift, drift
from tracker.analysis.ledger import Ledger, ledger
from tracker.analysis.package_value import PackageValue, package_values
from tracker.analysis.packages import Package, all_packages, latest_proposal
from tracker.analysis.pareto import ParetoResult, pareto_check, perspective_label, scores_by_perspective
from tracker.analysis.readiness import Readiness, readiness
from tracker.analysis.readings import Readings
from tracker.analysis.scoring import OWNER, Batna, PackageScore, best_alternative, score_packages
from tracker.analysis.sensitivity import with_sensitivity
from tracker.analysis.settings import AnalysisSettings
from tracker.analysis.suggestions import next_moves
from tracker.analysis.winwin import WinWin, win_win
from tracker.domain.view import NegotiationView

GLANCED = ("pareto", "frontier", "calibration", "ledger")  # what a glance leaves out (None)
PROPERTIES = (  # read as a field is (a part worked out when first read is one too: its name without "_")
    "display",
    "dominated",
    "done",
    "done_count",
    "moved_display",
    "proposed_weights",
    "rows",
    "score_moved",
    "sentence",
    "shown",
    "steps",
)


@dataclass(frozen=True)
class Charts:
    dance: str | None  # SVG, None when there is nothing to draw
    terms: dict[str, str]  # term key -> SVG


@dataclass(frozen=True)
class Report:
    negotiation_id: str
    version: int
    packages: list[Package]
    values: Mapping[str, PackageValue]  # package key -> annual value per currency (PackageValues)
    scores: dict[str, PackageScore]  # package key -> the owner's score
    batna: Batna | None
    perspectives: dict[str, dict[str, PackageScore]]  # perspective -> package key -> score
    perspective_labels: dict[str, str]
    pareto: ParetoResult | None  # None in a glance (see ``analyse``), as are frontier, calibration, ledger
    concessions: Concessions
    readiness: Readiness
    comparison: Comparison
    frontier: WinWin | None
    calibration: Calibration | None
    drift: Drift
    ledger: Ledger | None
    charts: Charts | None

    def as_dict(self, include_charts: bool = False) -> dict[str, Any]:
        data = {
            f.name: jsonable(getattr(self, f.name)) for f in dataclasses.fields(self) if f.name != "charts"
        }
        by_package = {i.package_key: i for i in self.frontier.improvements}
        for row in data["pareto"]["rows"]:  # is a better deal for everyone in the whole space?
            found = by_package.get(row["package_key"])
            row["improvable"] = bool(found and found.improvable)
            row["improvement"] = jsonable(found) if found and found.improvable else None
        if include_charts:
            data["charts"] = jsonable(self.charts)
        return data


def analyse(
    negotiation: NegotiationView,
    *,
    now: datetime | None = None,
    settings: AnalysisSettings | None = None,
    config: Mapping[str, Any] | None = None,
    rates: Mapping[str, Any] | None = None,
    convert_to: str | None = None,
    charts: bool = True,
    zone: tzinfo = UTC,
    readings: Readings | None = None,
    glance: bool = False,
) -> Report:
    """Everything for one negotiation. ``settings`` wins over ``config`` (the tracker's config mapping);
    ``rates``/``convert_to`` convert the per-currency totals with the caller's own rates; ``zone`` is
    the reader's time zone, for the charts' time labels; ``readings`` (what the caller read from the
    events: ``history``, the priority steps of tracker.domain.priority_history, and ``statements``, the
    stated figures of tracker.analysis.ledger) give the scores then and now and the ledger. A
    ``glance`` (what the negotiation page's panels show) leaves out the Pareto check, the win-win
    frontier and the calibration, which they do not show, and the ledger, which the page works out
    for its timeline anyway (None); ``completed`` adds them."""
    settings = settings or AnalysisSettings.from_config(config)
    now = now or datetime.now(UTC)
    packages = all_packages(negotiation)
    values = package_values(negotiation, settings, rates=rates, convert_to=convert_to)
    by_perspective = scores_by_perspective(negotiation)
    owner = by_perspective.get(OWNER) or score_packages(negotiation, OWNER, packages)
    batna = best_alternative(packages, owner)
    latest = latest_proposal(negotiation)
    below = owner[latest.key].below_walk_away if latest else []
    return Report(
        negotiation_id=str(negotiation.id),
        version=negotiation.version,
        packages=packages,
        values=values,
        scores=owner,
        batna=batna,
        perspectives=by_perspective,
        perspective_labels={w: perspective_label(negotiation, w) for w in by_perspective},
        concessions=concessions(negotiation),
        readiness=readiness(negotiation, now, settings, below, zone),
        comparison=compare(negotiation, owner, values, batna),
        **(dict.fromkeys(GLANCED) if glance else _rest(negotiation, by_perspective, readings)),
        drift=drift(negotiation, readings.history if readings else None),
        charts=Charts(dance_chart(negotiation, by_perspective, batna, zone), term_charts(negotiation, zone))
        if charts
        else None,
    )


def _rest(
    negotiation: NegotiationView,
    by_perspective: dict[str, dict[str, PackageScore]],
    readings: Readings | None,
) -> dict[str, Any]:
    """What a glance leaves out (``GLANCED``)."""
    return {
        "ledger": ledger(negotiation, readings.statements if readings else None),
        "pareto": pareto_check(negotiation, by_perspective),
        "frontier": with_sensitivity(
            negotiation, next_moves(negotiation, win_win(negotiation, by_perspective))
        ),
        "calibration": calibration(negotiation),
    }


def completed(report: Report, negotiation: NegotiationView, readings: Readings | None = None) -> Report:
    """The whole report of a glance (``analyse(glance=True)``) at the same negotiation state, read
    with the same ``readings``."""
    if report.frontier is not None:
        return report
    if negotiation.version != report.version or str(negotiation.id) != report.negotiation_id:
        raise ValueError("completed: not the negotiation state the report was made from")
    return dataclasses.replace(report, **_rest(negotiation, report.perspectives, readings))


def jsonable(obj: Any) -> Any:
    """Dataclasses -> dicts (with their display properties), Decimal -> str, datetime -> ISO text."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        data = {f.name: jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.name[0] != "_"}
        for name in PROPERTIES:
            if hasattr(type(obj), name):
                data[name] = jsonable(getattr(obj, name))
        return data
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, datetime):
        return obj.isoformat()
    if isinstance(obj, Mapping):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    return obj
