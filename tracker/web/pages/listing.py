"""The negotiations list at ``/``: filter by stage and kind, search by title."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import render_template, request

from tracker.application import NegotiationTracker
from tracker.domain.describe import describe
from tracker.domain.vocabulary import NegotiationKind, Stage
from tracker.web.pages.blueprint import bp, can_read, service


@dataclass(frozen=True)
class Row:
    id: str
    title: str
    kind: str
    stage: str
    version: int
    last_step: str
    last_at: datetime


def negotiation_rows(tracker: NegotiationTracker, stage: str = "", kind: str = "", query: str = "") -> list[Row]:
    """Every negotiation matching the filters, most recently changed first.

    Computed from the event store for now; the projections' ``list_negotiations`` replaces this."""
    rows = []
    needle = query.strip().lower()
    for nid in tracker.negotiation_ids():
        n = tracker.get(nid)
        if (stage and n.stage_value != stage) or (kind and n.kind_value != kind) or \
                (needle and needle not in n.title.lower()):
            continue
        last = next(iter(tracker.events.get(nid, gt=n.version - 1)), None)
        rows.append(Row(str(nid), n.title, n.kind_value, n.stage_value, n.version,
                        describe(n, last) if last is not None else "", n.modified_on))
    rows.sort(key=lambda r: r.last_at, reverse=True)
    return rows


@bp.get("/")
def index():
    stage = request.args.get("stage", "")
    kind = request.args.get("kind", "")
    query = request.args.get("q", "")
    stage = stage if stage in Stage.values() else ""
    kind = kind if kind in NegotiationKind.values() else ""
    rows = [r for r in negotiation_rows(service(), stage, kind, query) if can_read(r.id)]
    return render_template("pages/index.html", rows=rows, stage=stage, kind=kind, query=query,
                           stages=list(Stage), kinds=list(NegotiationKind),
                           filtered=bool(stage or kind or query.strip()))
