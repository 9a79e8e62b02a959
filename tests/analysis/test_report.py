"""The whole analysis of the sample negotiation, now and as of an earlier version."""

import ast
import json
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.analysis.report import analyse
from tracker.demo import load_demo

D = Decimal
ANALYSIS_DIR = Path(__file__).resolve().parents[2] / "tracker" / "analysis"


@pytest.fixture
def demo(memory_tracker):
    nid = load_demo(memory_tracker)
    return memory_tracker, nid


def test_the_demo_negotiation_yields_every_part_of_the_analysis(demo):
    tracker, nid = demo
    report = analyse(tracker.get(nid), config={"sign_on_spread_years": 1, "stale_after_days": 14})
    assert [report.scores[f"proposal:prop{i}"].display for i in range(1, 5)] == ["24", "96", "71", "76"]
    assert report.batna.label == "Offer from Contoso"
    assert [report.scores[f"proposal:prop{i}"].beats_batna for i in range(1, 5)] == [False, True, True, True]
    # prop1: 118,000 base + 10% bonus 11,800 + sign-on 5,000 + training 1,500 (26 days is the fewest)
    assert report.values["proposal:prop1"].totals == {"EUR": D("136300.00")}
    assert report.concessions.conceded_more == "p2"  # Dana Kim
    assert len(report.readiness.items) == 9
    assert report.charts.dance.startswith("<svg") and "base_salary" in report.charts.terms
    assert report.comparison.columns[0].package_key == "proposal:prop4"
    assert report.perspectives.keys() == {"owner"}


def test_the_report_is_json_ready(demo):
    tracker, nid = demo
    data = analyse(tracker.get(nid)).as_dict()
    text = json.dumps(data)
    assert data["scores"]["proposal:prop1"]["display"] == "24"
    assert data["scores"]["proposal:prop1"]["score"] == "23.77"
    assert data["readiness"]["done_count"] == 4
    assert "charts" not in data and "<svg" not in text
    assert analyse(tracker.get(nid)).as_dict(include_charts=True)["charts"]["dance"].startswith("<svg")


def test_analysis_works_as_of_an_earlier_version(demo):
    tracker, nid = demo
    first_offer = tracker.get(nid).proposals["prop1"].made_version
    then = tracker.get(nid, version=first_offer)
    report = analyse(then, now=then.modified_on)
    assert report.version == first_offer
    assert [k for k in report.scores if k.startswith("proposal:")] == ["proposal:prop1"]
    assert report.scores["proposal:prop1"].display == "24"
    assert report.concessions.conceded_more is None
    assert report.comparison.columns[0].package_key == "proposal:prop1"
    assert report.charts.dance is not None


def test_analysis_of_a_bare_negotiation_does_not_fail(memory_tracker):
    nid = memory_tracker.start_negotiation(actor="a@example.org", title="Promotion", kind="promotion")
    report = analyse(memory_tracker.get(nid))
    assert report.scores == {} and report.batna is None and report.charts.dance is None
    assert report.readiness.done_count == 0


def test_rates_given_by_the_user_convert_the_totals(demo):
    tracker, nid = demo
    report = analyse(tracker.get(nid), rates={}, convert_to="EUR", charts=False)
    assert report.values["proposal:prop1"].converted.amount == D("136300.00")
    assert report.charts is None


@pytest.mark.parametrize("module", sorted(p.name for p in ANALYSIS_DIR.glob("*.py")))
def test_analysis_imports_nothing_from_the_web_or_storage(module):
    tree = ast.parse((ANALYSIS_DIR / module).read_text())
    names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    names += [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
    forbidden = (
        "flask",
        "eventsourcing",
        "sqlite3",
        "psycopg",
        "tracker.web",
        "tracker.application",
        "tracker.bootstrap",
        "tracker.config",
    )
    assert not [n for n in names if n.startswith(forbidden)]
