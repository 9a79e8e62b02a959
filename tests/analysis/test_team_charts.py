"""The team dashboard's charts: inline SVG without script or XML declaration, labelled for screen
readers, nothing drawn when there is nothing to count; the approvals slot draws what it is given."""

from __future__ import annotations

import pytest

from tracker.analysis.team_charts import agreement_chart, approvals_chart, outcomes_chart, stages_chart

MONTHS = ["Jan 2026", "Feb 2026"]


@pytest.mark.parametrize(
    "svg",
    [
        stages_chart(MONTHS, {"preparing": [1, 0], "agreed": [0, 2]}),
        outcomes_chart(MONTHS, {"agreed": [0, 2]}),
        agreement_chart([("internal_role_change", 20.5, 2)]),
        approvals_chart([("hr@example.com", 3)]),
    ],
)
def test_each_chart_is_inline_accessible_svg(svg):
    assert svg.startswith("<svg ") and 'role="img"' in svg and 'aria-label="' in svg and "viewBox" in svg
    assert "<script" not in svg and "<?xml" not in svg


def test_nothing_to_count_draws_nothing():
    assert stages_chart(MONTHS, {}) is None
    assert stages_chart(MONTHS, {"preparing": [0, 0]}) is None
    assert outcomes_chart(MONTHS, {}) is None
    assert agreement_chart([]) is None
    assert approvals_chart([]) is None
    assert approvals_chart([("hr@example.com", 0)]) is None


def test_the_charts_name_what_they_draw():
    assert "Internal role change (2)" in agreement_chart([("internal_role_change", 20.5, 2)])
    assert "Offer received" in stages_chart(MONTHS, {"offer_received": [1, 1]})
    assert "hr@example.com" in approvals_chart([("hr@example.com", 3)])
