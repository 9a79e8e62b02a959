"""Forms for preparing a negotiation: goals, parties, terms, priorities, research, allies, alternatives."""

from __future__ import annotations

from collections.abc import Mapping

from babel.numbers import is_currency

from tracker.domain.view import NegotiationView
from tracker.domain.vocabulary import AllyStance, AlternativeKind, Better, GoalArea, Horizon, Side, TermKind
from tracker.schemas.steps import BY_COMMAND
from tracker.web.pages.steps.formspec import (
    Field,
    StepForm,
    ally_choices,
    enum_choices,
    party_choices,
    term_choices,
    value_defaults,
)
from tracker.web.pages.steps.registered import step_form

BOUNDS_HELP = (
    "Leave blank for the usual: money, numbers and days at least 0, a percentage from 0 to 100. "
    "A date term's bounds are dates (YYYY-MM-DD)."
)
STEP_HELP = (
    "The step between the values the win-win analysis tries, e.g. 1000 for a salary, 1 for remote days "
    "(days for a date term). Blank: a round step. Offers need not fall on it."
)


def posted_currency(posted: Mapping[str, str]) -> str | None:
    """The currency a new money term's bounds are in, if the form names a real one."""
    code = (posted.get("currency") or "").strip().upper()
    return code if posted.get("kind") == "money" and is_currency(code) else None


def term_currency(n: NegotiationView, key: object) -> str | None:
    """The currency of the money term ``key`` on the table (None: not a money term)."""
    spec = n.terms.get(key) if isinstance(key, str) else None
    return spec.currency if spec is not None and spec.kind is TermKind.MONEY else None


