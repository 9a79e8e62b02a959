"""Reading negotiations and starting one: the list, one negotiation (now, at a version, or as of a
version or moment), one proposal. (The timeline is read in ``audit``, with its filters.)"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request, url_for

from tracker.audit.reads import read_as_of, replayable
from tracker.domain.errors import NotFound
from tracker.domain.requests import with_fingerprint
from tracker.projections import Filters
from tracker.projections.readmodel import MAX_WINDOW
from tracker.schemas import NegotiationCreateSchema
from tracker.schemas.output import NegotiationOut, NegotiationSummaryOut, ProposalOut
from tracker.web.api.errors import ApiError
from tracker.web.api.inputs import idempotency_key, json_object, request_fingerprint
from tracker.web.api.shapes import ListQuery, VersionQuery
from tracker.web.api.steps import recorded_event, refuse_other_request
from tracker.web.identity import Forbidden, current_actor, list_scope, require_access

#: A new negotiation has no version yet, so its body takes no expected_version.
CREATE_SCHEMA = NegotiationCreateSchema(exclude=("expected_version",))
CREATE_SCHEMA.blank_means_missing = False


def tracker():
    return current_app.extensions["tracker"]


def etag(version: int) -> dict[str, str]:
    return {"ETag": f'"{version}"'}


def register(bp: Blueprint) -> None:
    @bp.post("/negotiations")
    def start_negotiation():
        loaded = CREATE_SCHEMA.load(json_object())
        key = idempotency_key(loaded.pop("request_id", None))
        request_id = with_fingerprint(key, request_fingerprint()) if key else None
        result = tracker().start(actor=current_actor(), request_id=request_id, **loaded)
        negotiation = tracker().get(result.negotiation_id)
        headers = {
            **etag(negotiation.version),
            "Location": url_for(".get_negotiation", negotiation_id=str(negotiation.id)),
        }
        if result.duplicate:
            assert request_id is not None
            refuse_other_request(recorded_event(tracker(), negotiation, request_id).request_id, request_id)
            headers["Idempotent-Replayed"] = "true"
        return jsonify(NegotiationOut().dump(negotiation)), 201, headers

    @bp.get("/negotiations")
    def list_negotiations():
        """From the read model (caught up first): what the caller may see, most recently changed first."""
        query = ListQuery().load(request.args)
        filters = Filters(
            stage=(query["stage"],) if query["stage"] else (),
            kind=(query["kind"],) if query["kind"] else (),
            search=query["q"] or None,
        )
        read_model = current_app.extensions["people"].read_model
        if "access_check" in current_app.extensions:  # a test standing in for the access policy
            rows, _ = read_model.list_window(filters, 0, MAX_WINDOW, visible_to=list_scope())
            rows = [row for row in rows if _readable(row.negotiation_id)]
            total, rows = len(rows), rows[query["offset"] : query["offset"] + query["limit"]]
        else:
            rows, total = read_model.list_window(
                filters, query["offset"], query["limit"], visible_to=list_scope()
            )
        return jsonify(
            negotiations=NegotiationSummaryOut(many=True).dump([summary_fields(row) for row in rows]),
            total=total,
            limit=query["limit"],
            offset=query["offset"],
        )

    @bp.get("/negotiations/<negotiation_id>")
    def get_negotiation(negotiation_id: str):
        require_access(negotiation_id, "read")
        query = VersionQuery().load(request.args)
        if query["as_of_version"] is not None or query["as_of"] is not None:  # 422 when out of range
            negotiation = read_as_of(tracker(), negotiation_id, query).negotiation
            return jsonify(NegotiationOut().dump(negotiation)), 200, etag(negotiation.version)
        with replayable(tracker(), negotiation_id):  # an event deleted in the database: 503
            negotiation = tracker().get(negotiation_id)
        version = query["version"]
        if version is not None and version != negotiation.version:
            if version > negotiation.version:
                raise ApiError(
                    404,
                    f"This negotiation has no version {version} yet "
                    f"(it is at version {negotiation.version}).",
                )
            negotiation = tracker().get(negotiation_id, version=version)
        return jsonify(NegotiationOut().dump(negotiation)), 200, etag(negotiation.version)

    @bp.get("/negotiations/<negotiation_id>/proposals/<proposal_id>")
    def get_proposal(negotiation_id: str, proposal_id: str):
        require_access(negotiation_id, "read")
        negotiation = tracker().get(negotiation_id)
        proposal = negotiation.proposals.get(proposal_id)
        if proposal is None:
            raise ApiError(404, f"There is no proposal '{proposal_id}' in this negotiation.")
        return jsonify(ProposalOut().dump(proposal)), 200, etag(negotiation.version)


def _readable(negotiation_id) -> bool:
    try:
        require_access(negotiation_id, "read")
    except (NotFound, Forbidden):
        return False
    return True


def summary_fields(row) -> dict:
    """A read-model row in the shape of NegotiationSummaryOut (the same fields as a negotiation's)."""
    return {
        "id": row.negotiation_id,
        "version": row.version,
        "stage_value": row.stage,
        "title": row.title,
        "kind_value": row.kind,
        "opportunity_type_value": row.opportunity_type,
        "owner": row.owner,
        "created_on": row.created_at,
        "modified_on": row.last_step_at,
    }
