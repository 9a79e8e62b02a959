"""Scenarios of features/audit_web.feature: the scene is set through the application service on a
SQLite file; the auditor only reads pages (the negotiation page, its timeline filters, "as of here",
the comparison page), as a browser would, through the test client."""

from __future__ import annotations

import html
import re

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.bdd.audit_scene_steps import *  # noqa: F403 (the scene's steps)
from tests.bdd.audit_scene_steps import DAY, on_day
from tests.bdd.common_steps import NAME
from tests.bdd.workflow import ServiceWorkflow
from tests.support.config import make_config
from tests.support.tamper import StoredTable
from tracker import create_app

scenarios("audit_web.feature")

ENTRY = re.compile(r'<li class="entry type-\w+" id="v(\d+)">(.*?)</li>', re.S)


def plain(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


@pytest.fixture
def store(tmp_path):
    return make_config(
        store="sqlite",
        data_dir=str(tmp_path),
        csrf_enabled=False,
        secret_key="audit-web",
        auth_required=False,
    )


@pytest.fixture
def app(store):
    app = create_app(store)
    yield app
    app.extensions["tracker"].close()


@pytest.fixture
def workflow(app):
    flow = ServiceWorkflow(app.extensions["tracker"])
    yield flow
    flow.check_no_refusal()


@pytest.fixture
def browser(app, workflow):
    """The page the auditor is looking at (the negotiation's page until they go elsewhere)."""
    return {"client": app.test_client(), "page": None}


def visit(browser, url: str) -> str:
    response = browser["client"].get(html.unescape(url))
    assert response.status_code == 200, (url, response.status_code)
    browser["page"] = response.get_data(as_text=True)
    return browser["page"]


def negotiation_page(browser, workflow) -> str:
    return visit(browser, f"/negotiations/{workflow.nid}")


def proposal_of(workflow, name: str, which: str):
    party = workflow.party(name)
    made = [p for p in workflow.current().proposals_in_order() if p.from_party == party]
    return made[0] if which == "first" else made[-1]


def entry(page: str, version: int) -> str:
    return next(body for v, body in ENTRY.findall(page) if int(v) == version)


def link(fragment: str, text: str) -> str:
    found = re.search(r'<a href="([^"]+)">' + re.escape(text) + r"(?:<|\b)", fragment)
    assert found, f"no link {text!r} in {plain(fragment)!r}"
    return found.group(1)


@given(
    parsers.re(
        r"someone changed (?P<old>\S+) to (?P<new>\S+) in "
        + NAME
        + r"'s (?P<which>first|latest) proposal directly in the database"
    )
)
def edit_in_database(workflow, store, name, which, old, new):
    version = proposal_of(workflow, name, which).made_version
    StoredTable(store, workflow.nid).replace_text(version, f'"{old}"'.encode(), f'"{new}"'.encode())


# -- the timeline ----------------------------------------------------------------------------------
@when(
    parsers.re(
        r"the auditor narrows the timeline to proposals involving " + NAME + " that happened on " + DAY
    )
)
def narrow(browser, workflow, name, day):
    date = on_day(day).date().isoformat()
    visit(
        browser,
        f"/negotiations/{workflow.nid}?party={workflow.party(name)}&kind=proposals"
        f"&since={date}&until={date}&basis=occurred",
    )


@then(parsers.parse("the timeline shows {shown:d} of {total:d} steps"))
def timeline_shows(browser, shown, total):
    assert len(ENTRY.findall(browser["page"])) == shown
    assert f"Showing {shown} of {total} steps." in browser["page"]


@then(parsers.parse('it reads "{sentence}"'))
def it_reads(browser, sentence):
    ((_, body),) = ENTRY.findall(browser["page"])
    assert plain(re.search(r'<p class="sentence">(.*?)</p>', body, re.S).group(1)) == sentence


@then(parsers.re(r"it shows it was logged by (?P<actor>\w+) and happened on (?P<day>\d+ \w+ \d{4})"))
def logged_by(browser, actor, day):
    ((_, body),) = ENTRY.findall(browser["page"])
    meta = plain(re.search(r'<p class="meta">(.*?)</p>', body, re.S).group(1))
    assert f"· {actor} · recorded " in meta and f"happened {day}, 12:00 UTC" in meta


# -- as of here ------------------------------------------------------------------------------------
@when(
    parsers.re(r'the auditor chooses "Show as of here" on ' + NAME + r"'s (?P<which>first|latest) proposal")
)
def as_of_here(browser, workflow, name, which):
    version = proposal_of(workflow, name, which).made_version
    visit(browser, link(entry(negotiation_page(browser, workflow), version), "Show as of here"))


@then(parsers.re(NAME + r"'s position on (?P<term>.+?) reads (?P<value>.+)"))
def position_reads(browser, workflow, name, term, value):
    table = browser["page"][browser["page"].index('class="terms-table"') :]
    party_name = workflow.current().parties[workflow.party(name)].name
    headings = [plain(h) for h in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table.split("</thead>")[0])]
    label = workflow.term(term).label
    row = re.search(r"<tr>\s*<th scope=\"row\">\s*" + re.escape(label) + r".*?</tr>", table, re.S).group(0)
    cells = [plain(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells[headings.index(party_name) - 1] == value


@then("nothing can be logged from that page")
def nothing_to_log(browser):
    page = browser["page"]
    assert 'id="log-a-step"' not in page and "/steps/" not in page and "/accept" not in page


@then(parsers.parse('the page says "{words}"'))
def page_says(browser, workflow, words):
    page = browser["page"] or negotiation_page(browser, workflow)
    if words.startswith("Record"):  # the badge is read afresh, as the page would be reloaded
        page = negotiation_page(browser, workflow)
    assert words in plain(page)


# -- comparing -------------------------------------------------------------------------------------
@when(
    parsers.re(r'the auditor follows "(?P<text>[^"]+)" on ' + NAME + r"'s (?P<which>first|latest) proposal")
)
def follow_compare(browser, workflow, text, name, which):
    version = proposal_of(workflow, name, which).made_version
    visit(browser, link(entry(negotiation_page(browser, workflow), version), text))


@then(
    parsers.re(
        r"(?P<term>[a-z ]+?) reads (?P<before>.+?), then (?P<after>.+?): (?P<difference>.+?), "
        r"(?P<moved>up|down|no change), (?P<verdict>better|worse) for (?P<user>\w+)"
    )
)
def compared(browser, workflow, term, before, after, difference, moved, verdict):
    key = workflow.term(term).key
    row = re.search(rf'<tr class="row-\w+" id="term-{key}">(.*?)</tr>', browser["page"], re.S).group(1)
    cells = [plain(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    arrows = {"up": "↑ up", "down": "↓ down", "no change": "no change"}
    assert cells[:4] == [before, after, difference, arrows[moved]]
    assert cells[4].endswith(f"{verdict.title()} for you")
