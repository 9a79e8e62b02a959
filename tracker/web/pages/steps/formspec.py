"""What a step form shows: its fields (with the choices the negotiation offers) and its texts.

The HTML inputs are flat (``values-base_salary-amount``); ``formdata`` turns them into the nested
dict the marshmallow schemas expect, and an error named ``values.base_salary.amount`` is shown
beside the input named ``values-base_salary-amount``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from marshmallow import validate

from tracker.domain.terms import TermSpec
from tracker.domain.vocabulary import Choice
from tracker.schemas.commands import NegotiationCreateSchema
from tracker.schemas.steps import COMMAND_SCHEMAS
from tracker.web.numbers import input_number
from tracker.web.pages.steps.formdata import error_key
from tracker.web.preferences import current_locale


@dataclass
class Field:
    name: str
    label: str
    kind: str = (
        "text"  # text textarea select checkboxes number date datetime term_value term_values ratings hidden
    )
    required: bool = False
    choices: list[tuple[str, str]] = dc_field(default_factory=list)
    help: str = ""
    spec: TermSpec | None = None  # term_value: the term whose kind decides the input
    specs: list[TermSpec] = dc_field(default_factory=list)  # term_values: one input per term
    maxlength: int | None = None  # texts: set from the command's schema (see StepForm.__post_init__)
    currency: Callable[[Any], str | None] | None = None  # decimal: the currency, from the posted values
    attrs: dict[str, str] = dc_field(default_factory=dict)  # extra HTML attributes (data-* for tracker.js)

    @property
    def input_id(self) -> str:
        return "f-" + self.name

    def input_names(self) -> list[str]:
        """Every HTML input name this field renders (to match errors to it)."""
        if self.kind == "term_values":
            return [self.name] + [n for s in self.specs for n in value_names(f"{self.name}-{s.key}", s)]
        if self.kind == "term_value" and self.spec is not None:
            return [self.name, *value_names(self.name, self.spec)]
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
    first_step: tuple[str, str] | None = None  # (command, link text): the step to take first
    list_fields: tuple[str, ...] = ()  # checkbox groups: always sent as lists
    defaults: dict[str, Any] = dc_field(default_factory=dict)  # flat input name -> initial value
    occurred_at: bool = True
    picker: bool = False  # a first GET step that chooses what the form is about (e.g. which term)

    def __post_init__(self) -> None:
        """Every text input and text area carries the limit the schema enforces (one source)."""
        for field in self.fields:
            if field.kind in TEXT_KINDS and field.maxlength is None:
                field.maxlength = text_limit(self.command, field.name)

    def error_keys(self) -> set[str]:
        keys = {"occurred_at"}
        for f in self.fields:
            keys.update(error_key(n) for n in f.input_names())
        return keys

    def labels(self) -> dict[str, str]:
        """Every error name of the form -> the label the person sees ("Terms: Base salary")."""
        out = {"occurred_at": "When it happened"}
        for f in self.fields:
            if f.kind == "term_values":
                for spec in f.specs:
                    for n in value_names(f"{f.name}-{spec.key}", spec):
                        out[error_key(n)] = f"{f.label}: {spec.label}"
            elif f.kind == "ratings" and f.spec is not None:
                for option in rating_options(f.spec):
                    out[error_key(f"{f.name}-{option}")] = f"{f.label}: {option}"
            else:
                for n in f.input_names():
                    out[error_key(n)] = f.label
            out[f.name] = f.label
        return out


TEXT_KINDS = ("text", "textarea", "url")


def text_limit(command: str, name: str) -> int | None:
    """The longest text the command's schema takes in its field ``name`` (None: no limit there)."""
    schema = NegotiationCreateSchema if command == "start" else COMMAND_SCHEMAS.get(command)
    field = schema._declared_fields.get(name) if schema is not None else None
    validators = field.validators if field is not None else []
    limits = [v.max for v in validators if isinstance(v, validate.Length) and v.max is not None]
    return min(limits) if limits else None


def enum_choices(enum: type[Choice], blank: str | None = None) -> list[tuple[str, str]]:
    options = [(m.value, m.label) for m in enum]
    return ([("", blank)] if blank is not None else []) + options


def choices_of(
    items: Iterable[Any], value: Callable[[Any], str], label: Callable[[Any], str], blank: str | None = None
) -> list[tuple[str, str]]:
    options = [(value(i), label(i)) for i in items]
    return ([("", blank)] if blank is not None else []) + options


def party_choices(negotiation: Any, blank: str | None = None, ids: Iterable[str] | None = None):
    parties = negotiation.active_parties()
    chosen = [parties[p] for p in ids if p in parties] if ids is not None else list(parties.values())
    return choices_of(chosen, lambda p: p.party_id, lambda p: f"{p.display}, {p.side}", blank)


def term_choices(negotiation: Any, blank: str | None = None):
    return choices_of(negotiation.terms.values(), lambda t: t.key, lambda t: t.label, blank)


def ally_choices(negotiation: Any):
    return choices_of(
        negotiation.allies.values(), lambda a: a.ally_id, lambda a: f"{a.name} ({a.relationship}), {a.stance}"
    )


def value_defaults(name: str, spec: TermSpec, value: Any) -> dict[str, str]:
    """Flat inputs showing a stored value (to prefill a counter-proposal or a priority)."""
    if value is None:
        return {}
    kind = spec.kind.value
    locale = current_locale()
    if kind == "money":
        return {
            f"{name}-amount": input_number(value["amount"], locale),
            f"{name}-currency": str(value["currency"]),
        }
    if kind == "boolean":
        return {name: "yes" if value else "no"}
    if spec.is_numeric:
        return {name: input_number(value, locale)}
    return {name: str(value)}
