"""features/value_case.feature: the value case, its readiness item and citations."""

from __future__ import annotations

from pytest_bdd import parsers, scenarios, then, when

from tests.bdd.analysis_steps import *  # noqa: F403
from tests.bdd.analysis_steps import NAME

scenarios("value_case.feature")


@when(parsers.re(NAME + r" proposes to (?P<to>.+?), citing the value case: (?P<values>.+)"))
def proposes_citing(workflow, name, to, values):
    entries = [e.entry_id for e in workflow.current().value_case]
    workflow.do(
        "make_proposal",
        from_party=workflow.party(name),
        to_parties=[workflow.party(to)],
        values=workflow.values(values),
        cites=entries,
    )


@then(parsers.parse('the readiness checklist says "{reason}"'))
def checklist_says(workflow, view, reason):
    item = next(i for i in view.report(workflow).readiness.items if i.key == "value_case")
    assert item.reason == reason


@then("the value case backs every ask")
def backs_every_ask(workflow, view):
    item = next(i for i in view.report(workflow).readiness.items if i.key == "value_case")
    assert item.status == "done", item.reason
