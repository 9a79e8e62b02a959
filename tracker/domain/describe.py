"""Readable sentences for timeline entries: "Dana (hiring manager) countered: base salary 128,000 EUR"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tracker.domain import events as ev
from tracker.domain.money import format_amount
from tracker.domain.view import StepNames
from tracker.domain.vocabulary import Choice, NegotiationKind, OpportunityType


def _label(enum: type[Choice], value: str) -> str:
    try:
        return enum(value).label
    except ValueError:
        return value.replace("_", " ")


def values_text(state: StepNames, values: dict[str, Any]) -> str:
    parts = []
    for key, value in values.items():
        spec = state.term_spec(key)
        parts.append(f"{spec.label if spec else key} {spec.display(value) if spec else value}")
    return ", ".join(parts)


def _proposal(state: StepNames, e: ev.ProposalMade) -> str:
    who = state.party_name(e.from_party)
    to = ", ".join(state.party_name(p) for p in e.to_parties)
    verb = f"countered {state.proposal_name(e.in_reply_to)}" if e.in_reply_to else "proposed"
    return f"{who} {verb} to {to}: {values_text(state, e.values)}"


def _answer(verb: str) -> Callable[[Any, Any], str]:
    def sentence(state: StepNames, e: Any) -> str:  # e: ProposalAccepted, -Rejected or -Withdrawn
        why = f" ({e.reason})" if e.reason else ""
        return f"{state.party_name(e.party)} {verb} {state.proposal_name(e.proposal_id)}{why}"

    return sentence


SENTENCES: dict[type, Callable[[Any, Any], str]] = {
    ev.Started: lambda s, e: (
        f"Started “{e.title}”: {_label(NegotiationKind, e.kind)}, "
        f"{_label(OpportunityType, e.opportunity_type)}"
    ),
    ev.AspirationRecorded: lambda s, e: f"Recorded a {e.horizon.replace('_', '-')} {e.area} goal: {e.text}",
    ev.PartyJoined: lambda s, e: f"{e.name}{f' ({e.role})' if e.role else ''} joined on the {e.side} side",
    ev.PartyLeft: lambda s, e: (
        f"{s.party_name(e.party_id)} left the negotiation" + (f" ({e.reason})" if e.reason else "")
    ),
    ev.TermAdded: lambda s, e: (
        f"Put {e.term['label']} on the table ({e.term['kind']}"
        + (f", {e.term['currency']}" if e.term.get("currency") else "")
        + (f", {e.term['better']} is better" if e.term["better"] != "none" else "")
        + ")"
    ),
    ev.TermRevised: lambda s, e: f"Revised the term {e.term['label']}",
    ev.TermRemoved: lambda s, e: (
        f"Took {s.term_spec(e.key).label if s.term_spec(e.key) else e.key} off the table"
        + (f" ({e.reason})" if e.reason else "")
    ),
    ev.PrioritySet: lambda s, e: _priority(s, e),
    ev.ResearchLogged: lambda s, e: _research(s, e),
    ev.AllyEnlisted: lambda s, e: f"Enlisted {e.name} ({e.relationship}) as an ally, {e.stance}",
    ev.AllyActionLogged: lambda s, e: (
        f"{s.allies[e.ally_id].name if e.ally_id in s.allies else e.ally_id}"
        + (f" ({e.channel})" if e.channel else "")
        + f": {e.action}"
    ),
    ev.AllyStanceChanged: lambda s, e: (
        f"{s.allies[e.ally_id].name if e.ally_id in s.allies else e.ally_id} "
        f"is now {e.stance}" + (f" ({e.reason})" if e.reason else "")
    ),
    ev.AlternativeLogged: lambda s, e: (
        f"Logged an alternative, {e.label} ({e.kind.replace('_', ' ')})"
        + (f": {values_text(s, e.values)}" if e.values else "")
        + (f", deadline {e.deadline}" if e.deadline else "")
    ),
    ev.ProposalMade: _proposal,
    ev.ProposalAccepted: _answer("accepted"),
    ev.ProposalRejected: _answer("rejected"),
    ev.ProposalWithdrawn: _answer("withdrew"),
    ev.InteractionLogged: lambda s, e: (
        f"{e.channel.capitalize()} with "
        f"{', '.join(s.party_name(p) for p in e.participants) or 'no party named'}"
        f" ({e.tone}): {e.summary}"
    ),
    ev.NoteAdded: lambda s, e: f"Note: {e.text}",
    ev.StageChanged: lambda s, e: (
        f"Stage changed to {e.stage.replace('_', ' ')}" + (f" ({e.reason})" if e.reason else "")
    ),
    ev.Concluded: lambda s, e: (
        f"Concluded: {e.outcome.replace('_', ' ')}"
        + (f" on {values_text(s, e.final_terms)}" if e.final_terms else "")
        + (f". Lessons: {e.lessons}" if e.lessons else "")
    ),
    ev.LessonsRecorded: lambda s, e: f"Lessons learned: {e.lessons}",
    ev.Reopened: lambda s, e: f"Reopened: {e.reason}",
}


def _priority(state: StepNames, e: ev.PrioritySet) -> str:
    spec = state.term_spec(e.term_key)
    label = spec.label if spec else e.term_key
    whose = f" for {state.party_name(e.party_id)}" if e.party_id else ""
    parts = [f"weight {e.weight}"]
    if e.target is not None:
        parts.append(f"target {spec.display(e.target) if spec else e.target}")
    if e.walk_away is not None:
        parts.append(f"walk-away {spec.display(e.walk_away) if spec else e.walk_away}")
    return f"Set the priority{whose} on {label}: {', '.join(parts)}"


def _research(state: StepNames, e: ev.ResearchLogged) -> str:
    spec = state.term_spec(e.term_key) if e.term_key else None
    about = f" on {spec.label}" if spec else ""
    figures = " / ".join(format_amount(v) for v in (e.low, e.typical, e.high) if v is not None)
    unit = f" {spec.currency}" if spec and spec.currency else ""
    text = f": {figures}{unit} (low / typical / high)" if figures else ""
    return f"Logged research{about} from {e.source}{text}" + (f". {e.text}" if e.text else "")


def describe(state: StepNames, event: ev.NegotiationEvent) -> str:
    """One sentence for ``event``, using ``state`` (the negotiation as it stood after it) for names."""
    sentence = SENTENCES.get(type(event))
    return sentence(state, event) if sentence else type(event).__name__
