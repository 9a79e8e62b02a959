"""features/stated_figures.feature: the ledger of stated figures and its contradictions."""

from __future__ import annotations

from pytest_bdd import parsers, scenarios, then, when

from tests.bdd.analysis_steps import *  # noqa: F403
from tests.bdd.analysis_steps import NAME

scenarios("stated_figures.feature")


@when(parsers.re(r"(?P<user>\w+) logs a call in which " + NAME + r" said: (?P<values>.+)"))
def call_with_figures(workflow, name, values):
    party = workflow.party(name)
    workflow.do(
        "log_interaction",
        channel="call",
        summary="Phone call.",
        participants=[party],
        stated_by=party,
        stated=workflow.values(values),
    )


@when(parsers.re(r"(?P<user>\w+) notes that " + NAME + r" said: (?P<values>.+)"))
def note_with_figures(workflow, name, values):
    workflow.do(
        "add_note", text="Said on a call.", stated_by=workflow.party(name), stated=workflow.values(values)
    )


@then(parsers.re(r"the ledger shows " + NAME + r"'s (?P<term>.+?) as \"(?P<said>[^\"]+)\""))
def ledger_shows(workflow, view, name, term, said):
    rows = view.report(workflow).ledger.rows
    row = next(
        r for r in rows if r.party_id == workflow.party(name) and r.term_key == workflow.term(term).key
    )
    assert " → ".join(row.shown) == said


@then(parsers.parse('it flags "{sentence}"'))
def flags(workflow, view, sentence):
    said = [c.sentence for c in view.report(workflow).ledger.contradictions]
    assert sentence in said, said


@then("nothing is flagged")
def nothing_flagged(workflow, view):
    assert view.report(workflow).ledger.contradictions == []


@then("the timeline flags both steps")
def timeline_flags(workflow, view):
    [c] = view.report(workflow).ledger.contradictions
    assert set(view.report(workflow).ledger.flags()) == {c.earlier.version, c.later.version}
