"""features/money_year_by_year.feature, through the application service and through the web: the
schedules are set with the step's HTML form, and the analysis page's four-year table shows the same
figures and assumptions as the report."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest
from babel import Locale
from pytest_bdd import given, parsers, scenarios, then, when

from tests.bdd.analysis_steps import *  # noqa: F403
from tests.bdd.analysis_steps import NAME, money, proposal_key
from tests.bdd.two_channels import channel, workflow  # noqa: F401 (fixtures)
from tests.bdd.web_workflow import WebWorkflow
from tracker.analysis.money_years import cents
from tracker.web.numbers import show_money

pytestmark = pytest.mark.usefixtures("channel")  # known at collection, so every scenario runs twice

scenarios("money_year_by_year.feature")

ROW_RE = re.compile(r'<tr[^>]*>\s*<th scope="row">(.*?)</th>(.*?)</tr>', re.S)
CELL_RE = re.compile(r"<td[^>]*>(?:<strong>)?(.*?)(?:</strong>)?</td>", re.S)


def schedule(workflow, term: str, kind: str, package: str = "", **figures) -> None:
    workflow.do(
        "set_money_schedule", term_key=workflow.term(term).key, kind=kind, package_key=package, **figures
    )


def alternative_key(workflow, label: str) -> str:
    found = [a for a in workflow.current(check=False).alternatives.values() if a.label == label]
    return f"alternative:{found[0].alternative_id}" if found else label


VESTS = r"equity vests (?P<percents>[\d/]+) after an? (?P<cliff>\d+)-month cliff"


@given(parsers.re(r"(?P<user>\w+) says " + VESTS))
@when(parsers.re(r"(?P<user>\w+) says " + VESTS))
def vests(workflow, percents, cliff):
    schedule(workflow, "equity", "vesting", vesting=percents, cliff_months=int(cliff))


@when(parsers.re(r'(?P<user>\w+) says that in "(?P<label>[^"]+)" ' + VESTS))
def vests_in(workflow, label, percents, cliff):
    package = alternative_key(workflow, label)
    schedule(workflow, "equity", "vesting", package, vesting=percents, cliff_months=int(cliff))


@given(
    parsers.re(
        r"(?P<user>\w+) says the (?P<term>.+?) is paid once and repaid in full if \w+ leaves within "
        r"(?P<months>\d+) months"
    )
)
def paid_once(workflow, term, months):
    schedule(workflow, term, "one_off", clawback_months=int(months))


@given(
    parsers.re(
        r"(?P<user>\w+) says the (?P<term>.+?) is guaranteed in year 1, then paid at a (?P<chance>\d+)% "
        r"payout chance"
    )
)
def target_bonus(workflow, term, chance):
    schedule(workflow, term, "bonus", guaranteed_years=1, payout_percent=chance)


@given(
    parsers.re(
        r"(?P<user>\w+) says the (?P<term>.+?) rises (?P<percent>[\d.]+)% after (?P<after>\d+) months, "
        r"then every (?P<every>\d+) months"
    )
)
def raise_at_review(workflow, term, percent, after, every):
    schedule(
        workflow,
        term,
        "raise",
        raise_percent=percent,
        raise_after_months=int(after),
        review_months=int(every),
    )


# -- what Alex reads ---------------------------------------------------------------------------------
def on_the_page(workflow, view) -> bool:
    """Whether to read the page too: the web drives it, with the tracker's settings (the page has no
    way to spread a sign-on bonus differently: those settings are the tracker's configuration)."""
    return isinstance(workflow, WebWorkflow) and not view.settings


def page_rows(workflow, package_key: str) -> dict[str, list[str]]:
    """The four-year table of one package on the analysis page: row label -> its cells' text."""
    page = workflow.client.get(f"/negotiations/{workflow.nid}/analysis").get_data(as_text=True)
    start = page.index(f'id="years-{package_key.replace(":", "-")}"')
    table = page[start : page.index("</table>", start)]
    return {
        html.unescape(label).strip(): [html.unescape(c).strip() for c in CELL_RE.findall(cells)]
        for label, cells in ROW_RE.findall(table)
    }


def shown(amount: Decimal, currency: str) -> str:
    return show_money(amount, currency, Locale.parse("en_US"))


def check_years(workflow, view, package_key: str, datatable) -> None:
    value = view.report(workflow).values[package_key]
    _header, *rows = datatable
    actual = [
        [line.label, *(money(y, line.currency) for y in line.years), line.assumption] for line in value.lines
    ]
    assert actual == rows, actual
    if on_the_page(workflow, view):
        on_page = page_rows(workflow, package_key)
        for line in value.lines:
            expected = [shown(y, line.currency) for y in line.years] + [line.assumption]
            assert on_page[line.label] == expected, on_page


@then(parsers.re(r"year by year " + NAME + r"'s latest proposal is worth:"))
def proposal_years(workflow, view, name, datatable):
    check_years(workflow, view, proposal_key(workflow, name), datatable)


@then(parsers.re(r'year by year "(?P<label>[^"]+)" is worth:'))
def alternative_years(workflow, view, label, datatable):
    check_years(workflow, view, alternative_key(workflow, label), datatable)


def check_totals(workflow, view, package_key: str, expected: dict[str, list[str]]) -> None:
    value = view.report(workflow).values[package_key]
    assert {c: [money(y, "").strip() for y in years] for c, years in value.years.items()} == expected
    if on_the_page(workflow, view):
        on_page = page_rows(workflow, package_key)
        for currency, years in value.years.items():
            assert on_page[f"Total in {currency}"][:4] == [shown(y, currency) for y in years], on_page


@then(parsers.re(r"year by year " + NAME + r"'s latest proposal adds up to (?P<years>[^:]+)$"))
def proposal_totals(workflow, view, name, years):
    amounts = re.split(r", | and ", years)
    currency = {a.rsplit(" ", 1)[1] for a in amounts}.pop()
    check_totals(
        workflow, view, proposal_key(workflow, name), {currency: [a.rsplit(" ", 1)[0] for a in amounts]}
    )


@then(parsers.re(r"year by year " + NAME + r"'s latest proposal adds up to:"))
def proposal_totals_per_currency(workflow, view, name, datatable):
    _header, *rows = datatable
    check_totals(workflow, view, proposal_key(workflow, name), {row[0]: row[1:] for row in rows})


@then(
    parsers.re(r"each line of " + NAME + r"'s latest proposal is worth the average of its four years a year")
)
def annual_is_the_average(workflow, view, name):
    value = view.report(workflow).values[proposal_key(workflow, name)]
    for line in value.lines:
        assert len(line.years) == 4
        assert line.annual == cents(sum(line.years, Decimal(0)) / 4), line
    for currency, total in value.totals.items():
        assert total == sum((line.annual for line in value.lines if line.currency == currency), Decimal(0))
