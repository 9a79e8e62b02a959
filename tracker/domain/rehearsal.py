"""Rehearsing a step: what a command would record on a negotiation, without recording anything.

An imported event must be one a live step could have recorded: the import rehearses the command of
that event's kind (``STEP_EVENTS``) with the event's own fields and compares what the command would
record with what the file holds, so every length, vocabulary and rule of a live step applies, and is
written once, in the command.
"""

from __future__ import annotations

from typing import Any

from tracker.domain import events as ev
from tracker.domain.negotiation import Negotiation


class _Captured(Exception):
    def __init__(self, event_class: type[ev.NegotiationEvent], fields: dict[str, Any]) -> None:
        super().__init__(event_class.__name__)
        self.event_class = event_class
        self.fields = fields


def rehearse(
    negotiation: Negotiation, command: str, **kwargs: Any
) -> tuple[type[ev.NegotiationEvent], dict[str, Any]]:
    """(event class, fields) of the first event ``command`` would record; the negotiation is left as
    it was. Raises the command's DomainError when the step would be refused."""

    def capture(event_class: type[ev.NegotiationEvent], **fields: Any) -> None:
        raise _Captured(event_class, fields)

    negotiation.trigger_event = capture  # type: ignore[method-assign]  # shadows the method, once
    try:
        getattr(negotiation, command)(**kwargs)
    except _Captured as captured:
        return captured.event_class, captured.fields
    finally:
        del negotiation.__dict__["trigger_event"]
    raise AssertionError(f"{command} recorded nothing")  # pragma: no cover - every command records


def rehearse_start(**kwargs: Any) -> dict[str, Any]:
    """The fields of the Started event ``Negotiation.start`` would record (nothing is stored)."""
    started = Negotiation.start(**kwargs).collect_events()[0]
    return dict(vars(started))
