"""HTML pages, by area: negotiations/ (the list, a negotiation and its timeline), steps/ (a form for
every step), analysis/ and audit/.

Works without JavaScript. Domain "not found" answers 404; a read-only user trying to write, 403."""

from __future__ import annotations

from flask import render_template

from tracker.domain.errors import NotFound
from tracker.web.identity import Forbidden
from tracker.web.pages.analysis import filters, pages, panels  # noqa: F401 (routes)
from tracker.web.pages.audit import pages as audit_pages  # noqa: F401 (routes)
from tracker.web.pages.blueprint import bp
from tracker.web.pages.negotiations import display, due, listing, negotiation, sample  # noqa: F401 (routes)
from tracker.web.pages.steps import answers, routes  # noqa: F401 (routes)

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
