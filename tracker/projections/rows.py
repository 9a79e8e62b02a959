"""From a batch of events to read-model rows. Events are grouped by aggregate; each aggregate's state
is rebuilt from the events in the batch (loading it from the store only up to the version just
before the batch), so the row describes exactly the position being tracked. Rows are written whole,
so applying them is idempotent."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from tracker.domain import events as ev
from tracker.domain.describe import describe
from tracker.domain.negotiation import Negotiation
from tracker.domain.stage_time import step_time
from tracker.domain.view import StepNames
from tracker.domain.vocabulary import Stage
from tracker.projections.rowstate import RowState, UnknownProposal
from tracker.projections.schema import APPROVAL_EVENTS
from tracker.teams.access import NegotiationAccess
from tracker.teams.team import Team

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
DAY_US = 86_400_000_000
SENTENCE_LIMIT = 500


def to_us(moment: datetime) -> int:
    return (moment - EPOCH) // MICROSECOND


def from_us(value: int | None) -> datetime | None:
    return None if value is None else EPOCH + value * MICROSECOND


def by_aggregate(events: Iterable[Any]) -> OrderedDict[UUID, list[Any]]:
    groups: OrderedDict[UUID, list[Any]] = OrderedDict()
    for event in events:
        groups.setdefault(event.originator_id, []).append(event)
    return groups


def fold(events: Sequence[Any], load: Callable[[UUID, int], Any], times: dict[str, Any] | None = None) -> Any:
    """The aggregate just after the last of ``events`` (consecutive versions of one aggregate); with
    ``times``, the stages it entered are folded into them (``fold_stage``)."""
    first = events[0]
    state = None if first.originator_version == 1 else load(first.originator_id, first.originator_version - 1)
    if times is None:  # teams and access records
        for event in events:
            state = event.mutate(state)
        return state
    for event in events:
        before = None if state is None else state.stage_value
        state = event.mutate(state)
        fold_stage(times, before, state.stage_value, event)
    return state


def fold_stage(times: dict[str, Any], before: str | None, after: str, event: Any) -> None:
    """When the stage changes from ``before`` to ``after`` at ``event``: the stage entered and when
    (``stage_entries``, for the stage_spans table) and when the current stage was entered
    (``stage_entered_at``). As in tracker.domain.stage_time, a backdated step never makes a span run
    backwards."""
    if after == before:
        return
    at = to_us(step_time(event))
    entered = times.get("stage_entered_at")
    if entered is not None and at < entered:
        at = entered
    times["stage_entered_at"] = at
    times.setdefault("stage_entries", []).append((after, at))


def span_rows(
    negotiation_id: str, entries: Sequence[tuple[str, int]]
) -> list[tuple[str, str, int, int | None]]:
    """The stage_spans rows of stages entered one after the other: each ends when the next begins,
    the last is open."""
    ends = [at for _, at in entries[1:]] + [None]
    return [(negotiation_id, stage, at, end) for (stage, at), end in zip(entries, ends, strict=True)]


def fold_times(times: dict[str, Any], event: Any) -> None:
    """The row's times (created, started, closed, agreed) after ``event``: only a Started, Concluded
    or Reopened event changes them, and folding the same event twice changes nothing more."""
    if isinstance(event, ev.Started):
        times.update(
            created_at=to_us(event.timestamp), started_at=to_us(event.occurred_at or event.timestamp)
        )
    elif isinstance(event, ev.Concluded):
        happened = to_us(event.occurred_at or event.timestamp)
        times.update(closed_at=happened, agreed_at=happened if event.outcome == "agreed" else None)
    elif isinstance(event, ev.Reopened):
        times.update(closed_at=None, agreed_at=None)


def negotiation_row(
    state: RowState | Negotiation,
    events: Sequence[ev.NegotiationEvent],
    previous: dict[str, Any] | None,
    full_state: Callable[[], Negotiation] | None = None,
) -> dict[str, Any]:
    """The summary row of ``state`` after ``events``; ``full_state`` loads the whole aggregate at the
    same version, for a last step whose sentence ``state`` (a RowState) cannot write alone."""
    last = events[-1]
    times = dict(previous or {})
    for event in events:
        fold_times(times, event)
    if "created_at" not in times:  # the Started event was projected in an earlier batch
        times.update(created_at=to_us(state.created_on), started_at=to_us(state.created_on))
    agreed_at, started_at = times.get("agreed_at"), times["started_at"]
    stage = Stage(state.stage_value)
    return {
        "negotiation_id": str(state.id),
        "title": state.title,
        "title_search": state.title.lower(),
        "kind": state.kind_value,
        "opportunity_type": state.opportunity_type_value,
        "stage": stage.value,
        "is_open": 0 if stage.is_closed else 1,
        "owner": state.owner,
        "created_at": times["created_at"],
        "started_at": started_at,
        "last_step_type": type(last).__name__,
        "last_step_sentence": _sentence(state, last, full_state),
        "last_step_at": to_us(last.timestamp),
        "last_actor": last.actor,
        "version": state.version,
        "proposal_count": len(state.proposals),
        "party_count": len(state.active_parties()),
        "outcome": stage.value if stage.is_closed else None,
        "closed_at": times.get("closed_at"),
        "agreed_at": agreed_at,
        "days_to_agreement": max(0.0, (agreed_at - started_at) / DAY_US) if agreed_at is not None else None,
        # not columns: the stages entered with these events, and when the current one was entered
        "stage_entries": list(times.get("stage_entries", ())),
        "stage_entered_at": times.get("stage_entered_at"),
    }


def _sentence(
    state: StepNames, event: ev.NegotiationEvent, full_state: Callable[[], StepNames] | None = None
) -> str:
    try:
        try:
            text = describe(state, event)
        except UnknownProposal:
            if full_state is None:
                raise
            text = describe(full_state(), event)
    except Exception:  # a sentence must never stop the read model; the type still shows
        text = type(event).__name__
    return text if len(text) <= SENTENCE_LIMIT else text[: SENTENCE_LIMIT - 1] + "…"


def team_rows(team: Team) -> tuple[str, str, list[tuple[str, str]]]:
    return str(team.id), team.name, sorted(team.members.items())


def access_rows(access: NegotiationAccess) -> tuple[str, list[tuple[str, str, str, int]]]:
    grants = [(g["kind"], g["principal"], g["role"], to_us(g["since"])) for g in access.grants.values()]
    return str(access.negotiation_id), sorted(grants)


def approval_rows(negotiation: Negotiation) -> tuple[str, list[tuple[str, str]]]:
    """(negotiation id, (proposal id, approver) of each approval it waits for now)."""
    waiting = [
        (proposal_id, approver)
        for proposal_id in negotiation.approvals
        for approver in negotiation.waiting_on(proposal_id)
    ]
    return str(negotiation.id), sorted(waiting)


def touches_approvals(events: Sequence[Any]) -> bool:
    return any(type(event).__name__ in APPROVAL_EVENTS for event in events)
