"""The negotiations list at ``/``: the negotiations the signed-in person may see (their own, and those
shared with them or their teams), filtered by stage and kind, searched by title, a page at a time.

Served from the read model (tracker.projections), which catches up with the event store first, so
a negotiation started a moment ago is listed and a revoked one is gone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app, render_template, request

from tracker.domain.vocabulary import NegotiationKind, Stage
from tracker.projections import Filters, Page
from tracker.web.identity import list_scope, people
from tracker.web.pages.blueprint import bp, can_read

PER_PAGE = 50


@dataclass(frozen=True)
class Row:
    id: str
    title: str
    kind: str
    stage: str
    version: int
    last_step: str
    last_at: datetime
    owner: str
    role: str | None


def negotiation_rows(
    visible_to: str | None,
    stage: str = "",
    kind: str = "",
    query: str = "",
    page: int = 1,
    per_page: int = PER_PAGE,
) -> tuple[list[Row], Page]:
    """One page of the negotiations ``visible_to`` may see, most recently changed first."""
    filters = Filters(
        stage=(stage,) if stage else (), kind=(kind,) if kind else (), search=query.strip() or None
    )
    found = people().read_model.list_negotiations(filters, page, per_page, visible_to=visible_to)
    rows = [
        Row(
            str(s.negotiation_id),
            s.title,
            s.kind,
            s.stage,
            s.version,
            s.last_step_sentence,
            s.last_step_at,
            s.owner,
            s.role,
        )
        for s in found.items
    ]
    return rows, found


@bp.get("/")
def index():
    stage = request.args.get("stage", "")
    kind = request.args.get("kind", "")
    query = request.args.get("q", "")[:100]
    stage = stage if stage in Stage.values() else ""
    kind = kind if kind in NegotiationKind.values() else ""
    page = max(1, request.args.get("page", 1, type=int) or 1)
    rows, found = negotiation_rows(list_scope(), stage, kind, query, page)
    if "access_check" in current_app.extensions:  # a test standing in for the access policy
        rows = [r for r in rows if can_read(r.id)]
    return render_template(
        "pages/index.html",
        rows=rows,
        stage=stage,
        kind=kind,
        query=query,
        stages=list(Stage),
        kinds=list(NegotiationKind),
        found=found,
        filtered=bool(stage or kind or query.strip()),
    )
