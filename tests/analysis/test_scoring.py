from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.analysis_builders import Deal
from tracker.analysis.package_value import term_specs
from tracker.analysis.scoring import score_packages, score_term, score_values

D = Decimal


@pytest.fixture
def deal() -> Deal:
    d = Deal().terms("base_salary", "remote_days", "title", "relocation_paid", "scope", "start_date")
    d.priority("base_salary", 60, "130000", "110000")
    d.priority("remote_days", 40, "3", "1")
    return d


def owner_score(deal: Deal, **values):
    return score_values(deal.stored(values), term_specs(deal.n), deal.n.priorities["owner"])


def term(result, key):
    return next(t for t in result.terms if t.term_key == key)


def test_halfway_between_walk_away_and_target_scores_50(deal):
    result = owner_score(deal, base_salary="120000", remote_days="3")
    assert term(result, "base_salary").score == D("50.00")
    assert term(result, "remote_days").score == D("100.00")
    assert result.score == D("70.00") and result.display == "70"  # (60 x 50 + 40 x 100) / 100
    assert result.coverage == D("100.00") and result.below_walk_away == []


def test_beyond_the_target_is_clamped_and_below_walk_away_is_flagged(deal):
    result = owner_score(deal, base_salary="140000", remote_days="0")
    assert term(result, "base_salary").score == D("100.00")
    assert term(result, "remote_days").score == D("0.00")
    assert result.below_walk_away == ["remote_days"]
    assert "below the walk-away point" in term(result, "remote_days").reason


def test_exactly_at_walk_away_is_not_below_it(deal):
    result = owner_score(deal, base_salary="110000")
    assert term(result, "base_salary").score == D(0) and result.below_walk_away == []


def test_terms_the_package_does_not_mention_are_left_out_and_coverage_shows_it(deal):
    result = owner_score(deal, base_salary="120000")
    assert result.score == D("50.00")
    assert result.coverage == D("60.00")


def test_lower_is_better_when_the_target_is_below_the_walk_away():
    deal = Deal().term("start_date")
    deal.priority("start_date", 10, "2026-03-01", "2026-03-31")
    result = owner_score(deal, start_date="2026-03-16")
    assert result.score == D("50.00")
    late = owner_score(deal, start_date="2026-04-10")
    assert late.score == D(0) and late.below_walk_away == ["start_date"]


def test_counterpart_priorities_run_the_other_way(deal):
    deal.priority("base_salary", 100, "110000", "130000", party_id=deal.dana)
    result = score_values(
        deal.stored({"base_salary": "115000"}),
        term_specs(deal.n),
        deal.n.priorities[deal.dana],
        perspective=deal.dana,
    )
    assert result.score == D("75.00") and result.perspective == deal.dana


def test_choice_terms_score_by_ratings_and_unrated_options_count_zero(deal):
    deal.priority("title", 20, "Senior Engineer", "Engineer", ratings={"Engineer": 20, "Senior Engineer": 80})
    assert term(owner_score(deal, title="Senior Engineer"), "title").score == D(80)
    staff = term(owner_score(deal, title="Staff Engineer"), "title")
    assert staff.score == D(0) and staff.reason.startswith("not rated")
    assert staff.below_walk_away  # 0 is rated lower than the walk-away option (20)


def test_yes_no_without_ratings_scores_the_target_100_and_the_other_answer_0(deal):
    deal.priority("relocation_paid", 10, True, False)
    assert term(owner_score(deal, relocation_paid="yes"), "relocation_paid").score == D(100)
    assert term(owner_score(deal, relocation_paid="no"), "relocation_paid").score == D(0)


def test_unrated_choice_other_than_target_or_walk_away_is_not_scored(deal):
    deal.priority("title", 20, "Senior Engineer", "Engineer")
    result = owner_score(deal, title="Staff Engineer", base_salary="120000")
    assert term(result, "title").score is None
    assert result.score == D("50.00")  # the unscored term does not dilute the score


def test_text_terms_and_half_set_priorities_are_not_scored(deal):
    deal.priority("scope", 10, "Own the data platform", "Join the platform team")
    deal.priority("remote_days", 40, "3")  # no walk-away any more
    result = owner_score(deal, scope="Own it", remote_days="2")
    assert result.score is None
    assert {t.term_key: t.reason for t in result.terms} == {
        "scope": "text terms are not scored",
        "remote_days": "not scored: it needs both a target and a walk-away point",
    }


def test_equal_target_and_walk_away_use_the_term_direction():
    deal = Deal().term("remote_days")
    deal.priority("remote_days", 10, "3", "3")
    assert owner_score(deal, remote_days="4").score == D(100)
    low = owner_score(deal, remote_days="2")
    assert low.score == D(0) and low.below_walk_away == ["remote_days"]


