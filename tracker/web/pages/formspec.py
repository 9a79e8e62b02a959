"""What a step form shows: its fields (with the choices the negotiation offers) and its texts.

The HTML inputs are flat (``values-base_salary-amount``); ``formdata`` turns them into the nested
dict the marshmallow schemas expect, and an error named ``values.base_salary.amount`` is shown
beside the input named ``values-base_salary-amount``.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from typing import Any, Callable, Iterable

from tracker.domain.terms import TermSpec
from tracker.domain.vocabulary import Choice
from tracker.web.pages.formdata import error_key


@dataclass
class Field:
    name: str
    label: str
    kind: str = "text"  # text textarea select checkboxes number date term_value term_values ratings hidden
    required: bool = False
    choices: list[tuple[str, str]] = dc_field(default_factory=list)
    help: str = ""
    spec: TermSpec | None = None  # term_value: the term whose kind decides the input
    specs: list[TermSpec] = dc_field(default_factory=list)  # term_values: one input per term
    maxlength: int | None = None

    @property
    def input_id(self) -> str:
        return "f-" + self.name

    def input_names(self) -> list[str]:
        """Every HTML input name this field renders (to match errors to it)."""
        if self.kind == "term_values":
            return [self.name] + [n for s in self.specs for n in value_names(f"{self.name}-{s.key}", s)]
        if self.kind == "term_value" and self.spec is not None:
            return [self.name] + value_names(self.name, self.spec)
        if self.kind == "ratings" and self.spec is not None:
            return [self.name] + [f"{self.name}-{o}" for o in rating_options(self.spec)]
        return [self.name]


def rating_options(spec: TermSpec) -> list[str]:
    """What a priority's ratings rate: a choice term's options, or yes/no ("True"/"False")."""
    return list(spec.options) if spec.kind.value == "choice" else ["True", "False"]


def value_names(name: str, spec: TermSpec) -> list[str]:
    return [name, f"{name}-amount", f"{name}-currency"] if spec.kind.value == "money" else [name]


@dataclass
class StepForm:
    command: str
    title: str
    intro: str
    fields: list[Field]
    submit: str = "Record"
    unavailable: str = ""  # why this step cannot be taken now (then no form is shown)
    list_fields: tuple[str, ...] = ()  # checkbox groups: always sent as lists
    defaults: dict[str, Any] = dc_field(default_factory=dict)  # flat input name -> initial value
    occurred_at: bool = True
    picker: bool = False  # a first GET step that chooses what the form is about (e.g. which term)

    def error_keys(self) -> set[str]:
        keys = {"occurred_at"}
        for f in self.fields:
            keys.update(error_key(n) for n in f.input_names())
        return keys


def enum_choices(enum: type[Choice], blank: str | None = None) -> list[tuple[str, str]]:
    options = [(m.value, m.label) for m in enum]
    return ([("", blank)] if blank is not None else []) + options


def choices_of(items: Iterable[Any], value: Callable[[Any], str], label: Callable[[Any], str],
               blank: str | None = None) -> list[tuple[str, str]]:
    options = [(value(i), label(i)) for i in items]
    return ([("", blank)] if blank is not None else []) + options


def party_choices(negotiation: Any, blank: str | None = None, ids: Iterable[str] | None = None):
    parties = negotiation.active_parties()
    chosen = [parties[p] for p in ids if p in parties] if ids is not None else list(parties.values())
    return choices_of(chosen, lambda p: p.party_id, lambda p: f"{p.display}, {p.side}", blank)


def term_choices(negotiation: Any, blank: str | None = None):
    return choices_of(negotiation.terms.values(), lambda t: t.key, lambda t: t.label, blank)


def ally_choices(negotiation: Any):
    return choices_of(negotiation.allies.values(), lambda a: a.ally_id,
                      lambda a: f"{a.name} ({a.relationship}), {a.stance}")


def value_defaults(name: str, spec: TermSpec, value: Any) -> dict[str, str]:
    """Flat inputs showing a stored value (to prefill a counter-proposal or a priority)."""
    if value is None:
        return {}
    kind = spec.kind.value
    if kind == "money":
        return {f"{name}-amount": str(value["amount"]), f"{name}-currency": str(value["currency"])}
    if kind == "boolean":
        return {name: "yes" if value else "no"}
    return {name: str(value)}
