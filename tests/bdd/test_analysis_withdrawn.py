"""features/analysis_withdrawn.feature"""

from pytest_bdd import parsers, scenarios, then

from tests.bdd.analysis_steps import *  # noqa: F403
from tests.bdd.analysis_steps import NAME

scenarios("analysis_withdrawn.feature")


@then(parsers.parse("the charts leave out {count:d} withdrawn proposal"))
def charts_leave_out(workflow, view, count):
    charts = view.report(workflow).charts
    note = f"{count} withdrawn proposal{'s' if count > 1 else ''} not shown"
    assert note in charts.dance
    assert all(note in svg for svg in charts.terms.values())


@then(parsers.re(NAME + r"'s latest proposal reads \"(?P<status>[^\"]+)\""))
def proposal_reads(workflow, name, status):
    negotiation = workflow.current()
    assert negotiation.proposals[workflow.latest_proposal(name)].status_label == status
