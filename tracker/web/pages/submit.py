"""Showing a step form and handling its submission: validate, record, redirect; or show it again.

Whatever goes wrong, the person's input comes back in the form: beside the field for a bad value,
at the top for a conflict (with the steps logged in the meantime and the new version, so that
submitting again works). A repeated request id (a double-click) stores nothing and counts as done.
"""

from __future__ import annotations

import uuid
from typing import Any, Callable

from flask import flash, redirect, render_template, request
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from tracker.domain.errors import ConflictError, DomainError
from tracker.schemas import domain_errors, load_step
from tracker.web.identity import current_actor
from tracker.web.pages.blueprint import service
from tracker.web.pages.formdata import flat_errors, initial_values, to_nested
from tracker.web.pages.formspec import StepForm
from tracker.web.pages.paging import timeline_url

CONFLICT = ("{error} Someone else logged a step while you were filling in this form; your input is kept "
            "below, ready to submit again.")


def show_form(negotiation: Any, form: StepForm, action: str, values: MultiDict | None = None,
              errors: dict[str, list[str]] | None = None, status: int = 200, notice: str = "",
              changes: list | None = None, expected_version: int | None = None, **extra: Any):
    values = values if values is not None else initial_values(form.defaults)
    errors = errors or {}
    known = form.error_keys()
    general = {k: v for k, v in errors.items() if k not in known}
    request_id = values.get("request_id") or uuid.uuid4().hex
    version = expected_version or (negotiation.version if negotiation is not None else None)
    return render_template("pages/step_form.html", negotiation=negotiation, form=form, action=action,
                           values=values, errors=errors, general_errors=general, notice=notice,
                           changes=changes or [], expected_version=version, request_id=request_id,
                           **extra), status


def submit_step(negotiation: Any, build: Callable[[Any], StepForm], action: str,
                extra_fields: dict[str, Any] | None = None, **page: Any):
    """Handles the POST of a step form for ``negotiation``; ``build`` makes the form for a state of it."""
    nid = negotiation.id
    form = build(negotiation)
    posted = request.form

    def again(**kw: Any):
        return show_form(negotiation, form, action, values=posted, **page, **kw)

    try:
        fields, common = load_step(form.command, to_nested(posted, form.list_fields))
    except ValidationError as error:
        return again(errors=flat_errors(error.messages), status=422)
    try:
        result = service().step(nid, form.command, actor=current_actor(), **common, **fields,
                                **(extra_fields or {}))
    except ConflictError as error:
        changes = service().timeline_page(nid, (error.expected or 0) + 1)
        fresh = service().get(nid)
        return show_form(fresh, build(fresh), action, values=posted, status=409,
                         notice=CONFLICT.format(error=error), changes=changes,
                         expected_version=error.actual, **page)
    except DomainError as error:
        return again(errors=flat_errors(domain_errors(error)), status=422)
    return recorded(nid, result.version, result.duplicate, common.get("request_id"))


def recorded(nid: Any, version: int, duplicate: bool = False, request_id: str | None = None):
    """Post/redirect/get to the new timeline entry."""
    if duplicate:
        version = service().get(nid).seen_request(request_id) or version
        flash("That step was already recorded (it is stored once).", "info")
    else:
        flash(f"Recorded as step #{version}.", "success")
    return redirect(timeline_url(nid, version), code=303)

