"""The value case's form: an entry (an achievement, evidence, a skill, market data) and the asks it
supports. The proposal form shows the entries beside the terms so the case is at hand (bargaining_forms)."""

from __future__ import annotations

from collections.abc import Mapping

from tracker.domain.view import NegotiationView
from tracker.domain.vocabulary import AuthorityRole, ValueKind
from tracker.web.pages.steps.formspec import Field, StepForm, enum_choices, party_choices, term_choices
from tracker.web.pages.steps.registered import step_form


def add_value_entry(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    return step_form(
        "add_value_entry",
        "Showcase your value: what you achieved (with its result), evidence with a link, a skill you bring, "
        "or market data. Link each to the asks it supports; a proposal can then cite it.",
        [
            Field("kind", "What it is", "select", True, enum_choices(ValueKind)),
            Field(
                "text",
                "The entry",
                "textarea",
                True,
                help="e.g. Built the data platform that cut reporting time by 60%",
            ),
            Field("link", "Link (evidence)", help="https://..."),
            Field(
                "supports",
                "The asks it supports",
                "checkboxes",
                False,
                [(k, s.label) for k, s in n.terms.items()],
            ),
        ],
        submit="Add to the value case",
        list_fields=("supports",),
    )


def cite_field(n: NegotiationView) -> list[Field]:
    """The proposal form's "cites" checkboxes: the value case, each entry with the asks it supports."""
    if not n.value_case:
        return []
    choices = [
        (
            e.entry_id,
            e.text
            + (
                f" (supports {', '.join(n.terms[k].label for k in e.supports if k in n.terms)})"
                if e.supports
                else ""
            ),
        )
        for e in n.value_case
    ]
    return [Field("cites", "Your value case: the entries this proposal cites", "checkboxes", False, choices)]


def map_authority(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    return step_form(
        "map_authority",
        "Negotiate with the right people: for each term, who can say yes (decides), who has a voice "
        "(advises) and who can stop it (blocks). The checklist then asks whether you have spoken to them.",
        [
            Field("term_key", "Term", "select", True, term_choices(n, blank="Choose a term")),
            Field("party_id", "Party", "select", True, party_choices(n, blank="Choose a party")),
            Field("role", "Their say", "select", True, enum_choices(AuthorityRole)),
        ],
        submit="Put it on the map",
        defaults={"term_key": args.get("term_key", "")},
    )


BUILDERS = {"add_value_entry": add_value_entry, "map_authority": map_authority}
