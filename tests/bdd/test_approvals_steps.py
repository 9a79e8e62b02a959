"""features/role_change_approvals.feature, each scenario twice. Through the services the pages and the
API call: the team's chain and bands (TeamService), the access policy, the tracker with the chains
wired in (as tracker.bootstrap wires them), the read model for "what's due", and the negotiation
page's band view. And through the web, with sign-in and CSRF on: each person signs up and uses the
pages in their own browser (the team's pages, the step forms, the proposal's answers), and reads what
they see: the proposal's card, the refusal beside the field, "What's due", the dashboard's approvals
waiting, the pay band card and the timeline on the negotiation page."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.bdd.office_steps import *  # noqa: F403 (the office: people, their team, sharing)
from tests.bdd.office_steps import Office
from tests.bdd.web_office import Refused, WebOffice, words
from tests.support.web import fill, text
from tracker.analysis.due_list import due_for
from tracker.domain.errors import DomainError
from tracker.projections import Filters
from tracker.teams import AccessDenied
from tracker.teams.band_view import band_readings

pytestmark = pytest.mark.usefixtures("channel")  # known at collection, so every scenario runs twice

scenarios("role_change_approvals.feature")

TERM_WORDS = {"base salary": "base_salary", "title": "title", "remote days": "remote_days"}


def values_of(text: str) -> dict:
    """'title "Tech lead", base salary 94,000 EUR, remote days 2' -> the proposal's values."""
    found = {}
    for part in re.split(r",\s*(?=[a-z])", text):
        if m := re.fullmatch(r'title "([^"]+)"', part.strip()):
            found["title"] = m.group(1)
        elif m := re.fullmatch(r"base salary ([\d,]+) EUR", part.strip()):
            found["base_salary"] = {"amount": m.group(1).replace(",", ""), "currency": "EUR"}
        elif m := re.fullmatch(r"remote days (\d+)", part.strip()):
            found["remote_days"] = m.group(1)
        else:
            raise AssertionError(f"cannot read {part!r}")
    return found


@pytest.fixture(params=["service", "web"])
def channel(request) -> str:
    return request.param


@pytest.fixture
def office(channel):
    place = Office() if channel == "service" else WebOffice()
    yield place
    place.close()


def on_the_web(office) -> bool:
    return isinstance(office, WebOffice)


TITLE, OWNER = "Engineer to tech lead", "Mia"  # the negotiation, and whose pages the steps read


def step(office, name: str, command: str, **fields):
    if on_the_web(office):  # the step's form, or the proposal's answer form
        return office.step(name, TITLE, command, **fields)
    nid = office.negotiations["Engineer to tech lead"]
    return office.tracker.step(nid, command, actor=office.email(name), **fields)


def negotiation(office):
    return office.tracker.get(office.negotiations["Engineer to tech lead"])


# -- the scene -------------------------------------------------------------------------------------
@given(
    parsers.re(
        r'the team "(?P<team>[^"]+)" keeps the pay band "(?P<band>[^"]+)" for (?P<term>\w+): '
        r"(?P<low>[\d,]+) to (?P<high>[\d,]+) (?P<currency>[A-Z]{3}), midpoint (?P<mid>[\d,]+), from (?P<since>[\d-]+)"
    )
)
def pay_band(office, team, band, term, low, high, currency, mid, since):
    fields = {
        "name": band,
        "term_key": term,
        "currency": currency,
        "minimum": low.replace(",", ""),
        "midpoint": mid.replace(",", ""),
        "maximum": high.replace(",", ""),
        "effective_from": since,
    }
    if on_the_web(office):  # the team's owner fills the pay bands page's form
        saved = fill(office.browsers[office.owners[team]], f"/teams/{office.teams[team]}/pay-bands", fields)
        assert saved.status_code == 303, text(saved)[:2000]
        return
    lead = office.people.teams.get_team(office.teams[team]).created_by
    office.people.teams.set_pay_band(office.teams[team], fields, actor=lead)


@given(parsers.parse('{lead} sets the approval chain of "{team}":'))
def approval_chain(office, lead, team, datatable):
    header, *rows = datatable
    rules = []
    for row in rows:
        record = dict(zip(header, row, strict=False))
        rules.append(
            {
                "step": record["step"],
                "approver": office.email(record["approver"]),
                "when": record["when"],
                "term_key": record["term"],
            }
        )
    if on_the_web(office):  # one fieldset of inputs a rule on the approvals page
        form = {f"rules-{i}-{key}": value for i, rule in enumerate(rules) for key, value in rule.items()}
        saved = fill(office.browsers[lead], f"/teams/{office.teams[team]}/approvals", form)
        assert saved.status_code == 303, text(saved)[:2000]
        return
    office.people.teams.set_approval_chain(office.teams[team], rules, actor=office.email(lead))


