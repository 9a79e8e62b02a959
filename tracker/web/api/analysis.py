"""Analysis and coaching in the JSON API: the whole analysis of a negotiation, and its readiness
checklist with hints, now or as of a version or moment, with the user's own exchange rates.

GET /negotiations/{id}/analysis   ``Report.as_dict()`` plus ``latest_version`` (charts only if asked)
GET /negotiations/{id}/readiness  the checklist (a reason for each item) and the hints that apply

Bad query values (a version out of range, a moment before the start, malformed rates) answer 422
with the field named; reports are cached per (negotiation, version) by the pages' report cache.
"""

from __future__ import annotations

from typing import Any

from apispec import APISpec
from flask import Blueprint, jsonify, request
from marshmallow import Schema

from tracker.analysis.report import jsonable
from tracker.web.api import analysis_shapes as shapes
from tracker.web.api import calibration_shapes, drift_shapes, frontier_shapes, ledger_shapes
from tracker.web.pages.analysis.reports import Analysis, load_analysis

SCHEMAS = (
    ledger_shapes.StatementOut,
    ledger_shapes.LedgerRowOut,
    ledger_shapes.ContradictionOut,
    ledger_shapes.LedgerOut,
    drift_shapes.PriorityChangeOut,
    drift_shapes.ScoreThenAndNowOut,
    drift_shapes.DriftOut,
    calibration_shapes.RatedPackageOut,
    calibration_shapes.DisagreementOut,
    calibration_shapes.WeightChangeOut,
    calibration_shapes.CalibrationOut,
    frontier_shapes.DealOut,
    frontier_shapes.ChangeOut,
    frontier_shapes.ImprovementOut,
    frontier_shapes.SuggestionOut,
    frontier_shapes.TradeHintOut,
    frontier_shapes.VerdictOut,
    frontier_shapes.SensitivityOut,
    frontier_shapes.FrontierOut,
    shapes.PackageOut,
    shapes.ValueLineOut,
    shapes.ConvertedTotalOut,
    shapes.PackageValueOut,
    shapes.TermScoreOut,
    shapes.PackageScoreOut,
    shapes.BatnaOut,
    shapes.ParetoRowOut,
    shapes.ParetoOut,
    shapes.ConcessionStepOut,
    shapes.TermConcessionOut,
    shapes.PartyConcessionOut,
    shapes.ConcessionsOut,
    shapes.ChecklistItemOut,
    shapes.HintOut,
    shapes.ReadinessOut,
    shapes.ComparisonColumnOut,
    shapes.ComparisonCellOut,
    shapes.ComparisonRowOut,
    shapes.ComparisonOut,
    shapes.ChartsOut,
    shapes.AnalysisOut,
    shapes.ReadinessAnswerOut,
)


def _load(negotiation_id: str, query: type[Schema]) -> tuple[Analysis, dict[str, Any]]:
    """422 for malformed values before any work; readiness ignores rates (it has no money in it)."""
    loaded = query().load(request.args)
    args = {name: value for name, value in request.args.items() if name in query().fields}
    return load_analysis(negotiation_id, args, charts=bool(loaded.get("include_charts"))), loaded


def _etag(analysis: Analysis) -> dict[str, str]:
    return {"ETag": f'"{analysis.report.version}"'}


def register(bp: Blueprint) -> None:
    @bp.get("/negotiations/<negotiation_id>/analysis")
    def get_analysis(negotiation_id: str):
        analysis, query = _load(negotiation_id, shapes.AnalysisQuery)
        body = analysis.report.as_dict(include_charts=query["include_charts"])
        body["latest_version"] = analysis.as_of.latest_version
        return jsonify(body), 200, _etag(analysis)

    @bp.get("/negotiations/<negotiation_id>/readiness")
    def get_readiness(negotiation_id: str):
        analysis, _ = _load(negotiation_id, shapes.ReadinessQuery)
        readiness = analysis.report.readiness
        body = {
            "negotiation_id": analysis.report.negotiation_id,
            "version": analysis.report.version,
            "latest_version": analysis.as_of.latest_version,
            "total": len(readiness.items),
            **jsonable(readiness),
        }
        return jsonify(body), 200, _etag(analysis)


def document(spec: APISpec, prefix: str, ok: Any) -> None:
    """Adds the analysis schemas and routes to the OpenAPI document (``ok`` builds a 200 answer)."""
    for schema in SCHEMAS:
        spec.components.schema(schema.__name__, schema=schema)
    base = prefix + "/negotiations/{negotiation_id}"
    errors = {"403": "Forbidden", "404": "NotFound", "422": "Unprocessable"}

    def params(query: type[Schema]) -> list[Any]:
        return ["NegotiationId", {"in": "query", "schema": query}]

    spec.path(
        path=base + "/analysis",
        operations={
            "get": {
                "operationId": "get_analysis",
                "tags": ["analysis"],
                "parameters": params(shapes.AnalysisQuery),
                "summary": "The analysis: package values, scores and the BATNA, perspectives and Pareto check, "
                "concessions, readiness, side-by-side comparison (and charts if asked), now or as of "
                "a version or moment",
                "responses": {"200": ok("AnalysisOut"), **errors},
            }
        },
    )
    spec.path(
        path=base + "/readiness",
        operations={
            "get": {
                "operationId": "get_readiness",
                "tags": ["analysis"],
                "parameters": params(shapes.ReadinessQuery),
                "summary": "The readiness checklist (with the reason for each item) and the hints that apply",
                "responses": {"200": ok("ReadinessAnswerOut"), **errors},
            }
        },
    )
