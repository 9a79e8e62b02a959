"""A form for every step: ``/negotiations/new`` starts one, ``/negotiations/<id>/steps/<command>`` logs
a step on it (accepting, rejecting and withdrawing a proposal live in ``answers``)."""

from __future__ import annotations

from flask import abort, request, url_for
from marshmallow import ValidationError

from tracker.domain.errors import DomainError
from tracker.domain.view import NegotiationView
from tracker.domain.vocabulary import NegotiationKind, OpportunityType
from tracker.schemas import domain_errors, load_start
from tracker.web.identity import current_actor
from tracker.web.pages.blueprint import bp, load, service
from tracker.web.pages.steps import (
    bargaining_forms,
    calibration_forms,
    money_schedule_forms,
    preparation_forms,
    value_case_forms,
)
from tracker.web.pages.steps.formdata import flat_errors, to_nested
from tracker.web.pages.steps.formspec import Field, StepForm, enum_choices
from tracker.web.pages.steps.preconditions import missing
from tracker.web.pages.steps.submit import recorded, show_form, submit_step
from tracker.web.pages.steps.time_inputs import read_times
from tracker.web.preferences import current_time_zone

BUILDERS = {
    **preparation_forms.BUILDERS,
    **value_case_forms.BUILDERS,
    **money_schedule_forms.BUILDERS,
    **calibration_forms.BUILDERS,
    **bargaining_forms.BUILDERS,
}


def step_form(command: str, negotiation: NegotiationView) -> StepForm:
    """The form for ``command``; when the step cannot be taken now, it says why and what to do first."""
    form = BUILDERS[command](negotiation, request.args)
    need = missing(command, negotiation)
    if negotiation.stage.is_closed and command not in bargaining_forms.WHEN_CLOSED and not form.unavailable:
        form.unavailable = (
            f"This negotiation is closed ({negotiation.stage.label}); reopen it to record new steps."
        )
    elif need is not None and not form.unavailable:
        form.unavailable = need.reason
        form.first_step = (need.first, need.link) if need.first else None
    return form


@bp.route("/negotiations/<nid>/steps/<command>", methods=["GET", "POST"])
def step(nid: str, command: str):
    if command not in BUILDERS:
        abort(404, f"There is no step called '{command}'.")
    action = request.full_path.rstrip("?")
    if request.method == "POST":
        negotiation = load(nid, "write")
        return submit_step(negotiation, lambda n: step_form(command, n), action)
    negotiation = load(nid, "write")
    return show_form(negotiation, step_form(command, negotiation), action)


def start_form() -> StepForm:
    return StepForm(
        "start",
        "Start a negotiation",
        "Name it after the opportunity. You will add the parties, the terms and your goals next.",
        [
            Field("title", "Title", required=True, help="e.g. Senior Data Engineer offer at Northwind"),
            Field("kind", "What it is about", "select", True, enum_choices(NegotiationKind)),
            Field("opportunity_type", "Kind of ask", "select", False, enum_choices(OpportunityType)),
            Field("description", "Description", "textarea"),
        ],
        submit="Start the negotiation",
    )


@bp.route("/negotiations/new", methods=["GET", "POST"])
def start():
    form = start_form()
    action = url_for("pages.start")
    if request.method == "GET":
        return show_form(None, form, action)
    values, time_errors = read_times(request.form, current_time_zone())
    try:
        fields, common = load_start(to_nested(values))
        if time_errors:
            raise ValidationError(time_errors)
        nid = service().start_negotiation(
            actor=current_actor(),
            request_id=common.get("request_id"),
            occurred_at=common.get("occurred_at"),
            **fields,
        )
    except ValidationError as error:
        errors = {**flat_errors(error.messages), **time_errors}  # every problem at once
        return show_form(None, form, action, values=request.form, errors=errors, status=422)
    except DomainError as error:
        return show_form(
            None, form, action, values=request.form, errors=flat_errors(domain_errors(error)), status=422
        )
    return recorded(nid, 1)
