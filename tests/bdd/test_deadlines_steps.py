"""features/deadlines.feature through the application service and through the web: the dates are
typed in the step forms (a respond-by as a browser's datetime-local, in the person's zone, UTC here),
and the list of what is due is read from the "What's due" page or from tracker.analysis.due_list."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.bdd.analysis_steps import *  # noqa: F403
from tests.bdd.analysis_steps import NAME
from tests.bdd.two_channels import channel, workflow  # noqa: F401 (fixtures)
from tests.bdd.web_workflow import WebWorkflow
from tracker.analysis.due_list import due_for
from tracker.projections import EVERYTHING, Filters

pytestmark = pytest.mark.usefixtures("channel")

scenarios("deadlines.feature")

ITEM_RE = re.compile(r'<li class="due-item[^"]*">(.*?)</li>', re.S)


def day(offset: int) -> str:
    return (datetime.now(UTC).date() + timedelta(days=offset)).isoformat()


@given(
    parsers.re(
        r'(?P<user>\w+) has a competing offer "(?P<label>[^"]+)" of (?P<values>.+) that expires in (?P<days>\d+) days'
    )
)
def exploding_offer(workflow, label, values, days):
    workflow.do(
        "log_alternative",
        label=label,
        kind="competing_offer",
        values=workflow.values(values),
        deadline=day(int(days)),
    )


@when(
    parsers.re(
        NAME + r" proposes to (?P<names>.+?): (?P<values>.+), wanting an answer within (?P<hours>\d+) hours"
    )
)
def propose_with_deadline(workflow, name, names, values, hours):
    by = (datetime.now(UTC) + timedelta(hours=int(hours))).replace(second=0, microsecond=0)
    workflow.do(
        "make_proposal",
        from_party=workflow.party(name),
        to_parties=workflow.parties(names),
        values=workflow.values(values),
        respond_by=by.strftime("%Y-%m-%dT%H:%M") if isinstance(workflow, WebWorkflow) else by,
    )


@when(
    parsers.re(r'(?P<user>\w+) sets the decision date to (?P<days>\d+) days ago because "(?P<reason>[^"]+)"')
)
def decision_date(workflow, days, reason):
    workflow.do("set_decision_date", decide_by=day(-int(days)), reason=reason)


@when(
    parsers.re(
        r'(?P<user>\w+) logs a call with (?P<names>.+?), "(?P<summary>[^"]+)", to follow up (?P<when>yesterday|never)'
    )
)
def call_to_follow_up(workflow, names, summary, when):
    workflow.do(
        "log_interaction",
        channel="call",
        summary=summary,
        participants=workflow.parties(names),
        follow_up_on=day(-1) if when == "yesterday" else None,
    )


@then(parsers.parse('that hint ends "{suffix}"'))
def hint_ends(workflow, view, suffix):
    reasons = [h.reason for h in view.report(workflow).readiness.hints if h.key == "alternative_expires"]
    assert [r.endswith(suffix) for r in reasons] == [True], reasons


def what_is_due(workflow) -> list[tuple[str, str]]:
    """(when, what) of each item, as the person reads the list."""
    if isinstance(workflow, WebWorkflow):
        page = workflow.client.get("/due").get_data(as_text=True)
        rows = []
        for item in ITEM_RE.findall(page):
            badge = html.unescape(re.search(r'<span class="badge[^"]*">(.*?)</span>', item).group(1)).strip()
            what = html.unescape(
                re.sub(r"<[^>]+>", "", re.search(r'<p class="due-what">(.*?)</p>', item, re.S).group(1))
            ).strip()
            rows.append((badge, what))
        return rows
    now = datetime.now(UTC)
    found = due_for(
        EVERYTHING, workflow.people.read_model, workflow.tracker.get, now, UTC, Filters(open=True), EVERYTHING
    )
    words = {0: "today", 1: "tomorrow"}
    return [
        (
            "owed now"
            if i.due is None
            else "overdue"
            if i.overdue(now)
            else words.get(i.days_left(now), f"in {i.days_left(now)} days"),
            i.sentence,
        )
        for i in found.items
    ]


@then(parsers.parse("{user}'s list of what is due reads, in order:"))
def due_reads(workflow, datatable):
    expected = [
        (when, re.sub(r"([+-]\d+)$", lambda m: day(int(m.group(1))), what)) for when, what in datatable[1:]
    ]
    found = what_is_due(workflow)
    assert [w for w, _ in found] == [w for w, _ in expected], found
    for (_, sentence), (_, start) in zip(found, expected, strict=True):
        assert sentence.startswith(start), (sentence, start)


@then(parsers.parse("{user}'s list of what is due is empty"))
def due_empty(workflow):
    assert what_is_due(workflow) == []
