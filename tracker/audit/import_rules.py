"""The rules every imported event must pass: the same a live step of its kind passes.

A file's hash chain proves only that nobody edited it after it was written; a forger can compute a
consistent chain over anything. So each event is checked as if it were being recorded now: its state
holds the event's own fields and nothing else, its actor is a well-formed email address, and the
command that records that kind of event (``tracker.domain.steps.STEP_EVENTS``), rehearsed on the
negotiation so far with the event's fields, would record exactly what the file holds.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from tracker.accounts import normalise_email
from tracker.domain import events as ev
from tracker.domain.errors import DomainError, InvalidValue
from tracker.domain.negotiation import Negotiation
from tracker.domain.rehearsal import rehearse, rehearse_start
from tracker.domain.steps import STEP_EVENTS

COMMAND_OF: dict[type[ev.NegotiationEvent], str] = {
    **{event: command for command, event in STEP_EVENTS.items()},
    ev.Imported: "mark_imported",  # a record imported before, then exported again
    ev.ApprovalRequested: "require_approval",  # recorded with a proposal under a team's chain
    ev.ApprovalsVoided: "void_approvals",  # recorded with an amendment a chain looks at
}
#: The library's own keys (not in a stored state), and what a rehearsal computes afresh.
LIBRARY_KEYS = frozenset({"originator_id", "originator_version", "originator_id_type"})
RECOMPUTED = frozenset({"timestamp", "digest"})
#: The id a command makes up for what it adds (compared, never passed in).
GENERATED = {
    "join_party": "party_id",
    "log_research": "research_id",
    "enlist_ally": "ally_id",
    "log_alternative": "alternative_id",
    "make_proposal": "proposal_id",
}
SCHEDULE_PARTS = frozenset(
    (
        "vesting",
        "cliff_months",
        "clawback_months",
        "guaranteed_years",
        "payout_percent",
        "raise_percent",
        "raise_after_months",
        "review_months",
    )
)
TERM_ARGUMENTS = {"min": "minimum", "max": "maximum"}
REVISABLE = ("key", "label", "better", "unit", "options", "minimum", "maximum")
TERM_PARTS = frozenset({*REVISABLE, "kind", "currency"})


class EventRefused(Exception):
    """An event no live step could have recorded: ``field`` names what is wrong, ``message`` why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@lru_cache(maxsize=64)
def event_fields(event_class: type) -> frozenset[str]:
    """Every field the event class declares (its own and its bases'), the library's keys aside."""
    names: set[str] = set()
    for klass in event_class.__mro__:
        names.update(getattr(klass, "__annotations__", {}))
    return frozenset(names - LIBRARY_KEYS)


def check_state_keys(event_class: type, state: dict[str, Any]) -> None:
    """A stored state holds the event's fields and nothing else (``class_version`` when the class has
    one above 1, which the library stores with it)."""
    versioned = getattr(event_class, "class_version", 1) > 1
    allowed = set(event_fields(event_class)) | ({"class_version"} if versioned else set())
    if event_class is not ev.Started:
        allowed.discard("originator_topic")
    for key in sorted(set(state) - allowed, key=str):
        raise EventRefused(str(key)[:60], "is not a field of this kind of event")


def check_actor(actor: object) -> None:
    """An actor is an email address, written as the accounts write it (lower case, no spaces)."""
    problem = _actor_problem(actor) if isinstance(actor, str) else "Give an email address."
    if problem:
        raise EventRefused("actor", problem)


@lru_cache(maxsize=1024)
def _actor_problem(actor: str) -> str | None:
    """Why ``actor`` is no actor (None: it is one); a history names few people, each checked once."""
    try:
        canonical = normalise_email(actor, "actor")
    except InvalidValue as error:
        return error.message
    return None if canonical == actor else f"is not written as this tracker writes it ({canonical!r})"


def check_event(negotiation: Negotiation | None, event: ev.NegotiationEvent, *, email_actors: bool) -> None:
    """Raises EventRefused unless a live step on ``negotiation`` (None before the first event) would
    record ``event``'s fields; with ``email_actors`` (a tracker with accounts) its actor is an email
    address, otherwise any text a step takes as its actor."""
    fields = vars(event)
    missing = sorted(event_fields(type(event)) - set(fields))
    if missing:
        raise EventRefused(missing[0], "is missing")
    if email_actors:
        check_actor(fields["actor"])
    common = {name: fields[name] for name in ("actor", "occurred_at", "request_id")}
    try:
        if negotiation is None:
            if not isinstance(event, ev.Started):
                raise EventRefused("topic", "the first event must start a negotiation")
            own = {name: fields[name] for name in ("title", "kind", "opportunity_type", "description")}
            expected = rehearse_start(**own, **common)
        elif isinstance(event, ev.Started):
            raise EventRefused("topic", "a negotiation is started only once")
        else:
            command = COMMAND_OF[type(event)]
            expected = rehearse(negotiation, command, **_arguments(command, event), **common)[1]
    except DomainError as error:
        refusal = next(iter(getattr(error, "errors", None) or [error]))
        raise EventRefused(refusal.field or "state", refusal.message) from None
    for name, value in expected.items():
        if name not in RECOMPUTED | LIBRARY_KEYS and fields.get(name) != value:
            raise EventRefused(name, f"is not what this step records ({_short(value)})")


def _arguments(command: str, event: ev.NegotiationEvent) -> dict[str, Any]:
    """The command's arguments that would record ``event``: the event's own fields, a term's parts."""
    own = event_fields(type(event)) - event_fields(ev.NegotiationEvent) - {GENERATED.get(command)}
    arguments = {name: getattr(event, name) for name in own}
    if isinstance(event, (ev.TermAdded, ev.TermRevised)):
        term = arguments.pop("term")
        if not isinstance(term, dict):
            raise EventRefused("term", "is not a term")
        arguments = {TERM_ARGUMENTS.get(k, k): v for k, v in term.items()}
        arguments["options"] = arguments.get("options") or None
        unknown = sorted(set(arguments) - TERM_PARTS, key=str)
        if unknown:
            raise EventRefused(f"term.{str(unknown[0])[:60]}", "is not a part of a term")
        if isinstance(event, ev.TermRevised):
            arguments = {k: v for k, v in arguments.items() if k in REVISABLE}
    if isinstance(event, ev.MoneyScheduleSet):  # the kind's figures are the command's own arguments
        details = arguments.pop("details")
        if not isinstance(details, dict):
            raise EventRefused("details", "is not a schedule's figures")
        unknown = sorted(set(details) - SCHEDULE_PARTS, key=str)
        if unknown:
            raise EventRefused(f"details.{str(unknown[0])[:60]}", "is not a part of a money schedule")
        arguments.update(details)
    if isinstance(event, ev.Concluded) and event.proposal_id:  # an agreement on an accepted proposal
        arguments.pop("proposal_id")
        arguments["final_terms"] = None
    elif isinstance(event, ev.Concluded):
        arguments.pop("proposal_id")
    return arguments


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
