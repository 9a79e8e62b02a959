"""Readable sentences for timeline entries: "Dana (hiring manager) countered: base salary 128,000 EUR"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tracker.domain import events as ev
from tracker.domain.money import format_amount
from tracker.domain.money_schedule import schedule_words
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


def _term_label(state: StepNames, key: str) -> str:
    spec = state.term_spec(key)
    return spec.label if spec else key


def _stated(state: StepNames, e: Any) -> str:
    """ " (Dana Kim said: Base salary 120,000 EUR)", when the step records figures a party stated."""
    if not getattr(e, "stated", None):
        return ""
    return f" ({state.party_name(e.stated_by)} said: {values_text(state, e.stated)})"


def _proposal(state: StepNames, e: ev.ProposalMade) -> str:
    who = state.party_name(e.from_party)
    to = ", ".join(state.party_name(p) for p in e.to_parties)
    verb = f"countered {state.proposal_name(e.in_reply_to)}" if e.in_reply_to else "proposed"
    cites = getattr(e, "cites", None)
    citing = f" (citing {len(cites)} value-case {'entry' if len(cites) == 1 else 'entries'})" if cites else ""
    wanted = "; an answer is wanted by a set time" if getattr(e, "respond_by", None) else ""
    return f"{who} {verb} to {to}: {values_text(state, e.values)}{citing}{wanted}"


def _amended(state: StepNames, e: Any) -> str:
    """ "Amended proposal #2: Base salary 135,000 EUR; took off Remote days (after the band review)"."""
    now = {k: e.values[k] for k in e.changed if k in e.values}
    gone = [_term_label(state, k) for k in e.changed if k not in e.values]
    return (
        f"Amended {state.proposal_name(e.proposal_id)}"
        + (f": {values_text(state, now)}" if now else "")
        + (f"; took off {', '.join(gone)}" if gone else "")
        + (f" ({e.reason})" if e.reason else "")
    )


def _approvers(approvers: list[dict[str, Any]]) -> str:
    """ "kim@example.org (step 1: any change to title), then lee@example.org (step 2: ...)"."""
    steps: dict[int, list[str]] = {}
    for a in approvers:
        steps.setdefault(a["step"], []).append(
            f"{a['approver']} ({a['why']})" if a.get("why") else a["approver"]
        )
    return ", then ".join(" and ".join(names) for _, names in sorted(steps.items()))


def _schedule(state: StepNames, e: Any) -> str:
    """ "Equity: vesting 5/15/40/40 after a 12-month cliff, in every package"."""
    kind, _, ref = e.package_key.partition(":")
    if kind == "proposal":
        where = f"in {state.proposal_name(ref)}"
    elif kind == "alternative":
        alternative = getattr(state, "alternatives", {}).get(ref)
        where = f"in the alternative {alternative.label if alternative else ref}"
    else:
        where = "in every package"
    if e.kind == "none":
        return f"{_term_label(state, e.term_key)}: schedule taken off, {where}"
    return f"{_term_label(state, e.term_key)}: {schedule_words({'kind': e.kind, **e.details})}, {where}"


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
    ev.AuthorityMapped: lambda s, e: (
        f"{s.party_name(e.party_id)} "
        + {
            "decides": "decides",
            "advises": "advises on",
            "blocks": "can block",
            "none": "no longer has a say on",
        }.get(e.role, e.role)
        + f" {_term_label(s, e.term_key)}"
    ),
    ev.MoneyScheduleSet: lambda s, e: _schedule(s, e),
    ev.ValueEntryAdded: lambda s, e: (
        f"Added to the value case ({e.kind.replace('_', ' ')}): {e.text}"
        + (f", supporting {', '.join(_term_label(s, k) for k in e.supports)}" if e.supports else "")
    ),
    ev.PackageRated: lambda s, e: (
        f"Rated a package, {e.label}, {e.rating} of 100: {values_text(s, e.values)}"
    ),
    ev.WeightsCalibrated: lambda s, e: (
        f"Took calibrated weights (fitted to {len(e.rating_ids)} rated packages): "
        + ", ".join(f"{_term_label(s, key)} {weight}" for key, weight in e.weights.items())
    ),
    ev.AlternativeLogged: lambda s, e: (
        f"Logged an alternative, {e.label} ({e.kind.replace('_', ' ')})"
        + (f": {values_text(s, e.values)}" if e.values else "")
        + (f", expires on {e.deadline}" if e.deadline else "")
    ),
    ev.ProposalMade: _proposal,
    ev.ProposalAccepted: _answer("accepted"),
    ev.ProposalRejected: _answer("rejected"),
    ev.ProposalWithdrawn: _answer("withdrew"),
    ev.ApprovalRequested: lambda s, e: (
        f"{s.proposal_name(e.proposal_id, first=True)} awaits approval by " + _approvers(e.approvers)
    ),
    ev.ProposalApproved: lambda s, e: f"{e.actor} approved {s.proposal_name(e.proposal_id)}: {e.comment}",
    ev.ProposalDeclined: lambda s, e: (
        f"{e.actor} declined to approve {s.proposal_name(e.proposal_id)}, which is withdrawn: {e.comment}"
    ),
    ev.ProposalAmended: lambda s, e: _amended(s, e),
    ev.ApprovalsVoided: lambda s, e: (
        f"The approvals of {s.proposal_name(e.proposal_id)} were voided: "
        f"{', '.join(_term_label(s, k) for k in e.terms)} changed, and the approval chain looks at "
        f"{'it' if len(e.terms) == 1 else 'them'}"
    ),
    ev.InteractionLogged: lambda s, e: (
        f"{e.channel.capitalize()} with "
        f"{', '.join(s.party_name(p) for p in e.participants) or 'no party named'}"
        f" ({e.tone}): {e.summary}"
        + _stated(s, e)
        + (f"; follow up on {e.follow_up_on}" if getattr(e, "follow_up_on", None) else "")
    ),
    ev.NoteAdded: lambda s, e: f"Note: {e.text}" + _stated(s, e),
    ev.DecisionDateSet: lambda s, e: (
        (f"Decision due by {e.decide_by}" if e.decide_by else "Decision date cleared")
        + (f" ({e.reason})" if e.reason else "")
    ),
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
    ev.Imported: lambda s, e: _imported(e),
}


def _imported(e: ev.Imported) -> str:
    head = f"Imported from a file ending at version {e.file_version}"
    if e.origin == "this_installation":
        return f"{head}, signed by this installation: the steps before are as recorded here"
    if e.origin == "trusted":
        return (
            f"{head}, signed by {e.signer} (a trusted installation): the steps before are as recorded there"
        )
    return (
        f"{head}; origin not proven ({e.reason}): the steps before are as the file says, not as recorded here"
    )


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
