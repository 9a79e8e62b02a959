"""The analysis panels on the negotiation page (its ``panels`` block): readiness, scores against the
best alternative, concessions and the dance chart, compactly, with links to the full pages.

Templates call ``analysis_panel(n, stated)`` with the negotiation state the page shows (the latest, or
a past one when the page is "as of" a version or moment; a past state is judged at its own moment) and
the ledger of its stated figures, which the page works out for the timeline's flags anyway.

The scores card lists the latest proposals (``PANEL_PROPOSALS``) and every alternative, so the page
costs the same after a thousand proposals as after ten; the analysis page lists them all.
"""

from __future__ import annotations

from typing import Any

from flask import request

from tracker.analysis.ledger import Ledger, ledger
from tracker.domain.errors import InvalidValue
from tracker.domain.view import NegotiationView
from tracker.web.pages.analysis.reports import AnalysisQuery, dance_for, history_for, parse_query, report_for
from tracker.web.pages.blueprint import bp, service

PANEL_PROPOSALS = 10


def _query() -> AnalysisQuery:
    """The page's own rates if they are valid (the full analysis page explains bad ones)."""
    try:
        query = parse_query(request.args)
    except InvalidValue:
        return AnalysisQuery()
    return AnalysisQuery(rates=query.rates, convert_to=query.convert_to)


def _is_latest(n: NegotiationView) -> bool:
    if not (request.args.get("as_of_version") or request.args.get("as_of")):
        return True
    return service().get(n.id).version == n.version


@bp.app_template_global("analysis_panel")
def analysis_panel(n: NegotiationView, stated: Ledger | None = None) -> dict[str, Any]:
    """What the panels show: the report's glance (without the term charts, the Pareto check, the
    win-win frontier and the calibration, which the panels do not show), the ledger of ``n``'s stated
    figures (``stated``, else worked out here), the dance chart, and the arguments to carry on links."""
    latest = _is_latest(n)
    query = _query()
    report = report_for(n, latest=latest, query=query, charts=False, glance=True)
    if stated is None:
        stated = report.ledger if report.ledger is not None else ledger(n, history_for(n).statements)
    args = {"as_of_version": str(n.version)} if not latest else {}
    if query.rates:
        args.update(rates=query.rates_text, convert_to=query.convert_to or "")
    elif query.convert_to:
        args["convert_to"] = query.convert_to
    shown, earlier = shortlist(report.packages)
    return {
        "report": report,
        "ledger": stated,
        "dance": dance_for(n, report),
        "args": args,
        "latest": latest,
        "packages": shown,
        "earlier": earlier,
    }


def shortlist(packages: list[Any], proposals: int = PANEL_PROPOSALS) -> tuple[list[Any], int]:
    """The packages the scores card lists (the latest proposals, then every alternative) and how
    many earlier proposals it leaves to the analysis page."""
    made = [p for p in packages if p.kind == "proposal"]
    kept = made[-proposals:] if proposals else []
    return kept + [p for p in packages if p.kind != "proposal"], len(made) - len(kept)
