"""Time in stage from a negotiation's events: each change of stage ends one span and starts the next,
a reopened negotiation enters a stage again, a backdated step never makes a span run backwards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tracker.domain.stage_time import StageSpan, spans_from, stage_spans
from tracker.domain.vocabulary import Stage

ACTOR = "mia@example.com"
JAN = datetime(2026, 1, 1, 9, tzinfo=UTC)


def day(n: float) -> datetime:
    return JAN + timedelta(days=n)


def test_each_change_of_stage_ends_a_span_and_a_reopened_negotiation_enters_one_again(memory_tracker):
    t = memory_tracker
    nid = t.start_negotiation(actor=ACTOR, title="Team lead", kind="internal_role_change", occurred_at=day(0))
    t.step(nid, "change_stage", actor=ACTOR, stage="negotiating", occurred_at=day(10))
    t.step(nid, "add_note", actor=ACTOR, text="Talked to HR", occurred_at=day(12))  # no change of stage
    t.step(nid, "conclude", actor=ACTOR, outcome="declined", occurred_at=day(15))
    t.step(nid, "reopen", actor=ACTOR, reason="A new budget", occurred_at=day(40))
    t.step(nid, "change_stage", actor=ACTOR, stage="negotiating", occurred_at=day(41))

    spans = stage_spans(t.events.get(nid))
    assert spans == [
        StageSpan(Stage.PREPARING, day(0), day(10)),
        StageSpan(Stage.NEGOTIATING, day(10), day(15)),
        StageSpan(Stage.DECLINED, day(15), day(40)),
        StageSpan(Stage.PREPARING, day(40), day(41)),  # reopened without proposals: preparing again
        StageSpan(Stage.NEGOTIATING, day(41), None),
    ]
    assert [s.days(day(50)) for s in spans] == pytest.approx([10, 5, 25, 1, 9])
    assert [s.is_current for s in spans] == [False, False, False, False, True]


def test_a_step_backdated_before_the_stage_began_ends_it_at_once():
    spans = spans_from([("preparing", day(5)), ("negotiating", day(2)), ("agreed", day(9))])
    assert spans == [
        StageSpan(Stage.PREPARING, day(5), day(5)),
        StageSpan(Stage.NEGOTIATING, day(5), day(9)),
        StageSpan(Stage.AGREED, day(9), None),
    ]
    assert spans[0].days(day(20)) == 0


def test_the_current_stage_counts_up_to_now_and_never_below_zero():
    span = StageSpan(Stage.PREPARING, day(3))
    assert span.days(day(4.5)) == pytest.approx(1.5)
    assert span.days(day(1)) == 0
