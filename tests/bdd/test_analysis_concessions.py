"""features/analysis_concessions.feature"""

from pytest_bdd import parsers, scenarios, then

from tests.bdd.analysis_steps import *  # noqa: F403
from tests.bdd.analysis_steps import NAME, party_terms
from tracker.analysis.scoring import show
from tracker.domain.money import format_amount

scenarios("analysis_concessions.feature")


@then(parsers.re(NAME + r"'s moves on (?P<term>.+), round by round, are:"))
def round_by_round(workflow, view, name, term, datatable):
    _, terms = party_terms(workflow, view, name)
    steps = terms[workflow.term(term).key].steps
    actual = [[s.label, s.value, format_amount(s.moved), f"{show(s.share)}%"] for s in steps]
    assert actual == datatable[1:], actual


@then(parsers.re(r"overall " + NAME + r" has conceded (?P<a>\d+)% of the gap and (?P<other>.+) (?P<b>\d+)%"))
def overall(workflow, view, name, a, other, b):
    first, _ = party_terms(workflow, view, name)
    second, _ = party_terms(workflow, view, other)
    assert (show(first.share), show(second.share)) == (a, b)


@then(parsers.re(NAME + r" has conceded more"))
def conceded_more(workflow, view, name):
    assert view.report(workflow).concessions.conceded_more == workflow.party(name)
