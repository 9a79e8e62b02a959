"""The analysis pages of a negotiation: the full analysis, the charts (also as SVG files), and the
side-by-side comparison. Each takes ``as_of_version`` / ``as_of`` and the user's own ``rates`` /
``convert_to`` (see analysis.reports). Bad rates: the page is shown unconverted with the reason
beside the rates form (422). A bad as-of: a page saying what to change (422)."""

from __future__ import annotations

from typing import Any

from flask import Response, render_template, request

from tracker.analysis.utility_chart import utility_chart, utility_charts
from tracker.domain.errors import InvalidValue, NotFound
from tracker.web.pages.analysis.reports import Analysis, load_analysis
from tracker.web.pages.blueprint import bp

RATE_FIELDS = ("rates", "convert_to")
SVG = "image/svg+xml; charset=utf-8"


def _analysis(nid: str, charts: bool) -> tuple[Analysis, str | None]:
    """The analysis asked for; with bad rates, the unconverted one and the reason."""
    try:
        return load_analysis(nid, request.args, charts=charts), None
    except InvalidValue as error:
        if error.field not in RATE_FIELDS:
            raise
        args = {k: v for k, v in request.args.items() if k not in RATE_FIELDS}
        return load_analysis(nid, args, charts=charts), error.message


def _page(template: str, nid: str, *, charts: bool = False, **context: Any):
    try:
        analysis, rates_error = _analysis(nid, charts)
    except InvalidValue as error:
        return render_template(
            "analysis/problem.html", nid=nid, message=error.message, field=error.field, page=template
        ), 422
    n = analysis.negotiation
    return render_template(
        f"analysis/{template}.html",
        n=n,
        nid=str(n.id),
        a=analysis,
        report=analysis.report,
        query=analysis.query,
        rates_error=rates_error,
        rates_args=request.args,
        page=template,
        **context,
    ), 422 if rates_error else 200


@bp.get("/negotiations/<nid>/analysis")
def analysis(nid: str):
    return _page("analysis", nid, utility_charts=utility_charts)


@bp.get("/negotiations/<nid>/charts")
def charts(nid: str):
    return _page("charts", nid, charts=True)


@bp.get("/negotiations/<nid>/side-by-side")
def side_by_side(nid: str):
    return _page("side_by_side", nid)


def _svg(svg: str) -> Response:
    return Response(
        svg, mimetype="image/svg+xml", headers={"Content-Type": SVG, "Cache-Control": "private, no-cache"}
    )


def _chart_analysis(nid: str) -> Analysis:
    try:
        return load_analysis(nid, request.args, charts=True)
    except InvalidValue as error:
        if error.field in RATE_FIELDS:  # charts show no money totals: rates do not matter here
            args = {k: v for k, v in request.args.items() if k not in RATE_FIELDS}
            return load_analysis(nid, args, charts=True)
        raise


@bp.get("/negotiations/<nid>/charts/dance.svg")
def dance_svg(nid: str):
    try:
        analysis = _chart_analysis(nid)
    except InvalidValue as error:
        return Response(error.message, status=422, mimetype="text/plain")
    svg = analysis.report.charts.dance if analysis.report.charts else None
    if not svg:
        raise NotFound("Nothing to draw yet: the dance needs at least one proposal and your priorities.")
    return _svg(svg)


@bp.get("/negotiations/<nid>/charts/terms/<key>.svg")
def term_svg(nid: str, key: str):
    try:
        analysis = _chart_analysis(nid)
    except InvalidValue as error:
        return Response(error.message, status=422, mimetype="text/plain")
    n = analysis.negotiation
    if key not in n.terms and key not in n.removed_terms:
        raise NotFound(f"There is no term '{key}' in this negotiation.")
    svg = analysis.report.charts.terms.get(key) if analysis.report.charts else None
    if not svg:
        raise NotFound(
            f"Nothing to draw for '{key}': it needs a number and at least one proposal that names it."
        )
    return _svg(svg)


@bp.get("/negotiations/<nid>/charts/utility/<across>/<up>.svg")
def utility_svg(nid: str, across: str, up: str):
    """The utility space of one pair of parties ("owner" or a party id), as an SVG file."""
    try:
        args = {k: v for k, v in request.args.items() if k not in RATE_FIELDS}
        analysis = load_analysis(nid, args, charts=False)
    except InvalidValue as error:
        return Response(error.message, status=422, mimetype="text/plain")
    result = analysis.report.frontier
    if across not in result.perspectives or up not in result.perspectives or across == up:
        raise NotFound("Pick two different parties whose priorities are entered.")
    if not result.points:
        raise NotFound("Nothing to draw yet: " + result.summary)
    return _svg(utility_chart(result, across, up))
