"""Answering a proposal: ``/negotiations/<id>/proposals/<proposal_id>/accept`` (and reject, withdraw),
amending one nobody has answered yet, and an approver's approval or refusal under a team's chain."""

from __future__ import annotations

from typing import Any

from flask import abort, request, url_for

from tracker.domain.errors import NotFound
from tracker.domain.view import NegotiationView
from tracker.schemas.steps import BY_COMMAND
from tracker.web.pages.blueprint import bp, load
from tracker.web.pages.steps.formspec import Field, StepForm, party_choices, value_defaults
from tracker.web.pages.steps.submit import show_form, submit_step

#: The page's action -> (the command, the form's introduction); the verb is the step's registry label.
ACTIONS = {
    "accept": ("accept_proposal", "An agreement needs every party the proposal was made to."),
    "reject": ("reject_proposal", "Say why, politely: it helps the next round."),
    "withdraw": ("withdraw_proposal", "Only the party who made a proposal can withdraw it."),
    "amend": (
        "amend_proposal",
        "Change the figures while nobody has answered. If your team's approval chain looks at a figure you "
        "change, the approvals already given are voided and asked for again.",
    ),
    "approve": ("approve_proposal", "Say why you approve: the comment stays on the timeline with your name."),
    "decline": ("decline_proposal", "Say why: the proposal is withdrawn, and its maker reads your comment."),
}
APPROVALS = ("approve", "decline")


def _approval_form(negotiation: NegotiationView, proposal_id: str, action: str) -> StepForm:
    command, intro = ACTIONS[action]
    verb = BY_COMMAND[command].label
    approval = negotiation.approvals.get(proposal_id)
    unavailable = ""
    if approval is None:
        unavailable = f"{negotiation.proposal_name(proposal_id, first=True)} needs no approval."
    elif not negotiation.awaits_approval(proposal_id):
        unavailable = f"{negotiation.proposal_name(proposal_id, first=True)} is {approval['status']}."
    else:
        waiting = negotiation.waiting_on(proposal_id)
        intro = f"Waiting for {', '.join(waiting)}. " + intro
    return StepForm(
        command,
        f"{verb} {negotiation.proposal_name(proposal_id)}",
        intro,
        [Field("comment", "Comment", "textarea", True)],
        submit=f"{verb} the proposal",
        unavailable=unavailable,
    )


def _amend_form(negotiation: NegotiationView, proposal_id: str) -> StepForm:
    command, intro = ACTIONS["amend"]
    proposal = negotiation.proposals[proposal_id]
    defaults: dict[str, Any] = {}
    for key, value in proposal.values.items():
        if key in negotiation.terms:
            defaults.update(value_defaults(f"values-{key}", negotiation.terms[key], value))
    unavailable = ""
    if not proposal.is_open or proposal.responses or proposal.accepted_by:
        unavailable = (
            f"{negotiation.proposal_name(proposal_id, first=True)} has been answered or closed; make a new "
            "proposal instead."
        )
    return StepForm(
        command,
        f"Amend {negotiation.proposal_name(proposal_id)}",
        intro,
        [
            Field("values", "Terms", "term_values", True, specs=list(negotiation.terms.values())),
            Field("reason", "Why it changed", "textarea"),
        ],
        submit="Amend the proposal",
        unavailable=unavailable,
        defaults=defaults,
    )


def answer_form(negotiation: NegotiationView, proposal_id: str, action: str) -> StepForm:
    if action in APPROVALS:
        return _approval_form(negotiation, proposal_id, action)
    if action == "amend":
        return _amend_form(negotiation, proposal_id)
    command, intro = ACTIONS[action]
    verb = BY_COMMAND[command].label
    proposal = negotiation.proposals[proposal_id]
    if action == "withdraw":
        parties = [proposal.from_party]
    else:
        parties = [p for p in proposal.to_parties if p not in proposal.accepted_by]
    unavailable = ""
    if not proposal.is_open:
        unavailable = (
            f"{negotiation.proposal_name(proposal_id, first=True)} is {proposal.status}; it can no "
            f"longer be {verb.lower()}ed."
        )
    elif negotiation.stage.is_closed:
        unavailable = (
            f"This negotiation is closed ({negotiation.stage.label}); reopen it to record new steps."
        )
    return StepForm(
        command,
        f"{verb} {negotiation.proposal_name(proposal_id)}",
        intro,
        [
            Field(
                "party",
                "Who answers" if action != "withdraw" else "Who withdraws it",
                "select",
                True,
                party_choices(negotiation, ids=parties),
            ),
            Field("reason", "Reason", "textarea"),
        ],
        submit=f"{verb} the proposal",
        unavailable=unavailable,
    )


@bp.route("/negotiations/<nid>/proposals/<proposal_id>/<action>", methods=["GET", "POST"])
def answer(nid: str, proposal_id: str, action: str):
    if action not in ACTIONS:
        abort(
            404,
            f"A proposal can be accepted, rejected, withdrawn, amended, approved or declined, not '{action}'.",
        )
    negotiation = load(nid, BY_COMMAND[ACTIONS[action][0]].access)
    if proposal_id not in negotiation.proposals:
        raise NotFound(f"There is no proposal '{proposal_id}' in this negotiation.")
    action_url = url_for("pages.answer", nid=nid, proposal_id=proposal_id, action=action)

    def build(n: NegotiationView) -> StepForm:
        return answer_form(n, proposal_id, action)

    page = {"proposal": negotiation.proposals[proposal_id]}
    if request.method == "POST":
        return submit_step(negotiation, build, action_url, extra_fields={"proposal_id": proposal_id}, **page)
    return show_form(negotiation, build(negotiation), action_url, **page)
