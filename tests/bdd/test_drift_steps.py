"""features/priorities_then_and_now.feature: scores against the priorities then and now."""

from __future__ import annotations

from pytest_bdd import parsers, scenarios, then, when

from tests.bdd.analysis_steps import *  # noqa: F403
from tests.bdd.analysis_steps import NAME, proposal_key, set_priorities

scenarios("priorities_then_and_now.feature")


@when(parsers.re(r"(?P<user>\w+)'s priorities become:"))
def priorities_become(workflow, datatable):
    set_priorities(workflow, datatable)


def row_for(workflow, view, name):
    key = proposal_key(workflow, name)
    return next(r for r in view.report(workflow).drift.rows if r.package_key == key)


@then(
    parsers.re(NAME + r"'s latest proposal scored (?P<then>\d+) when it came and scores (?P<now>\d+) today")
)
def then_and_now(workflow, view, name, then, now):
    row = row_for(workflow, view, name)
    assert (row.then, row.now) == (int(then), int(now)), row.sentence
    workflow.last_drift = row


@then(parsers.re(r'the difference is explained by "(?P<first>[^"]+)" and "(?P<second>[^"]+)"'))
def explained(workflow, first, second):
    said = [f"{c.label}: {c.words}" for c in workflow.last_drift.changes]
    assert said == [first, second], said
