"""The audit routes of the JSON API: the timeline with filters (JSON or CSV), as of a version or
moment; a comparison of two packages; the hash chain's verdict; export and import.

Bad query values answer 422 naming the parameter; an unknown negotiation 404; a store that cannot
be read (a wrong cipher key) 503; an import that is refused 422, or 409 when the negotiation is
already in this store (nothing is stored either way). The routes are documented in ``audit_doc``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request, url_for

from tracker.audit import AlreadyStored, ImportRefused, import_negotiation
from tracker.audit.exporting import export_negotiation, timeline_csv
from tracker.audit.reads import Part, read_comparison, read_timeline, replayable, verify
from tracker.domain.ids import negotiation_uuid as _uuid
from tracker.schemas.audit import (
    CompareQuery,
    ImportResultOut,
    PackageComparisonOut,
    TimelineFilterQuery,
    TimelineJsonQuery,
    VerifyOut,
    VerifyQuery,
)
from tracker.schemas.output import TimelineEntryOut
from tracker.web.api.errors import ApiError
from tracker.web.api.inputs import json_object
from tracker.web.identity import current_actor, export_keys, importer, require_access


def tracker() -> Any:
    return current_app.extensions["tracker"]


def csv_response(negotiation_id: str, entries: list[Any], version: int) -> Response:
    return Response(
        timeline_csv(tracker(), negotiation_id, entries),
        mimetype="text/csv",
        headers={"ETag": f'"{version}"'},
    )


def register(bp: Blueprint) -> None:
    @bp.get("/negotiations/<negotiation_id>/timeline")
    def get_timeline(negotiation_id: str):
        require_access(negotiation_id, "read")
        query = TimelineJsonQuery().load(request.args)
        part = None
        if query["format"] == "json" and (
            query["limit"] or query["after_version"] or query["before_version"]
        ):
            part = Part(
                after=query["after_version"] or 0,
                before=query["before_version"],
                limit=query["limit"],
                newest=query["order"] == "newest",
            )
        read = read_timeline(tracker(), negotiation_id, query, part=part)
        version = read.as_of.version
        if query["format"] == "csv":
            return csv_response(negotiation_id, read.entries, version)
        entries = list(read.entries)
        if query["order"] == "newest":
            entries.reverse()
        return (
            jsonify(
                negotiation_id=str(read.as_of.negotiation.id),
                version=version,
                latest_version=read.as_of.latest_version,
                total=read.total,
                more=len(entries) < read.count,
                entries=TimelineEntryOut(many=True).dump(entries),
            ),
            200,
            {"ETag": f'"{version}"'},
        )

    @bp.get("/negotiations/<negotiation_id>/timeline.csv")
    def get_timeline_csv(negotiation_id: str):
        require_access(negotiation_id, "read")
        query = TimelineFilterQuery().load(request.args)
        read = read_timeline(tracker(), negotiation_id, query)
        entries = list(reversed(read.entries)) if query["order"] == "newest" else read.entries
        return csv_response(negotiation_id, entries, read.as_of.version)

    @bp.get("/negotiations/<negotiation_id>/compare")
    def compare_packages(negotiation_id: str):
        require_access(negotiation_id, "read")
        query = CompareQuery().load(request.args)
        as_of, comparison = read_comparison(tracker(), negotiation_id, query["base"], query["other"], query)
        body = {
            "negotiation_id": as_of.negotiation.id,
            "version": as_of.version,
            "latest_version": as_of.latest_version,
            "base": {"ref": query["base"], "label": comparison.base_label},
            "other": {"ref": query["other"], "label": comparison.other_label},
            "better": comparison.count("better"),
            "worse": comparison.count("worse"),
            "neutral": comparison.count("neutral"),
            "rows": comparison.rows,
        }
        return jsonify(PackageComparisonOut().dump(body)), 200, {"ETag": f'"{as_of.version}"'}

    @bp.get("/negotiations/<negotiation_id>/verify")
    def verify_negotiation(negotiation_id: str):
        require_access(negotiation_id, "read")
        query = VerifyQuery().load(request.args)
        anchor = (query["head_version"], query["head_digest"]) if query["head_version"] else None
        checked = verify(tracker(), _uuid(negotiation_id), anchor)
        report = checked.report
        head = {"version": checked.head[0], "digest": checked.head[1]} if checked.head else None
        return jsonify(
            VerifyOut().dump(
                {
                    "negotiation_id": report.negotiation_id,
                    "intact": report.intact,
                    "events_checked": report.events_checked,
                    "first_bad_version": report.first_bad_version,
                    "problem": report.problem,
                    "message": checked.message,
                    "head": head,
                }
            )
        )

    @bp.get("/negotiations/<negotiation_id>/export")
    def export_events(negotiation_id: str):
        require_access(negotiation_id, "read")
        with replayable(tracker(), negotiation_id):
            document = export_negotiation(tracker(), negotiation_id, export_keys())
        return jsonify(document), 200, {"ETag": f'"{document["version"]}"'}

    @bp.post("/imports")
    def import_events():
        if not current_actor():  # the identity layer names who is signed in
            raise ApiError(403, "Sign in to import a negotiation.")
        document = json_object()
        try:
            result = import_negotiation(tracker(), document, **importer())
        except AlreadyStored as error:
            raise ApiError(409, error.message) from None
        except ImportRefused as error:
            where = f"events.{error.version}.{error.field}" if error.version and error.field else "_schema"
            raise ApiError(422, error.message, {where: [error.message]}) from None
        location = url_for(".get_negotiation", negotiation_id=str(result.negotiation_id))
        return (
            jsonify(ImportResultOut().dump(result)),
            201,
            {"Location": location, "ETag": f'"{result.events}"'},
        )
