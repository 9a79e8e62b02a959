"""features/win_win.feature: better deals for both sides, read through tracker.analysis."""

from __future__ import annotations

from pytest_bdd import parsers, scenarios, then, when

from tests.bdd.analysis_steps import *  # noqa: F403
from tests.bdd.analysis_steps import NAME, proposal_key, set_priorities

scenarios("win_win.feature")


@when(parsers.parse("{user} learns that {term} can be at most {amount}"))
def at_most(workflow, term, amount):
    spec = workflow.term(term)
    workflow.do("revise_term", key=spec.key, maximum=amount.split()[0].replace(",", ""))


@then(parsers.re(r"no other recorded proposal is better for everyone than " + NAME + r"'s latest proposal"))
def not_dominated(workflow, view, name):
    report = view.report(workflow)
    key = proposal_key(workflow, name)
    assert next(r for r in report.pareto.rows if r.package_key == key).dominated is False


@then(
    parsers.re(
        r"with it Alex scores (?P<mine>\d+) instead of (?P<before>\d+) and "
        + NAME
        + r" scores (?P<theirs>\d+) instead of (?P<their_before>\d+)"
    )
)
def scores_with_it(workflow, view, mine, before, name, theirs, their_before):
    report = view.report(workflow)
    [found] = [i for i in report.frontier.improvements if i.improvable]
    dana = workflow.party(name)
    assert (found.better.scores["owner"], found.scores["owner"]) == (int(mine), int(before))
    assert (found.better.scores[dana], found.scores[dana]) == (int(theirs), int(their_before))


@then("there is no zone of possible agreement")
def no_zopa(workflow, view):
    frontier = view.report(workflow).frontier
    assert frontier.zopa is False and frontier.nash is None
    assert "there is no ZOPA" in frontier.summary


@when(parsers.re(r"(?P<user>\w+) guesses again that " + NAME + r"'s priorities are:"))
def guesses_again(workflow, name, datatable):
    set_priorities(workflow, datatable, party_id=workflow.party(name))


@then(parsers.parse('that depends on "{weighting}"'))
def depends_on(workflow, view, weighting):
    sensitivity = view.report(workflow).frontier.sensitivity
    [verdict] = sensitivity.verdicts
    assert verdict.holds is False and weighting in verdict.depends_on, verdict.depends_on


@then(
    parsers.re(
        r"a better deal for everyone exists under every weighting tried for " + NAME + r"'s latest proposal"
    )
)
def holds_under_every_weighting(workflow, view, name):
    key = proposal_key(workflow, name)
    sensitivity = view.report(workflow).frontier.sensitivity
    verdict = next(v for v in sensitivity.verdicts if v.package_key == key)
    assert verdict.improvable and verdict.holds, verdict.sentence