@given(parsers.parse('{name} starts the internal role change "{title}" with {manager} as her manager'))
def starts_with_manager(office, name, title, manager):
    if on_the_web(office):
        office.start(name, title, "internal_role_change")
        for command, fields in setting_up(name, manager):
            office.step(name, title, command, **fields)
        return
    nid = office.tracker.start_negotiation(actor=office.email(name), title=title, kind="internal_role_change")
    office.negotiations[title] = nid
    for command, fields in setting_up(name, manager):
        office.tracker.step(nid, command, actor=office.email(name), **fields)


def setting_up(name: str, manager: str) -> list[tuple[str, dict]]:
    """The parties and the terms of the role change, step by step."""
    return [
        ("join_party", {"name": f"{name} Rossi", "role": "engineer", "side": "owner"}),
        ("join_party", {"name": f"{manager} Park", "role": "manager", "side": "counterpart"}),
        ("add_term", {"key": "title", "label": "Title", "kind": "text"}),
        (
            "add_term",
            {
                "key": "base_salary",
                "label": "Base salary",
                "kind": "money",
                "currency": "EUR",
                "better": "higher",
            },
        ),
        ("add_term", {"key": "remote_days", "label": "Remote days", "kind": "days", "better": "higher"}),
    ]


@given(parsers.parse('{lead} places "{title}" in the band "{band}"'))
def places(office, lead, title, band):
    if on_the_web(office):  # the band's select on the negotiation's row of the pay bands page
        url = f"/teams/{office.teams['Platform']}/pay-bands"
        nid = office.negotiations[title]
        assert f'name="negotiation_id" value="{nid}"' in text(office.page(lead, url))
        placed = office.post(lead, url, f"{url}/placements", {"negotiation_id": nid, "band": band})
        assert placed.status_code == 303, text(placed)[:2000]
        return
    office.people.teams.band_negotiation(
        office.teams["Platform"], str(office.negotiations[title]), band, actor=office.email(lead), shared=True
    )


# -- the bargaining and the approvals --------------------------------------------------------------
@when(parsers.parse("{name} proposes to {other}: {values}"))
def proposes(office, name, other, values):
    step(office, name, "make_proposal", from_party="p2", to_parties=["p1"], values=values_of(values))


@when(parsers.parse('{name} approves the proposal: "{comment}"'))
def approves(office, name, comment):
    step(office, name, "approve_proposal", proposal_id="prop1", comment=comment)


@when(parsers.parse('{name} declines the proposal: "{comment}"'))
def declines(office, name, comment):
    step(office, name, "decline_proposal", proposal_id="prop1", comment=comment)


@when(parsers.parse('{name} amends the proposal to {values} because "{reason}"'))
def amends(office, name, values, reason):
    step(office, name, "amend_proposal", proposal_id="prop1", values=values_of(values), reason=reason)


@when(parsers.parse("{name} accepts the proposal"))
def accepts(office, name):
    step(office, name, "accept_proposal", proposal_id="prop1", party="p1")


# -- what they see ---------------------------------------------------------------------------------
@then(parsers.re(r"the proposal awaits approval by (?P<names>.+)"))
def awaits(office, names):
    steps: dict[int, list[str]] = {}
    if on_the_web(office):  # the card: "Awaiting approval: waiting for …", then "Step 1: lena@… (why) — …"
        card = office.proposal_card(OWNER, TITLE)
        assert card["approval"] == "Awaiting approval", card
        for number, email in re.findall(r"Step (\d+): (\S+@\S+)", card["words"]):
            steps.setdefault(int(number), []).append(office.name_of(email))
        first = ", ".join(office.email(n) for n in steps[min(steps)])
        assert f"Awaiting approval: waiting for {first} " in card["words"], card
        assert ", then ".join(" and ".join(sorted(v)) for _, v in sorted(steps.items())) == names
        return
    approval = negotiation(office).approvals["prop1"]
    assert approval["status"] == "awaiting approval"
    for a in approval["required"]:
        steps.setdefault(a["step"], []).append(office.name_of(a["approver"]))
    assert ", then ".join(" and ".join(sorted(v)) for _, v in sorted(steps.items())) == names


