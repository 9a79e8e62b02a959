"""``POST /negotiations/sample``: loads the sample negotiation (``tracker.demo``) for the signed-in
person, so a newcomer with an empty list can see a whole negotiation (parties, terms, proposals, an
agreement and its analysis) before starting their own. The list page offers it only while the
person has no negotiation yet; once loaded it is theirs like any other negotiation."""

from __future__ import annotations

from flask import flash, redirect, url_for

from tracker.demo import load_demo
from tracker.web.identity import current_actor
from tracker.web.pages.blueprint import bp, service


@bp.post("/negotiations/sample")
def load_sample():
    nid = load_demo(service(), actor=current_actor(), their_priorities=True, money_schedules=True)
    flash(
        "The sample negotiation is loaded: a job offer from start to agreement. Look around, then "
        "start your own.",
        "success",
    )
    return redirect(url_for("pages.negotiation", nid=str(nid)), code=303)
