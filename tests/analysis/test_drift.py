"""Scores then and now: a package scored against the owner's priorities in force when it was recorded
and against today's, with the priority steps in between, read from the events."""

from __future__ import annotations

import pytest

from tests.support.config import make_config
from tests.support.domain import eur
from tracker.analysis.drift import drift
from tracker.bootstrap import build_tracker
from tracker.domain.priority_history import priority_history

ME = "alex@example.org"


@pytest.fixture
def tracker():
    tracker = build_tracker(make_config(store="memory"))
    yield tracker
    tracker.close()


def step(tracker, nid, command, **fields):
    return tracker.step(nid, command, actor=ME, **fields).value


def salary_and_remote_days(tracker):
    """A negotiation with two parties, salary and remote days, weighed 80 and 20: (id, me, dana)."""
    nid = tracker.start_negotiation(actor=ME, title="Offer", kind="job_offer")
    me = step(tracker, nid, "join_party", name="Alex", role="candidate", side="owner")
    dana = step(tracker, nid, "join_party", name="Dana", role="hiring manager", side="counterpart")
    step(
        tracker,
        nid,
        "add_term",
        key="base_salary",
        label="Base salary",
        kind="money",
        currency="EUR",
        better="higher",
    )
    step(tracker, nid, "add_term", key="remote_days", label="Remote days", kind="days", better="higher")
    salary = {"target": eur("120000"), "walk_away": eur("100000")}
    step(tracker, nid, "set_priority", term_key="base_salary", weight=80, **salary)
    step(tracker, nid, "set_priority", term_key="remote_days", weight=20, target="4", walk_away="0")
    return nid, me, dana


def offer_scoring_60(tracker):
    """Dana's offer of 110,000 EUR with 4 remote days, which salary 80 / remote days 20 scores 60."""
    nid, me, dana = salary_and_remote_days(tracker)
    step(
        tracker,
        nid,
        "make_proposal",
        from_party=dana,
        to_parties=[me],
        values={"base_salary": eur("110000"), "remote_days": "4"},
    )
    return nid, me, dana


def read(tracker, nid):
    negotiation = tracker.get(nid)
    return drift(negotiation, priority_history(tracker.events.get(nid)))


def test_an_offer_scored_then_and_now_with_the_weight_change_between(tracker):
    """Salary 80 / remote days 20: 110,000 EUR with 4 remote days scores 0.8 x 50 + 0.2 x 100 = 60.
    Remote days then go to weight 80 and salary to 20: 0.2 x 50 + 0.8 x 100 = 90."""
    nid, _, _ = offer_scoring_60(tracker)
    step(tracker, nid, "set_priority", term_key="remote_days", weight=80, target="4", walk_away="0")
    step(
        tracker,
        nid,
        "set_priority",
        term_key="base_salary",
        weight=20,
        target=eur("120000"),
        walk_away=eur("100000"),
    )
    step(
        tracker,
        nid,
        "log_alternative",
        label="Stay",
        kind="status_quo",
        values={"base_salary": eur("105000")},
    )
    found = read(tracker, nid)
    offer, stay = found.rows
    assert (offer.then, offer.now) == (60, 90) and offer.score_moved
    assert [(c.label, c.words) for c in offer.changes] == [
        ("Remote days", "weight 20 → 80"),
        ("Base salary", "weight 80 → 20"),
    ]
    assert offer.sentence == (
        "#1 Dana (hiring manager) scored 60 when it came; against today's priorities 90, because Remote days: "
        "weight 20 → 80 (version 9); Base salary: weight 80 → 20 (version 10)."
    )
    # The alternative came after the change: the same score then and now (only salary is scored: 25).
    assert (stay.then, stay.now, stay.score_moved) == (25, 25, False)
    assert (
        found.summary
        == "1 of 2 packages score differently against today's priorities than against those in force when they came."
    )


