"""The negotiation page: a summary (stage, parties by side, terms with priorities and positions, open
proposals, time in each stage, the pay band for those who may see it), the steps one can log, then the
timeline of every event, oldest or newest first, a page at a time (paging.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import render_template, request

from tracker.analysis.ledger import ledger
from tracker.domain.stage_time import StageSpan, stage_spans
from tracker.domain.view import NegotiationView
from tracker.domain.vocabulary import Side
from tracker.schemas.steps import menu
from tracker.teams.band_view import band_readings
from tracker.web.identity import current_user, people
from tracker.web.pages.analysis.reports import history_for
from tracker.web.pages.audit.view import build_view
from tracker.web.pages.blueprint import bp, service
from tracker.web.pages.negotiations.paging import paged
from tracker.web.pages.steps.bargaining_forms import WHEN_CLOSED
from tracker.web.pages.steps.preconditions import Missing, missing

#: The step menu: (group title, ((command, label), ...)), from the step registry.
STEP_GROUPS = tuple((group, tuple((s.command, s.label) for s in steps)) for group, steps in menu())
SIDE_ORDER = [s.value for s in Side]


def step_groups(negotiation: NegotiationView) -> list[tuple[str, list[tuple[str, str, Missing | None]]]]:
    """The steps worth offering now (only lessons and reopening once it is closed), each with what it
    still needs (preconditions.py): the menu shows such a step as not yet available, and why."""
    closed = negotiation.stage.is_closed
    groups = []
    for title, steps in STEP_GROUPS:
        shown = [
            (c, label, missing(c, negotiation))
            for c, label in steps
            if (c in WHEN_CLOSED) == closed or c == "record_lessons"
        ]
        if shown:
            groups.append((title, shown))
    return groups


def summary(negotiation: NegotiationView) -> dict[str, Any]:
    sides: dict[str, list] = {}
    for party in negotiation.parties.values():
        sides.setdefault(party.side, []).append(party)
    positions = negotiation.latest_positions()
    owner = negotiation.owner_priorities()
    terms = [
        {
            "spec": spec,
            "priority": owner.get(key),
            "positions": {pid: values.get(key) for pid, values in positions.items()},
        }
        for key, spec in negotiation.terms.items()
    ]
    return {
        "sides": sorted(sides.items(), key=lambda kv: SIDE_ORDER.index(kv[0]) if kv[0] in SIDE_ORDER else 99),
        "terms": terms,
        "position_parties": [negotiation.parties[pid] for pid in positions if pid in negotiation.parties],
        "open_proposals": [p for p in negotiation.proposals_in_order() if p.is_open],
    }


def time_in_stage(audit: Any) -> tuple[list[StageSpan], datetime]:
    """The negotiation's stays in each stage, and the moment the current one counts up to. Now: from
    the read model (one indexed read, where a page must not decode the whole history); as of an
    earlier version: from the events up to it, counted up to the moment shown."""
    n = audit.negotiation
    if not audit.past:
        read_model = people().read_model
        return read_model.stage_spans(n.id), read_model.clock()
    return stage_spans(
        service().events.get(n.id, lte=n.version)
    ), audit.as_of.moment or audit.as_of.recorded_at


@bp.get("/negotiations/<nid>")
def negotiation(nid: str):
    order = "newest" if request.args.get("order") == "newest" else "oldest"
    # access, as of a version or moment, filters, badge; a page of the timeline
    audit, pager = paged(lambda part: build_view(service(), nid, request.args, part), order)
    n = audit.negotiation
    entries = list(audit.timeline.entries)
    if order == "newest":
        entries.reverse()
    stated = ledger(n, history_for(n).statements)  # the timeline's flags and the panels' ledger card
    flags = stated.flags()  # stated figures contradicting each other
    spans, until = time_in_stage(audit)
    return render_template(
        "pages/negotiation.html",
        n=n,
        nid=str(n.id),
        entries=entries,
        order=order,
        pager=pager,
        groups=step_groups(n),
        audit=audit,
        flags=flags,
        stated=stated,
        bands=band_readings(people().access, n, current_user(), datetime.now(UTC).date()),
        stage_spans=spans,
        spans_until=until,
        **summary(n),
    ), audit.status
