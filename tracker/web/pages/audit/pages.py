"""Audit pages: compare two packages term by term, download the record (JSON event stream with its
digests) and the timeline (CSV, with the page's filters), and import an exported negotiation.

The negotiation page's audit parts (as of, filters, badge) are built in ``audit.view``.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Response, flash, redirect, render_template, request, url_for
from marshmallow import ValidationError

from tracker.audit import AlreadyStored, ImportRefused, StoreUnreadable, import_file
from tracker.audit.exporting import export_negotiation, timeline_csv
from tracker.audit.reads import read_as_of, read_comparison, replayable
from tracker.domain.compare import BETTER, NEUTRAL, SAME, WORSE
from tracker.domain.errors import InvalidValue
from tracker.domain.view import NegotiationView
from tracker.domain.wording import plural
from tracker.schemas.audit import AsOfQuery
from tracker.web.identity import current_actor, export_keys, importer, require_access
from tracker.web.pages.audit.view import build_view, page_query
from tracker.web.pages.blueprint import bp, service
from tracker.web.pages.steps.formdata import flat_errors

MOVES = {"up": "↑ up", "down": "↓ down", "same": "no change", "changed": "changed"}


@bp.errorhandler(StoreUnreadable)
def unreadable(error: StoreUnreadable):
    return render_template(
        "pages/error.html", code=503, title="The record cannot be read", message=error.message
    ), 503


def verdict_text(row: Any) -> str:
    if row.verdict == BETTER:
        return "Better for you"
    if row.verdict == WORSE:
        return "Worse for you"
    if row.direction == SAME:
        return "No change"
    if row.base is None or row.other is None:
        return "Not in both"
    return "Neither better nor worse"


def short_label(negotiation: NegotiationView, ref: str) -> str:
    """A column heading for a package: "#2 · Alex Morgan", "Targets", "Offer from Contoso"."""
    if ref in ("targets", "walk_away"):
        return "Your targets" if ref == "targets" else "Your walk-away points"
    proposal = negotiation.proposals.get(ref)
    if proposal is not None:
        party = negotiation.parties.get(proposal.from_party)
        return f"#{negotiation.proposal_number(ref)} · {party.name if party else proposal.from_party}"
    alternative = negotiation.alternatives.get(ref)
    return alternative.label if alternative is not None else ref


def package_choices(negotiation: NegotiationView) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group, [(ref, label)]) for the picker: proposals, alternatives, the owner's own limits."""
    proposals = [
        (p.proposal_id, f"{short_label(negotiation, p.proposal_id)}, step {p.made_version}, {p.status_label}")
        for p in negotiation.proposals_in_order()
    ]
    alternatives = [(a.alternative_id, a.label) for a in negotiation.alternatives.values()]
    priorities = negotiation.owner_priorities().values()
    own = [
        (ref, label)
        for ref, label, attr in (
            ("targets", "My targets", "target"),
            ("walk_away", "My walk-away points", "walk_away"),
        )
        if any(getattr(p, attr) is not None for p in priorities)
    ]
    return [
        (g, items)
        for g, items in (("Proposals", proposals), ("Alternatives", alternatives), ("Mine", own))
        if items
    ]


@bp.get("/negotiations/<nid>/compare")
def compare(nid: str):
    require_access(nid, "read")
    errors: dict[str, list[str]] = {}
    raw = page_query(request.args, errors)
    try:
        query = AsOfQuery().load(raw)
    except ValidationError as error:
        errors.update(flat_errors(error.messages))
        query = {}
    try:
        as_of = read_as_of(service(), nid, query)
    except InvalidValue as error:
        errors[error.field or "as_of"] = [error.message]
        as_of = read_as_of(service(), nid, {})
    base, other = raw.get("base", ""), raw.get("other", "")
    comparison = None
    if base and other:
        try:
            as_of, comparison = read_comparison(service(), nid, base, other, {}, as_of)
        except InvalidValue as error:
            errors[error.field or "other"] = [error.message]
    elif base or other:
        errors["other" if base else "base"] = ["Pick a second package to compare with."]
    negotiation = as_of.negotiation
    proposals = negotiation.proposals_in_order()
    if not base and not other and len(proposals) >= 2:  # preselect the last two proposals
        base, other = proposals[-2].proposal_id, proposals[-1].proposal_id
    return render_template(
        "audit/compare.html",
        n=negotiation,
        nid=str(negotiation.id),
        as_of=as_of,
        past=bool(query.get("as_of_version") or query.get("as_of")) and not as_of.is_latest,
        base=base,
        other=other,
        comparison=comparison,
        errors=errors,
        choices=package_choices(negotiation),
        moves=MOVES,
        verdict_text=verdict_text,
        short=lambda ref: short_label(negotiation, ref),
        NEUTRAL=NEUTRAL,
    ), 422 if errors else 200


@bp.get("/negotiations/<nid>/export.json")
def export_json(nid: str):
    require_access(nid, "read")
    with replayable(service(), nid):
        document = export_negotiation(service(), nid, export_keys())
    name = f"negotiation-{document['negotiation_id']}-v{document['version']}.json"
    return Response(
        json.dumps(document, ensure_ascii=False, indent=1),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/negotiations/<nid>/timeline.csv")
def export_timeline_csv(nid: str):
    view = build_view(service(), nid, request.args)
    if view.errors:
        message = " ".join(m for messages in view.errors.values() for m in messages)
        return render_template(
            "pages/error.html", code=422, title="These filters cannot be used", message=message
        ), 422
    name = f"negotiation-{view.nid}-timeline{'-filtered' if view.filtered else ''}.csv"
    return Response(
        timeline_csv(service(), view.nid, view.timeline.entries),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.route("/negotiations/import", methods=["GET", "POST"])
def import_negotiation_page():
    if request.method == "GET":
        return render_template("audit/import.html", error="")
    actor = current_actor()
    upload = request.files.get("file")
    if not actor:
        return render_template("audit/import.html", error="Sign in to import a negotiation."), 403
    if upload is None or not upload.filename:
        return render_template("audit/import.html", error="Choose an export file (.json) to import."), 422
    try:
        result = import_file(service(), upload.read(), **importer())
    except AlreadyStored as error:
        return render_template("audit/import.html", error=error.message), 409
    except ImportRefused as error:
        return render_template("audit/import.html", error=error.message), 422
    flash(
        f"Imported “{result.title}”: {plural(result.events - 1, 'event')}, hash chain verified. "
        + result.origin.sentence,
        "success" if result.origin.proven else "warning",
    )
    return redirect(url_for("pages.negotiation", nid=str(result.negotiation_id)))
