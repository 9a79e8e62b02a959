"""features/analysis_demo.feature: the sample negotiation's analysis, now and as of an earlier version."""

from pytest_bdd import given, parsers, scenarios, then, when

from tests.bdd.analysis_steps import *  # noqa: F403
from tests.bdd.analysis_steps import NAME
from tracker.demo import ACTOR, load_demo

scenarios("analysis_demo.feature")
VERDICT = {True: "yes", False: "no", None: "-"}


@given('the sample negotiation from "tracker demo"')
def sample(workflow):
    workflow.nid = load_demo(workflow.tracker)
    workflow.user = ACTOR


@when(
    parsers.re(
        r"(?P<user>\w+) looks at the negotiation as it stood just after " + NAME + r"'s first proposal"
    )
)
def as_of_first(workflow, view, name):
    party = workflow.party(name)
    first = next(p for p in workflow.current().proposals_in_order() if p.from_party == party)
    view.version = first.made_version


@then(parsers.re(r"(?P<user>\w+)'s scores are:"))
def scores_are(workflow, view, datatable):
    report = view.report(workflow)
    actual = [
        [p.label, report.scores[p.key].display, VERDICT[report.scores[p.key].beats_batna]]
        for p in report.packages
    ]
    assert actual == datatable[1:], actual


@then(parsers.parse('the concessions read "{summary}"'))
def concessions_read(workflow, view, summary):
    assert view.report(workflow).concessions.summary == summary


@then(parsers.parse("the charts show the negotiation dance and the positions on {terms}"))
def charts_show(workflow, view, terms):
    charts = view.report(workflow).charts
    assert charts.dance.startswith("<svg") and "The negotiation dance" in charts.dance
    expected = [workflow.term(label).key for label in terms.split(", ")]
    assert list(charts.terms) == expected
    for key in expected:
        assert workflow.term(key).label in charts.terms[key]


@then(parsers.parse("the side-by-side comparison shows {labels}"))
def comparison_shows(workflow, view, labels):
    columns = view.report(workflow).comparison.columns
    assert ", ".join(f'"{c.label}"' for c in columns) == labels


@then(parsers.parse("{done:d} of the {total:d} checklist items are done"))
def checklist_count(workflow, view, done, total):
    readiness = view.report(workflow).readiness
    assert (readiness.done_count, len(readiness.items)) == (done, total)
