"""Forms for the bargaining: proposals and counter-proposals, interactions, notes, stage, outcome."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tracker.domain.errors import NotFound
from tracker.domain.view import NegotiationView
from tracker.domain.vocabulary import OPEN_STAGES, Channel, Outcome, Tone
from tracker.web.pages.steps.formspec import (
    Field,
    StepForm,
    choices_of,
    enum_choices,
    party_choices,
    value_defaults,
)
from tracker.web.pages.steps.registered import step_form
from tracker.web.pages.steps.value_case_forms import cite_field

ANSWERABLE = ("open", "rejected", "superseded")


def make_proposal(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    title, intro = (
        "",  # the registry's
        ("Name concrete figures for each term the proposal covers; leave blank the terms it does not cover."),
    )
    defaults: dict[str, Any] = {}
    reply_to = args.get("in_reply_to", "")
    if reply_to:
        answered = n.proposals.get(reply_to)
        if answered is None:
            raise NotFound(f"There is no proposal '{reply_to}' in this negotiation.")
        title, intro = (
            f"Counter proposal {reply_to}",
            ("The form starts from the proposal you answer: change what you want to counter."),
        )
        defaults = {"in_reply_to": reply_to, "to_parties": [answered.from_party], "rationale": ""}
        if answered.to_parties:
            defaults["from_party"] = answered.to_parties[0]
        for key, value in answered.values.items():
            if key in n.terms:
                defaults.update(value_defaults(f"values-{key}", n.terms[key], value))
    replies = [p for p in n.proposals_in_order() if p.status in ANSWERABLE]
    return step_form(
        "make_proposal",
        intro,
        [
            Field("from_party", "From", "select", True, party_choices(n, blank="Who makes it")),
            Field("to_parties", "To", "checkboxes", True, party_choices(n)),
            Field("values", "Terms", "term_values", True, specs=list(n.terms.values())),
            Field(
                "rationale",
                "Rationale",
                "textarea",
                help="Why these figures: market data, alternatives, trades",
            ),
            *cite_field(n),
            Field(
                "respond_by",
                "Answer wanted by (optional)",
                "datetime",
                help="The date and time, in your time zone, by which its maker wants an answer.",
            ),
            Field(
                "in_reply_to",
                "Counters",
                "select",
                False,
                choices_of(
                    replies,
                    lambda p: p.proposal_id,
                    lambda p: (
                        f"#{n.proposal_number(p.proposal_id)} from {n.party_name(p.from_party)} ({p.status_label})"
                    ),
                    blank="Nothing: a new proposal",
                ),
            ),
        ],
        submit="Record the proposal",
        list_fields=("to_parties", "cites"),
        defaults=defaults,
        title=title,
    )


def log_interaction(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    return step_form(
        "log_interaction",
        "A call, a meeting, an email: what was said, and how it felt.",
        [
            Field("channel", "Channel", "select", True, enum_choices(Channel)),
            Field("participants", "Who took part", "checkboxes", False, party_choices(n)),
            Field("summary", "Summary", "textarea", True),
            Field("tone", "Tone", "select", False, enum_choices(Tone)),
            *they_said(n),
            Field(
                "follow_up_on",
                "Follow up on (optional)",
                "date",
                help="It shows in your due list from then until you log a later interaction with them.",
            ),
        ],
        submit="Log the interaction",
        list_fields=("participants",),
        defaults={"tone": "neutral"},
    )


def add_note(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    return step_form(
        "add_note", "", [Field("text", "Note", "textarea", True), *they_said(n)], submit="Add the note"
    )


def they_said(n: NegotiationView) -> list[Field]:
    """The "they said" fields: figures a party stated, kept in the ledger of stated figures."""
    return [
        Field(
            "stated_by",
            "Who stated figures",
            "select",
            False,
            party_choices(n, blank="Nobody named a figure"),
            help="Figures said in a call, a meeting or an email count as much as a written proposal.",
        ),
        Field("stated", "The figures they stated", "term_values", specs=list(n.terms.values())),
    ]


def set_decision_date(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    current = n.decide_by
    return step_form(
        "set_decision_date",
        (f"You mean to decide by {current}. " if current else "")
        + "The day by which you mean to decide: the hints and your due list count down to it. "
        "Leave it empty to clear it.",
        [
            Field("decide_by", "Decide by", "date"),
            Field(
                "reason", "Why this day", "textarea", help="An offer's expiry, a start date, a review cycle"
            ),
        ],
        submit="Set the decision date",
        defaults={"decide_by": current or ""},
    )


def change_stage(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    stages = [(s.value, s.label) for s in OPEN_STAGES if s is not n.stage]
    return step_form(
        "change_stage",
        f"The negotiation is {n.stage.label}. To close it, conclude it instead.",
        [
            Field("stage", "New stage", "select", True, stages),
            Field("reason", "Reason", "textarea"),
        ],
        submit="Change the stage",
    )


def conclude(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    return step_form(
        "conclude",
        "Record the outcome. An agreement takes its terms from the last proposal every "
        "addressed party accepted, unless you give them here.",
        [
            Field("outcome", "Outcome", "select", True, enum_choices(Outcome)),
            Field("final_terms", "Final terms (optional)", "term_values", specs=list(n.terms.values())),
            Field("lessons", "What you learned", "textarea"),
        ],
        submit="Conclude",
    )


def record_lessons(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    return step_form(
        "record_lessons",
        "What worked, what you would do differently.",
        [Field("lessons", "Lessons", "textarea", True)],
        submit="Record the lessons",
    )


def reopen(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    return step_form(
        "reopen",
        "New facts? Reopen it; its history stays as it was.",
        [Field("reason", "Why reopen", "textarea", True)],
        submit="Reopen",
    )


BUILDERS = {
    f.__name__: f
    for f in (
        make_proposal,
        log_interaction,
        add_note,
        set_decision_date,
        change_stage,
        conclude,
        record_lessons,
        reopen,
    )
}

#: steps still allowed once a negotiation is closed
WHEN_CLOSED = ("record_lessons", "reopen")
