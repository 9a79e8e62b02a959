"""Whatever was recorded, the analysis gives an answer and never fails."""

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.analysis_builders import Deal
from tracker.analysis.report import analyse

money = st.integers(0, 300_000).map(str)
days = st.integers(0, 40).map(str)
percent = st.integers(0, 30).map(str)
package = st.fixed_dictionaries(
    {},
    optional={
        "base_salary": money,
        "sign_on": money,
        "target_bonus": percent,
        "pto_days": days,
        "remote_days": st.integers(0, 5).map(str),
        "title": st.sampled_from(["Engineer", "Senior Engineer", "Staff Engineer"]),
        "relocation_paid": st.booleans(),
        "start_date": st.dates().map(lambda d: d.isoformat()),
        "scope": st.text("abc ", min_size=1, max_size=5).filter(str.strip),
    },
).filter(bool)


@settings(max_examples=40, deadline=None)
@given(
    rounds=st.lists(st.tuples(st.booleans(), package), min_size=0, max_size=5),
    alternatives=st.lists(package, max_size=2),
    with_dana=st.booleans(),
)
def test_any_history_can_be_analysed(rounds, alternatives, with_dana):
    deal = Deal().terms(
        "base_salary",
        "sign_on",
        "target_bonus",
        "pto_days",
        "remote_days",
        "title",
        "relocation_paid",
        "start_date",
        "scope",
    )
    deal.priority("base_salary", 40, "130000", "110000").priority("pto_days", 10, "30", "25")
    deal.priority("title", 5, "Senior Engineer", "Engineer", ratings={"Engineer": 20, "Senior Engineer": 80})
    deal.priority("start_date", 5, "2026-01-01", "2026-02-01").priority("relocation_paid", 5, True, False)
    if with_dana:
        deal.priority("base_salary", 100, "100000", "140000", party_id=deal.dana)
    for values in alternatives:
        deal.alternative("Elsewhere", **values)
    for mine, values in rounds:
        deal.propose(deal.me if mine else deal.dana, **values)
    report = analyse(deal.n, now=deal.n.modified_on + timedelta(days=30))
    for by_package in report.perspectives.values():
        for score in by_package.values():
            assert score.score is None or 0 <= score.score <= 100
    assert report.as_dict()["readiness"]["items"]
    scored = any(
        score.score is not None
        for by_package in report.perspectives.values()
        for key, score in by_package.items()
        if key.startswith("proposal:")
    )
    assert (report.charts.dance is None) == (not scored)  # a dance with no scored proposal is not drawn