@then(parsers.parse("the proposal is {status}"))
def proposal_status(office, status):
    if on_the_web(office):  # the card's status, and its approval's
        card = office.proposal_card(OWNER, TITLE)
        if status == "withdrawn":  # gone from the open proposals; its own page says why
            assert card is None
            card = office.closed_proposal_card(OWNER, TITLE, "prop1")
            assert (card["status"], card["approval"]) == ("withdrawn", "Declined"), card
        else:
            assert card["approval"] == status.capitalize(), card
        return
    n = negotiation(office)
    if status == "withdrawn":
        assert n.proposals["prop1"].status == "withdrawn"
        assert n.approvals["prop1"]["status"] == "declined"
    else:
        assert n.approvals["prop1"]["status"] == status


@then(
    parsers.re(
        r'the "(?P<team>[^"]+)" dashboard shows (?P<count>\d+|no) approvals? waiting(?: for (?P<name>\w+))?'
    )
)
def dashboard_waiting(office, team, count, name):
    if on_the_web(office):  # the table "Approvals waiting, by approver" on the owner's dashboard page
        rows = office.table(office.owners[team], team, "approvals-waiting")
        assert rows == ([] if count == "no" else [[office.email(name), count]]), rows
        return
    found = office.people.read_model.approvals_waiting(office.teams[team])
    assert found == ([] if count == "no" else [(office.email(name), int(count))])


@then(parsers.parse("{name}'s list of what's due is empty"))
def nothing_due(office, name):
    assert due(office, name) == []


@then(parsers.parse("{name}'s list of what's due says \"{sentence}\""))
def due_says(office, name, sentence):
    assert sentence in due(office, name)


def due(office, name: str) -> list[str]:
    if on_the_web(office):
        return office.due(name)
    found = due_for(
        office.email(name),
        office.people.read_model,
        office.tracker.get,
        datetime.now(UTC),
        UTC,
        Filters(open=True),
    )
    return [item.sentence for item in found.items]


@then(
    parsers.re(
        r'when (?P<name>\w+) tries to (?P<verb>accept|approve) the proposal s?he is told "(?P<message>.+)"$'
    )
)
def refused(office, name, verb, message):
    version = stored(office)
    with pytest.raises(Refused if on_the_web(office) else DomainError) as refusal:
        if verb == "accept":
            accepts(office, name)
        else:
            approves(office, name, "Looks right.")
    assert refusal.value.message == message
    assert stored(office) == version


def stored(office):
    """What is stored so far: the version, or on the web the timeline the owner reads."""
    return office.timeline(OWNER, TITLE) if on_the_web(office) else negotiation(office).version


@then(parsers.parse("the negotiation is agreed"))
def agreed(office):
    if on_the_web(office):
        assert office.stage(OWNER, TITLE) == "agreed"
        return
    assert negotiation(office).stage.value == "agreed"


@then(parsers.parse('the timeline reads "{sentence}"'))
def timeline_reads(office, sentence):
    if on_the_web(office):
        assert sentence in office.timeline(OWNER, TITLE)
        return
    assert sentence in [
        e.sentence for e in office.tracker.timeline(office.negotiations["Engineer to tech lead"])
    ]


@then(
    parsers.re(
        r"(?P<name>\w+) sees that (?P<amount>[\d,]+) EUR is in the (?P<where>.+) of (?P<band>.+) "
        r"with a compa-ratio of (?P<ratio>[\d.]+)"
    )
)
def sees_placement(office, name, amount, where, band, ratio):
    if on_the_web(office):  # the pay band card on the negotiation page
        page = office.negotiation_page(name, TITLE)
        card = words(page[page.index('<div class="card pay-band">') :].split("</div>", 1)[0])
        assert card.startswith(f"Pay band: {band} "), card
        assert re.search(
            rf"{amount} EUR is in the {where} of {re.escape(band)} \([^)]*\); compa-ratio {ratio}$", card
        ), card
        return
    [reading] = band_readings(
        office.people.access, negotiation(office), office.email(name), datetime.now(UTC).date()
    )
    [(_, placed)] = reading.placements
    assert (reading.band.name, placed.position, placed.compa_ratio) == (band, where, Decimal(ratio))
    assert placed.amount == Decimal(amount.replace(",", ""))


@then(parsers.parse("{name} sees no pay band, and {other} is refused the team's pay bands"))
def no_band(office, name, other):
    if on_the_web(office):
        assert "Pay band" not in office.negotiation_page(name, TITLE)
        assert office.page(other, f"/teams/{office.teams['Platform']}/pay-bands").status_code == 403
        return
    assert (
        band_readings(office.people.access, negotiation(office), office.email(name), datetime.now(UTC).date())
        == []
    )
    with pytest.raises(AccessDenied):
        office.people.teams.pay_bands(office.teams["Platform"], office.email(other))
