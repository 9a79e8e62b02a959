"""Showing a step form and handling its submission: validate, record, redirect; or show it again.

Every problem is shown at once: the numbers that cannot be read (in the person's locale), the
schema's errors, and the domain's refusals of what could be read (found by trying the step on a
copy, nothing stored), each beside its field. Whatever goes wrong, the person's input comes back
in the form: beside the field for a bad value,
at the top for a conflict (with the steps logged in the meantime and the new version, so that
submitting again works). A repeated request id (a double-click) stores nothing and counts as done.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any
from uuid import UUID

from flask import flash, redirect, render_template, request
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from tracker.domain.errors import ConflictError, DomainError, Refusals
from tracker.domain.view import NegotiationView
from tracker.schemas import COMMON, domain_errors, load_step, split_common, step_schema
from tracker.web.identity import current_actor
from tracker.web.pages.blueprint import service
from tracker.web.pages.negotiations.paging import timeline_url
from tracker.web.pages.steps.formdata import flat_errors, initial_values, to_nested
from tracker.web.pages.steps.formspec import StepForm
from tracker.web.pages.steps.number_inputs import read_numbers, zero_notices
from tracker.web.pages.steps.time_inputs import read_times
from tracker.web.preferences import current_locale, current_time_zone

CONFLICT = (
    "{error} Someone else logged a step while you were filling in this form; your input is kept "
    "below, ready to submit again."
)


def show_form(
    negotiation: NegotiationView | None,
    form: StepForm,
    action: str,
    values: MultiDict | None = None,
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
    notice: str = "",
    changes: list | None = None,
    expected_version: int | None = None,
    **extra: Any,
):
    values = values if values is not None else initial_values(form.defaults)
    errors = errors or {}
    known = form.error_keys()
    general = {k: v for k, v in errors.items() if k not in known}
    request_id = values.get("request_id") or uuid.uuid4().hex
    version = expected_version or (negotiation.version if negotiation is not None else None)
    return render_template(
        "pages/step_form.html",
        negotiation=negotiation,
        form=form,
        action=action,
        values=values,
        errors=errors,
        general_errors=general,
        notice=notice,
        field_labels=form.labels(),
        changes=changes or [],
        expected_version=version,
        request_id=request_id,
        **extra,
    ), status


def submit_step(
    negotiation: NegotiationView,
    build: Callable[[NegotiationView], StepForm],
    action: str,
    extra_fields: dict[str, Any] | None = None,
    **page: Any,
):
    """Handles the POST of a step form for ``negotiation``; ``build`` makes the form for a state of it."""
    nid = negotiation.id
    form = build(negotiation)
    posted = request.form

    def again(**kw: Any):
        return show_form(negotiation, form, action, values=posted, **page, **kw)

    values, errors = read_numbers(form, posted, current_locale())
    values, time_errors = read_times(values, current_time_zone())
    errors = merged(errors, time_errors)
    try:
        fields, common = load_step(form.command, to_nested(values, form.list_fields))
    except ValidationError as error:
        errors = merged(errors, flat_errors(error.messages))
        fields, common = split_common(dict(error.valid_data or {}))
    if errors:
        fields.update(extra_fields or {})
        missing = {
            name: None
            for name in step_schema(form.command).fields
            if name not in fields and name not in COMMON
        }
        refusals = service().refusals(
            nid,
            form.command,
            actor=current_actor(),
            occurred_at=common.get("occurred_at"),
            **missing,
            **fields,
        )
        errors = merged(
            errors, unrelated(flat_errors(domain_errors(Refusals(refusals))) if refusals else {}, errors)
        )
        return again(errors=errors, status=422)
    try:
        result = service().step(
            nid, form.command, actor=current_actor(), **common, **fields, **(extra_fields or {})
        )
    except ConflictError as error:
        changes = service().timeline_page(nid, (error.expected or 0) + 1)
        fresh = service().get(nid)
        return show_form(
            fresh,
            build(fresh),
            action,
            values=posted,
            status=409,
            notice=CONFLICT.format(error=error),
            changes=changes,
            expected_version=error.actual,
            **page,
        )
    except DomainError as error:
        return again(errors=flat_errors(domain_errors(error)), status=422)
    if not result.duplicate:
        for notice in zero_notices(negotiation, fields):
            flash(notice, "info")
    return recorded(nid, result.version, result.duplicate, common.get("request_id"))


def merged(first: dict[str, list[str]], second: dict[str, list[str]]) -> dict[str, list[str]]:
    out = {name: list(messages) for name, messages in first.items()}
    for name, messages in second.items():
        out.setdefault(name, []).extend(m for m in messages if m not in out[name])
    return out


def unrelated(found: dict[str, list[str]], known: dict[str, list[str]]) -> dict[str, list[str]]:
    """The domain's refusals about fields not already in error (nor inside or around one): the
    same bad input is named once, by whoever saw it first."""

    def related(a: str, b: str) -> bool:
        return a == b or a.startswith(b + ".") or b.startswith(a + ".")

    return {
        name: messages for name, messages in found.items() if not any(related(name, other) for other in known)
    }


def recorded(nid: UUID | str, version: int, duplicate: bool = False, request_id: str | None = None):
    """Post/redirect/get to the new timeline entry."""
    if duplicate:
        version = service().get(nid).seen_request(request_id) or version
        flash("That step was already recorded (it is stored once).", "info")
    else:
        flash(f"Recorded as step #{version}.", "success")
    return redirect(timeline_url(nid, version), code=303)
