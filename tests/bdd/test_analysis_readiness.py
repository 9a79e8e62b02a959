"""features/analysis_readiness.feature and features/analysis_ready_all.feature"""

from pytest_bdd import parsers, scenarios, then

from tests.bdd.analysis_steps import *  # noqa: F403

scenarios("analysis_readiness.feature", "analysis_ready_all.feature")


@then("the checklist reads:")
def checklist_reads(workflow, view, datatable):
    items = view.report(workflow).readiness.items
    assert [[i.title, i.status] for i in items] == datatable[1:]


@then(parsers.parse('the checklist says "{title}" because "{reason}"'))
def item_reason(workflow, view, title, reason):
    item = next(i for i in view.report(workflow).readiness.items if i.title == title)
    assert item.reason == reason


@then("every item of the checklist is done")
def all_done(workflow, view):
    items = view.report(workflow).readiness.items
    assert [i.title for i in items if not i.done] == []
