"""HTML pages: the negotiations list, a negotiation with its timeline, and a form for every step.

Works without JavaScript. Domain "not found" answers 404; a read-only user trying to write, 403."""

from __future__ import annotations

from flask import render_template

from tracker.domain.errors import NotFound
from tracker.web.identity import Forbidden
from tracker.web.pages import (  # noqa: F401 (routes)  # noqa: F401 (routes)
    analysis_filters,
    analysis_pages,
    analysis_panels,
    answers,
    audit,
    display,
    listing,
    negotiation,
    sample,
    steps,
)
from tracker.web.pages.blueprint import bp

__all__ = ["bp"]


@bp.errorhandler(NotFound)
def not_found(error: NotFound):
    return render_template(
        "pages/error.html", code=404, title="Not found", message=str(error) or "There is nothing here."
    ), 404


@bp.errorhandler(Forbidden)
def forbidden(error: Forbidden):
    return render_template(
        "pages/error.html",
        code=403,
        title="Not allowed",
        message=str(error) or "You may read this negotiation but not change it.",
    ), 403
