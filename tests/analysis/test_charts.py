import re

from tests.support.analysis_builders import Deal, ago
from tracker.analysis.charts import dance_chart, term_chart, term_charts
from tracker.analysis.packages import all_packages
from tracker.analysis.pareto import scores_by_perspective
from tracker.analysis.scoring import best_alternative


def deal_with_rounds() -> Deal:
    deal = Deal().terms("base_salary", "start_date", "title", "target_bonus")
    deal.priority("base_salary", 60, "130000", "110000")
    deal.priority("base_salary", 100, "110000", "130000", party_id=deal.dana)
    deal.do("log_research", term_key="base_salary", source="Levels survey", typical="122000")
    deal.alternative("Offer from Contoso", base_salary="124000")
    deal.propose(
        deal.dana, occurred_at=ago(10), base_salary="118000", start_date="2026-03-01", title="Engineer"
    )
    deal.propose(deal.me, occurred_at=ago(5), base_salary="132000", target_bonus="15")
    return deal


def assert_inline_svg(svg: str) -> None:
    assert svg.startswith("<svg ") and "<?xml" not in svg
    assert "<script" not in svg and "kozea.github.io" not in svg
    assert not re.search(r'(src|href)="(https?:)?//', svg)  # nothing fetched from elsewhere
    assert 'role="img"' in svg


def test_dance_chart_shows_every_side_from_every_perspective_and_the_best_alternative():
    deal = deal_with_rounds()
    by = scores_by_perspective(deal.n)
    svg = dance_chart(deal.n, by, best_alternative(all_packages(deal.n), by["owner"]))
    assert_inline_svg(svg)
    for legend in (
        "Dana Kim's proposals, your score",
        "Alex Morgan's proposals, your score",
        "Dana Kim's proposals, Dana Kim's score",
        "Best alternative: Offer from Contoso (70)",
    ):
        assert legend.replace("'", "&#39;") in svg or legend in svg
    when = (ago(10)).strftime("%d %b")
    assert f"#1 Dana {when}" in svg and "Score (0-100)" in svg


def test_term_chart_has_positions_target_walk_away_and_market_lines():
    svg = term_chart(deal_with_rounds().n, "base_salary")
    assert_inline_svg(svg)
    for text in (
        "Base salary (EUR): positions over time",
        "Your target: 130,000 EUR",
        "Your walk-away: 110,000 EUR",
        "Market typical: 122,000 EUR",
        "Dana Kim",
        "Alex Morgan",
    ):
        assert text in svg
    assert re.search(r">1\d\d,000<", svg)  # readable money labels on the axis


def test_date_terms_are_labelled_as_dates():
    svg = term_chart(deal_with_rounds().n, "start_date")
    assert ">2026-03-01<" in svg


def test_only_drawable_terms_get_a_chart():
    deal = deal_with_rounds()
    assert list(term_charts(deal.n)) == ["base_salary", "start_date", "target_bonus"]
    assert term_chart(deal.n, "title") is None and term_chart(deal.n, "nope") is None


def test_nothing_to_draw_gives_none():
    deal = Deal().term("base_salary")
    assert dance_chart(deal.n, scores_by_perspective(deal.n)) is None
    assert term_chart(deal.n, "base_salary") is None
