"""Only what is on the table counts: a withdrawn proposal stays on record but out of concessions, the
Pareto comparison, the latest figures and the charts; a proposal some of its addressees accepted reads
"accepted by 1 of 2"; chart axes take in every line drawn and time labels fit the span shown."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.support.analysis_builders import Deal
from tracker.analysis.axes import time_labels, value_ticks
from tracker.analysis.charts import dance_chart, term_chart
from tracker.analysis.concessions import concessions
from tracker.analysis.pareto import pareto_check, scores_by_perspective
from tracker.analysis.report import analyse

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def bargaining(withdraw: bool) -> Deal:
    """Dana offers 110k, Alex asks 140k then (perhaps) withdraws a wild 400k ask, Dana moves to 118k."""
    deal = Deal().terms("base_salary")
    deal.priority("base_salary", 100, "130000", "112000")
    deal.propose(deal.dana, occurred_at=START, base_salary="110000")
    deal.propose(deal.me, occurred_at=START + timedelta(days=1), base_salary="140000")
    wild = deal.propose(deal.me, occurred_at=START + timedelta(days=2), base_salary="400000")
    if withdraw:
        deal.do("withdraw_proposal", proposal_id=wild, party=deal.me, reason="typo")
    deal.propose(deal.dana, occurred_at=START + timedelta(days=3), base_salary="118000")
    return deal


def alex_share(deal: Deal):
    return next(p.share for p in concessions(deal.n).parties if p.name.startswith("Alex"))


def test_a_withdrawn_proposal_is_no_concession():
    assert alex_share(bargaining(withdraw=True)) == 0  # Alex has not moved from 140k
    assert alex_share(bargaining(withdraw=False)) < -500  # the 400k ask, were it still standing


def test_a_withdrawn_proposal_is_left_out_of_the_pareto_comparison():
    result = pareto_check(bargaining(withdraw=True).n)
    assert len(result.rows) == 3
    assert "1 withdrawn proposal is left out" in result.note


def test_a_withdrawn_proposal_does_not_beat_the_batna_and_is_not_the_latest():
    deal = bargaining(withdraw=True)
    deal.alternative("Offer from Contoso", base_salary="115000")
    report = analyse(deal.n, now=START + timedelta(days=5))
    withdrawn = next(p for p in report.packages if p.withdrawn)
    assert withdrawn.status_label == "withdrawn"
    assert report.scores[withdrawn.key].beats_batna is None
    assert report.comparison.columns[0].package_key == "proposal:prop4"


def test_the_charts_leave_withdrawn_proposals_out_and_say_so():
    deal = bargaining(withdraw=True)
    dance = dance_chart(deal.n, scores_by_perspective(deal.n))
    salary = term_chart(deal.n, "base_salary")
    for svg in (dance, salary):
        assert "1 withdrawn proposal not shown" in svg
        assert "#3 " not in svg  # the withdrawn one has no point or label
    assert "400,000" not in salary


def test_the_value_axis_takes_in_the_target_walk_away_and_agreement():
    deal = bargaining(withdraw=True)
    offer = deal.propose(deal.dana, occurred_at=START + timedelta(days=4), base_salary="126000")
    deal.do("accept_proposal", proposal_id=offer, party=deal.me)
    svg = term_chart(deal.n, "base_salary")
    labels = [float(v.replace(",", "")) for v in re.findall(r"<text[^>]*>([\d,]+)</text>", svg)]
    assert min(labels) <= 110000 and max(labels) >= 140000
    assert "Agreed: 126,000 EUR" in svg and "Your target: 130,000 EUR" in svg
    assert 'viewBox="0 0 ' in svg and "width=" not in svg.split(">", 1)[0]


def test_partial_acceptance_reads_accepted_by_one_of_two():
    deal = Deal().terms("base_salary")
    rick = deal.do("join_party", name="Rick Alvarez", role="recruiter", side="counterpart")
    offer = deal.do(
        "make_proposal",
        from_party=deal.me,
        to_parties=[deal.dana, rick],
        values=deal.raw_values({"base_salary": "130000"}),
    )
    deal.do("accept_proposal", proposal_id=offer, party=deal.dana)
    assert deal.n.proposals[offer].status_label == "accepted by 1 of 2"
    deal.do("accept_proposal", proposal_id=offer, party=rick)
    assert deal.n.proposals[offer].status_label == "accepted"
    assert deal.n.proposal_name(offer) == "proposal #1 from Alex Morgan"


def test_value_ticks_are_round_and_cover_every_value():
    ticks = value_ticks([112000, 130000, 118000, 127000])
    assert ticks[0] <= 112000 and ticks[-1] >= 130000
    steps = {round(b - a, 6) for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1 and str(steps.pop()).rstrip("0").rstrip(".")[0] in "125"
    assert value_ticks([0, 3], floor=0)[0] == 0
    assert value_ticks([5], floor=0)[0] >= 0
    assert value_ticks([739000.0], least_step=1.0)[1] - value_ticks([739000.0], least_step=1.0)[0] >= 1
    assert value_ticks([None]) == []


def test_time_labels_fit_the_span_and_the_readers_zone():
    same_day = [START, START + timedelta(hours=3)]
    assert time_labels(same_day, ZoneInfo("Europe/Berlin")) == ["10:00", "13:00"]
    assert time_labels(same_day, ZoneInfo("America/New_York")) == ["04:00", "07:00"]
    weeks = [START, START + timedelta(days=20)]
    assert time_labels(weeks, ZoneInfo("UTC")) == ["2 Mar", "22 Mar"]
    years = [START, START + timedelta(days=400)]
    assert time_labels(years, ZoneInfo("UTC")) == ["Mar 2026", "Apr 2027"]
    days = [START, START + timedelta(days=2)]
    assert time_labels(days, ZoneInfo("UTC")) == ["Mon 09:00", "Wed 09:00"]
