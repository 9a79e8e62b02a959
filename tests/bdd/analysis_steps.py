"""Step definitions shared by the analysis feature files (features/analysis_*.feature).

They build on the core steps (common_steps.py, via conftest) and read the analysis of the
negotiation as it stands (or as it stood at a chosen version) through ``tracker.analysis``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from tracker.analysis.readings import Readings
from tracker.analysis.report import Report, analyse
from tracker.analysis.scoring import show
from tracker.analysis.settings import AnalysisSettings

NAME = r"(?P<name>[A-Z][\w'-]*(?: [A-Z][\w'-]*)*)"


@dataclass
class AnalysisView:
    """How Alex looks at the analysis: settings, exchange rates, and which moment."""

    settings: dict[str, Any] = field(default_factory=dict)
    rates: dict[str, Decimal] = field(default_factory=dict)
    convert_to: str | None = None
    version: int | None = None
    days_later: int = 0

    def report(self, workflow) -> Report:
        negotiation = workflow.tracker.get(workflow.nid, version=self.version)
        now: datetime = negotiation.modified_on + timedelta(days=self.days_later)
        events = list(workflow.tracker.events.get(workflow.nid, lte=negotiation.version))
        return analyse(
            negotiation,
            readings=Readings.read(events),
            now=now,
            settings=AnalysisSettings(**self.settings),
            rates=self.rates or None,
            convert_to=self.convert_to,
        )


@pytest.fixture
def view() -> AnalysisView:
    return AnalysisView()


def proposal_key(workflow, name: str) -> str:
    return f"proposal:{workflow.latest_proposal(name)}"


def money(amount: Decimal, currency: str) -> str:
    return f"{amount:,.2f} {currency}"


def set_priorities(workflow, datatable, party_id: str | None = None) -> None:
    header, *rows = datatable
    for row in rows:
        item = dict(zip(header, row, strict=False))
        spec = workflow.term(item["term"])
        workflow.do(
            "set_priority",
            term_key=spec.key,
            weight=int(item["weight"]),
            target=workflow.value(spec, item["target"]),
            walk_away=workflow.value(spec, item["walk-away"]),
            party_id=party_id,
        )


# -- the scene -------------------------------------------------------------------------------------
@given(parsers.parse('{user} is asking for a {kind_of_ask} in {kind} "{title}"'))
def asking_for(workflow, user, kind_of_ask, kind, title):
    workflow.start(user, title, kind, opportunity_type=kind_of_ask.replace(" ", "_"))


@given(parsers.re(r"(?P<user>\w+)'s priorities are:"))
def my_priorities(workflow, datatable):
    set_priorities(workflow, datatable)


@given(parsers.re(r"(?P<user>\w+) guesses " + NAME + r"'s priorities are:"))
def their_priorities(workflow, name, datatable):
    set_priorities(workflow, datatable, party_id=workflow.party(name))


@given(parsers.parse("{user} rates the options of {term}: {ratings}"))
def rate_options(workflow, term, ratings):
    spec = workflow.term(term)
    priority = workflow.current().owner_priorities()[spec.key]
    rated = dict(part.rsplit(" ", 1) for part in ratings.split(", "))
    workflow.do(
        "set_priority",
        term_key=spec.key,
        weight=priority.weight,
        target=priority.target,
        walk_away=priority.walk_away,
        ratings=rated,
    )


@given(parsers.parse("{user} spreads a sign-on bonus over {years:d} years"))
def spread_sign_on(view, years):
    view.settings["sign_on_spread_years"] = Decimal(years)


@given(parsers.parse("{user} values paid days off above a baseline of {days:d} days"))
def pto_baseline(view, days):
    view.settings["pto_baseline_days"] = Decimal(days)


@when(parsers.parse("{user} converts with 1 {currency} = {rate} {target}"))
def convert_with(view, currency, rate, target):
    view.rates[currency] = Decimal(rate)
    view.convert_to = target


@when(parsers.parse("{user} looks again {days:d} days after the last step"))
def looks_later(view, days):
    view.days_later = days


# -- package value ---------------------------------------------------------------------------------
@then(parsers.re(NAME + r"'s latest proposal is worth a year:"))
def worth_lines(workflow, view, name, datatable):
    value = view.report(workflow).values[proposal_key(workflow, name)]
    _header, *rows = datatable
    actual = [[line.label, money(line.annual, line.currency), line.how] for line in value.lines]
    assert actual == rows, actual


@then(parsers.re(r"in total " + NAME + r"'s latest proposal is worth (?P<totals>.+) a year"))
def worth_total(workflow, view, name, totals):
    value = view.report(workflow).values[proposal_key(workflow, name)]
    assert " and ".join(money(a, c) for c, a in sorted(value.totals.items())) == totals
    assert value.converted is None or value.converted.amount is not None


@then(
    parsers.re(
        r"converted to (?P<currency>[A-Z]{3}), " + NAME + r"'s latest proposal is worth "
        r"(?P<amount>[\d,.]+) [A-Z]{3} a year"
    )
)
def worth_converted(workflow, view, currency, name, amount):
    converted = view.report(workflow).values[proposal_key(workflow, name)].converted
    assert converted.currency == currency and money(converted.amount, "").strip() == amount


@then(parsers.re(r"the valuation of " + NAME + r"'s latest proposal notes \"(?P<note>[^\"]+)\""))
def valuation_note(workflow, view, name, note):
    value = view.report(workflow).values[proposal_key(workflow, name)]
    notes = value.notes + ([value.converted.note] if value.converted else [])
    assert note in notes, notes


# -- scores ----------------------------------------------------------------------------------------
@then(parsers.re(NAME + r"'s latest proposal scores (?P<score>\d+) on (?P<term>.+)"))
def scores_on(workflow, view, name, score, term):
    spec = workflow.term(term)
    result = view.report(workflow).scores[proposal_key(workflow, name)]
    assert next(t.display for t in result.terms if t.term_key == spec.key) == score


@then(
    parsers.re(
        NAME + r"'s latest proposal scores (?P<score>\d+) overall, covering (?P<coverage>\d+)% "
        r"of the weight"
    )
)
def scores_overall(workflow, view, name, score, coverage):
    result = view.report(workflow).scores[proposal_key(workflow, name)]
    assert (result.display, show(result.coverage)) == (score, coverage)


@then(parsers.re(NAME + r"'s latest proposal is below (?P<user>\w+)'s walk-away point on (?P<term>.+)"))
def below_walk_away(workflow, view, name, term):
    result = view.report(workflow).scores[proposal_key(workflow, name)]
    assert result.below_walk_away == [workflow.term(term).key]


@then(parsers.parse('the best alternative is "{label}" with a score of {score:d}'))
def best_alternative_is(workflow, view, label, score):
    batna = view.report(workflow).batna
    assert (batna.label, batna.display) == (label, str(score))


@then(parsers.re(NAME + r"'s latest proposal (?P<verdict>beats|does not beat) the best alternative"))
def beats(workflow, view, name, verdict):
    assert view.report(workflow).scores[proposal_key(workflow, name)].beats_batna is (verdict == "beats")


@then("the proposals score:")
def proposals_score(workflow, view, datatable):
    report = view.report(workflow)
    header, *rows = datatable
    labels = {p.key: p.label for p in report.packages}
    who = {label: key for key, label in report.perspective_labels.items()}
    actual = []
    for row in report.pareto.rows:
        cells = {"proposal": row.label, "dominated by": ", ".join(labels[k] for k in row.dominated_by) or "-"}
        cells.update({h: show(row.scores[who[h]]) for h in header if h in who})
        actual.append([cells[h] for h in header])
    assert actual == rows, actual


def party_terms(workflow, view, name):
    report = view.report(workflow)
    party = next(p for p in report.concessions.parties if p.party_id == workflow.party(name))
    return party, {t.term_key: t for t in party.terms}


@then(
    parsers.re(
        r"on (?P<term>.+?) " + NAME + r" has moved (?P<moved>-?[\d,]+ \w+), (?P<share>-?\d+)% of the gap"
    )
)
def moved_on(workflow, view, term, name, moved, share):
    _, terms = party_terms(workflow, view, name)
    concession = terms[workflow.term(term).key]
    assert (concession.moved_display, show(concession.share)) == (moved, share)


# -- win-win (features/win_win*.feature) ------------------------------------------------------
def row_of(workflow, view, name):
    report = view.report(workflow)
    key = proposal_key(workflow, name)
    return report, next(i for i in report.frontier.improvements if i.package_key == key)


@then(parsers.re(r'a better deal for (?:both sides|everyone) exists: "(?P<changes>[^"]+)"'))
def better_deal(workflow, view, changes):
    report = view.report(workflow)
    [found] = [i for i in report.frontier.improvements if i.improvable]
    assert found.sentence.startswith(changes + ":"), found.sentence


@then(parsers.re(NAME + r"'s latest proposal is already on the frontier"))
def on_the_frontier(workflow, view, name):
    _, row = row_of(workflow, view, name)
    assert row.improvable is False


# -- the value case (features/value_case.feature, analysis_ready_all.feature) ---------------------------
@when(
    parsers.re(
        r"(?P<user>\w+) adds (?:an? )?(?P<kind>achievement|evidence|skill|market data) "
        r'"(?P<text>[^"]+)" supporting (?P<term>.+)'
    )
)
def adds_entry(workflow, kind, text, term):
    workflow.do("add_value_entry", kind=kind.replace(" ", "_"), text=text, supports=[workflow.term(term).key])


# -- the authority map (features/authority.feature, analysis_ready_all.feature) ---------------------------
@when(
    parsers.re(
        r"(?P<user>\w+) maps " + NAME + r" as (?P<role>deciding|advising on|able to block) (?P<terms>.+)"
    )
)
def maps_authority(workflow, name, role, terms):
    say = {"deciding": "decides", "advising on": "advises", "able to block": "blocks"}[role]
    for term in terms.split(" and "):
        workflow.do(
            "map_authority", term_key=workflow.term(term).key, party_id=workflow.party(name), role=say
        )


@when(parsers.re(r"(?P<user>\w+) logs a call with " + NAME + r': "(?P<summary>[^"]+)"'))
def logs_call_with(workflow, name, summary):
    workflow.do("log_interaction", channel="call", summary=summary, participants=[workflow.party(name)])


# -- hints (shared by the readiness and authority features) ------------------------------------------
@then("there are no hints")
def no_hints(workflow, view):
    assert view.report(workflow).readiness.hints == []


@then(parsers.parse('there is a hint "{title}" starting "{prefix}"'))
def hint_starting(workflow, view, title, prefix):
    hints = {h.title: h.reason for h in view.report(workflow).readiness.hints}
    assert hints[title].startswith(prefix), hints