def test_best_alternative_is_marked_and_each_proposal_says_whether_it_beats_it(deal):
    contoso = deal.alternative("Offer from Contoso", base_salary="124000", remote_days="2")  # 70, 50 -> 62
    deal.alternative("Stay put", kind="status_quo", base_salary="108000", remote_days="1")  # 0
    good = deal.propose(deal.dana, base_salary="120000", remote_days="3")  # 70
    poor = deal.propose(deal.me, base_salary="115000", remote_days="2")  # 15, 50 -> 29
    scores = score_packages(deal.n)
    assert scores[f"alternative:{contoso}"].score == D("62.00")
    assert scores[f"proposal:{good}"].beats_batna is True
    assert scores[f"proposal:{poor}"].beats_batna is False
    assert scores[f"alternative:{contoso}"].beats_batna is None


def test_without_alternatives_nothing_claims_to_beat_one(deal):
    pid = deal.propose(deal.dana, base_salary="120000")
    assert score_packages(deal.n)[f"proposal:{pid}"].beats_batna is None


def test_without_a_weighted_priority_on_a_known_term_nothing_is_scored_or_covered():
    """No priorities, only a weight of 0, or a weight on a term the specs do not know: no score, a
    coverage of 0 (shown as 0, not 0.00), no terms."""
    deal = Deal().terms("base_salary", "remote_days")
    values = deal.stored({"base_salary": "120000", "remote_days": "2"})
    specs = term_specs(deal.n)
    deal.priority("base_salary", 0, "130000", "110000")
    zero = dict(deal.n.priorities["owner"])
    deal.priority("base_salary", 50, "130000", "110000")
    weighted = dict(deal.n.priorities["owner"])
    without_salary = {k: v for k, v in specs.items() if k != "base_salary"}
    for given_specs, priorities in ((specs, {}), (specs, zero), (without_salary, weighted)):
        result = score_values(values, given_specs, priorities, package_key="p")
        assert (result.package_key, result.score, result.terms, result.below_walk_away) == ("p", None, [], [])
        assert result.coverage == D(0) and str(result.coverage) == "0" and result.display == "-"
    assert score_values(values, specs, weighted).score == D(50)


@settings(max_examples=60, deadline=None)
@given(
    target=st.integers(1, 300_000),
    walk=st.integers(0, 300_000),
    a=st.integers(0, 400_000),
    b=st.integers(0, 400_000),
)
def test_scores_stay_within_0_and_100_and_never_fall_as_the_value_improves(target, walk, a, b):
    deal = Deal().term("base_salary")
    if target < walk:
        target, walk = walk, target
    deal.priority("base_salary", 10, str(target), str(walk))
    spec, priority = deal.n.terms["base_salary"], deal.n.priorities["owner"]["base_salary"]
    low, high = sorted((a, b))
    s_low = score_term(spec, priority, deal.stored({"base_salary": str(low)})["base_salary"]).score
    s_high = score_term(spec, priority, deal.stored({"base_salary": str(high)})["base_salary"]).score
    assert D(0) <= s_low <= s_high <= D(100)


def test_packages_are_scored_when_first_read_the_alternatives_first_for_the_verdicts(deal, monkeypatch):
    """``score_packages`` scores the alternatives (the best one decides each proposal's verdict) and
    each proposal when first read, as scoring them all at once did, against the priorities of the
    state it was asked for."""
    from tracker.analysis import scoring

    contoso = deal.alternative("Offer from Contoso", base_salary="124000", remote_days="2")  # 62
    keys = [
        f"proposal:{deal.propose(deal.dana, base_salary=str(s), remote_days='3')}" for s in (120000, 112000)
    ]
    scored = []
    real = scoring.score_values
    monkeypatch.setattr(
        scoring, "score_values", lambda *a, **k: scored.append(k["package_key"]) or real(*a, **k)
    )
    scores = score_packages(deal.n)
    assert scored == [f"alternative:{contoso}"] and keys[1] in scores and len(scores) == 3
    deal.priority("remote_days", 40, "5", "1")  # a later step: not what these scores read
    assert (scores[keys[0]].score, scores[keys[0]].beats_batna) == (D("70.00"), True)
    assert (scores[keys[1]].score, scores[keys[1]].beats_batna) == (D("46.00"), False)
    assert scores[keys[0]] is scores[keys[0]] and scored.count(keys[0]) == 1
    assert list(scores) == [*keys, f"alternative:{contoso}"] and dict(scores) == {
        k: scores[k] for k in scores
    }