def record_aspiration(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    return step_form(
        "record_aspiration",
        "Start from what you want from your career and your life, not from the offer.",
        [
            Field("horizon", "Horizon", "select", True, enum_choices(Horizon)),
            Field("area", "Area", "select", False, enum_choices(GoalArea)),
            Field("text", "The goal", "textarea", True),
        ],
        submit="Record the goal",
    )


def join_party(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    return step_form(
        "join_party",
        "Everyone who takes part: you, the hiring manager, a recruiter, HR, a coach.",
        [
            Field("name", "Name", required=True),
            Field("role", "Role", help="e.g. hiring manager, recruiter, candidate"),
            Field("side", "Side", "select", True, enum_choices(Side, blank="Choose a side")),
        ],
        submit="Add the party",
    )


def leave_party(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    return step_form(
        "leave_party",
        "Someone no longer takes part.",
        [
            Field("party_id", "Party", "select", True, party_choices(n, blank="Choose a party")),
            Field("reason", "Reason", "textarea"),
        ],
        submit="Record the departure",
    )


def add_term(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    return step_form(
        "add_term",
        "Negotiate the whole package: pay, but also scope, title, remote days, time off, "
        "training, start date.",
        [
            Field("label", "Label", required=True, help="e.g. Base salary"),
            Field(
                "key",
                "Key",
                attrs={"data-key-from": "f-label", "data-keys-taken": " ".join([*n.terms, *n.removed_terms])},
                help="Made from the label if you leave it blank; change it if you like. "
                "Lower-case letters, digits and underscores, e.g. base_salary",
            ),
            Field("kind", "Kind of value", "select", True, enum_choices(TermKind)),
            Field("currency", "Currency (money terms)", help="Three letters, e.g. EUR"),
            Field("unit", "Unit (number terms)", help="e.g. hours per week"),
            Field("options", "Options (choice terms)", "textarea", help="Separate the options with commas"),
            Field(
                "better",
                "Which way is better for you",
                "select",
                False,
                [("none", "no direction"), ("higher", "higher is better"), ("lower", "lower is better")],
            ),
            Field(
                "min",
                "Lowest value (number and date terms)",
                "decimal",
                currency=posted_currency,
                help=BOUNDS_HELP,
            ),
            Field(
                "max",
                "Highest value (number and date terms)",
                "decimal",
                currency=posted_currency,
                help="e.g. 5 for remote days per week",
            ),
            Field(
                "step", "Step (number and date terms)", "decimal", currency=posted_currency, help=STEP_HELP
            ),
        ],
        submit="Put it on the table",
        defaults={"better": "none"},
    )


def revise_term(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    return step_form(
        "revise_term",
        "Change a term's label, direction, unit, options, bounds or step. "
        "Its kind and currency stay; leave a field blank to keep it.",
        [
            Field("key", "Term", "select", True, term_choices(n, blank="Choose a term")),
            Field("label", "New label"),
            Field(
                "better",
                "Which way is better for you",
                "select",
                False,
                [("", "keep as it is"), *enum_choices(Better)],
            ),
            Field("unit", "New unit"),
            Field(
                "options", "New options (choice terms)", "textarea", help="Separate the options with commas"
            ),
            Field(
                "min",
                "New lowest value (number and date terms)",
                "decimal",
                currency=lambda posted: term_currency(n, posted.get("key")),
            ),
            Field(
                "max",
                "New highest value (number and date terms)",
                "decimal",
                currency=lambda posted: term_currency(n, posted.get("key")),
            ),
            Field(
                "step",
                "New step (number and date terms)",
                "decimal",
                currency=lambda posted: term_currency(n, posted.get("key")),
                help=STEP_HELP,
            ),
        ],
        submit="Revise the term",
        defaults={"key": args.get("key", "")},
    )


def remove_term(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    return step_form(
        "remove_term",
        "The term stays in the history.",
        [
            Field("key", "Term", "select", True, term_choices(n, blank="Choose a term")),
            Field("reason", "Reason", "textarea"),
        ],
        submit="Take it off the table",
        defaults={"key": args.get("key", "")},
    )


def set_priority(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    title = BY_COMMAND["set_priority"].title
    intro = (
        "How much this term matters (a weight from 0 to 100), a specific and realistic target, "
        "and the point where you would walk away."
    )
    spec = n.terms.get(args.get("term_key", ""))
    if not n.terms:
        return step_form("set_priority", intro, [])  # preconditions.py says what to do first
    if spec is None:
        return step_form(
            "set_priority",
            intro,
            [Field("term_key", "Term", "select", True, term_choices(n, blank="Choose a term"))],
            submit="Continue",
            picker=True,
            occurred_at=False,
        )
    fields = [
        Field("term_key", spec.label, "hidden", True),
        Field("party_id", "Whose priority", "select", False, party_choices(n, blank="Yours (the owner's)")),
        Field("weight", "Weight (0 to 100)", "number", True),
        Field("target", "Target", "term_value", spec=spec),
        Field("walk_away", "Walk-away point", "term_value", spec=spec),
    ]
    if spec.kind in (TermKind.CHOICE, TermKind.BOOLEAN):
        fields.append(Field("ratings", "How much you like each option (0 to 100)", "ratings", spec=spec))
    defaults: dict[str, str] = {"term_key": spec.key}
    current = n.priorities.get("owner", {}).get(spec.key)
    if current is not None:
        defaults["weight"] = str(current.weight)
        defaults.update(value_defaults("target", spec, current.target))
        defaults.update(value_defaults("walk_away", spec, current.walk_away))
        defaults.update({f"ratings-{k}": str(v) for k, v in current.ratings.items()})
    return step_form(
        "set_priority",
        intro,
        fields,
        title=f"{title}: {spec.label}",
        submit="Set the priority",
        defaults=defaults,
    )


def log_research(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    return step_form(
        "log_research",
        "Market benchmarks (with their source), the employer's benefit structure, who can say yes.",
        [
            Field("source", "Source", required=True, help="e.g. a salary survey, a handbook, a conversation"),
            Field("term_key", "About the term", "select", False, term_choices(n, blank="No particular term")),
            *[
                Field(
                    name,
                    name.capitalize(),
                    "decimal",
                    currency=lambda posted: term_currency(n, posted.get("term_key")),
                )
                for name in ("low", "typical", "high")
            ],
            Field("text", "What you found", "textarea"),
            Field("link", "Link", "url"),
        ],
        submit="Log the research",
        defaults={"term_key": args.get("term_key", "")},
    )


def enlist_ally(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    return step_form(
        "enlist_ally",
        "Someone who can help make the case: a sponsor, a mentor, a future colleague.",
        [
            Field("name", "Name", required=True),
            Field("relationship", "Relationship", required=True, help="e.g. former manager, mentor"),
            Field("stance", "Stance", "select", False, enum_choices(AllyStance)),
            Field("note", "Note", "textarea"),
        ],
        submit="Enlist the ally",
    )


def log_ally_action(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    return step_form(
        "log_ally_action",
        "",
        [
            Field("ally_id", "Ally", "select", True, ally_choices(n)),
            Field("action", "What they did", "textarea", True),
        ],
        submit="Log it",
    )


def change_ally_stance(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    return step_form(
        "change_ally_stance",
        "",
        [
            Field("ally_id", "Ally", "select", True, ally_choices(n)),
            Field("stance", "New stance", "select", True, enum_choices(AllyStance)),
            Field("reason", "Reason", "textarea"),
        ],
        submit="Record the stance",
    )


def log_alternative(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    return step_form(
        "log_alternative",
        "A competing offer or the status quo: your best alternative to a negotiated agreement.",
        [
            Field("label", "Name", required=True, help="e.g. Offer from Contoso"),
            Field("kind", "Kind", "select", True, enum_choices(AlternativeKind)),
            Field(
                "values",
                "What it offers (leave blank what it does not cover)",
                "term_values",
                specs=list(n.terms.values()),
            ),
            Field(
                "deadline",
                "Expires on",
                "date",
                help="The last day it stands (an exploding offer): the hints and your due list count down to it.",
            ),
            Field("notes", "Notes", "textarea"),
        ],
        submit="Log the alternative",
    )


BUILDERS = {
    f.__name__: f
    for f in (
        record_aspiration,
        join_party,
        leave_party,
        add_term,
        revise_term,
        remove_term,
        set_priority,
        log_research,
        enlist_ally,
        log_ally_action,
        change_ally_stance,
        log_alternative,
    )
}