def test_a_package_recorded_before_any_priority_could_not_be_scored_then(tracker):
    nid = tracker.start_negotiation(actor=ME, title="Offer", kind="job_offer")
    me = step(tracker, nid, "join_party", name="Alex", role="candidate", side="owner")
    dana = step(tracker, nid, "join_party", name="Dana", role="hiring manager", side="counterpart")
    step(tracker, nid, "add_term", key="remote_days", label="Remote days", kind="days", better="higher")
    step(tracker, nid, "make_proposal", from_party=dana, to_parties=[me], values={"remote_days": "2"})
    step(tracker, nid, "set_priority", term_key="remote_days", weight=50, target="4", walk_away="0")
    [row] = read(tracker, nid).rows
    assert row.then is None and row.now == 50
    assert (
        row.sentence
        == "#1 Dana (hiring manager) could not be scored when it came (no priorities then); today it scores 50."
    )


def test_calibrated_weights_are_priority_steps_too(tracker):
    nid, me, dana = salary_and_remote_days(tracker)
    values = {"base_salary": eur("110000"), "remote_days": "4"}
    step(tracker, nid, "make_proposal", from_party=dana, to_parties=[me], values=values)
    for rating in (50, 60, 70):
        step(tracker, nid, "rate_package", values=values, rating=rating)
    step(tracker, nid, "calibrate_weights", weights={"base_salary": 50, "remote_days": 50})
    [row] = read(tracker, nid).rows
    assert (row.then, row.now) == (60, 75)
    assert [c.words for c in row.changes] == ["weight 80 → 50", "weight 20 → 50"]


def test_a_history_kept_and_extended_equals_one_read_whole(tracker):
    nid = tracker.start_negotiation(actor=ME, title="Offer", kind="job_offer")
    step(tracker, nid, "add_term", key="remote_days", label="Remote days", kind="days", better="higher")
    step(tracker, nid, "set_priority", term_key="remote_days", weight=20, target="4", walk_away="0")
    kept = priority_history(tracker.events.get(nid))
    step(tracker, nid, "set_priority", term_key="remote_days", weight=60, target="4", walk_away="0")
    step(tracker, nid, "log_alternative", label="Stay", kind="status_quo", values={"remote_days": "1"})
    extended = priority_history(tracker.events.get(nid, gt=kept.version), kept)
    assert extended == priority_history(tracker.events.get(nid))
    assert extended.version == 5 and [s.weight for s in extended.steps] == [20, 60]


def test_a_rows_sentence_is_written_when_first_read_and_the_api_lists_it(tracker):
    """The negotiation page shows a few rows' scores; each row's sentence is written when first read,
    once, and the analysis' JSON lists it as before."""
    from tracker.analysis.report import jsonable

    nid, _, _ = offer_scoring_60(tracker)
    row = read(tracker, nid).rows[0]
    assert "sentence" not in vars(row)
    assert row.sentence == f"{row.label} scores 60, as when it came." and row.sentence is row.sentence
    assert jsonable(row)["sentence"] == row.sentence


def test_the_summary_and_the_moved_rows_score_only_the_packages_whose_priorities_changed(tracker):
    """The negotiation page reads the summary and a few moved rows: a package scored against the same
    priorities then as now did not move, so only the others are scored for them; every row is
    written when first read (as of the state asked for: a later step is not in them), and the
    moved ones are those of the rows."""
    from unittest import mock

    from tracker.analysis import drift as module

    nid, me, dana = salary_and_remote_days(tracker)

    def offer(salary: str) -> None:
        values = {"base_salary": eur(salary), "remote_days": "4"}
        step(tracker, nid, "make_proposal", from_party=dana, to_parties=[me], values=values)

    offer("110000")
    step(tracker, nid, "set_priority", term_key="remote_days", weight=80, target="4", walk_away="0")
    offer("115000")
    offer("118000")
    negotiation, history = tracker.get(nid), priority_history(tracker.events.get(nid))
    with mock.patch.object(module, "score_values", wraps=module.score_values) as scored:
        found = drift(negotiation, history)
    assert scored.call_count == 2  # the first offer, then and now; the later two are not scored
    assert "rows" not in vars(found)
    assert [r.package_key for r in found.moved] == ["proposal:prop1"]
    assert found.summary.startswith("1 of 3 packages score differently")
    step(
        tracker,
        nid,
        "set_priority",
        term_key="base_salary",
        weight=10,
        target=eur("130000"),
        walk_away=eur("100000"),
    )
    assert [r.score_moved for r in found.rows] == [True, False, False]
    assert found.moved == [r for r in found.rows if r.score_moved] and found.rows is found.rows
    assert found == drift(negotiation, history) and found != drift(tracker.get(nid), history)
