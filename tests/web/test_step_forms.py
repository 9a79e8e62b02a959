"""A form for every step: each renders with a label for every input, records its step through the
shared schema, and redirects (post/redirect/get) to the new timeline entry."""

import re

import pytest

from tests.support.web import fill, text

EUR = lambda amount: {"amount": amount, "currency": "EUR"}  # noqa: E731


def with_ally(tracker, nid):
    tracker.step(nid, "enlist_ally", actor="alex", name="Priya", relationship="mentor")


def with_proposal(tracker, nid):
    tracker.step(
        nid,
        "make_proposal",
        actor="alex",
        from_party="p2",
        to_parties=["p1"],
        values={"base_salary": EUR("118000")},
    )


def closed(tracker, nid):
    tracker.step(nid, "conclude", actor="alex", outcome="declined")


#: command -> (setup, form data, a piece of the timeline sentence it records)
STEPS = {
    "record_aspiration": (
        None,
        {"horizon": "long_term", "area": "career", "text": "Lead a team"},
        "Recorded a long-term career goal: Lead a team",
    ),
    "join_party": (
        None,
        {"name": "Sam Patel", "role": "coach", "side": "advisor"},
        "Sam Patel (coach) joined on the advisor side",
    ),
    "leave_party": (None, {"party_id": "p3", "reason": "Handed over"}, "Rick Alvarez (recruiter) left"),
    "add_term": (
        None,
        {"label": "Sign-on bonus", "key": "sign_on", "kind": "money", "currency": "EUR", "better": "higher"},
        "Put Sign-on bonus on the table (money, EUR, higher is better)",
    ),
    "revise_term": (
        None,
        {"key": "remote_days", "label": "Remote days per week"},
        "Revised the term Remote days per week",
    ),
    "remove_term": (
        None,
        {"key": "car", "reason": "Not offered"},
        "Took Company car off the table (Not offered)",
    ),
    "log_research": (
        None,
        {
            "source": "Levels survey",
            "term_key": "base_salary",
            "low": "105000",
            "typical": "122000",
            "high": "140000",
        },
        "Logged research on Base salary from Levels survey",
    ),
    "enlist_ally": (
        None,
        {"name": "Priya Shah", "relationship": "former manager", "stance": "supportive"},
        "Enlisted Priya Shah (former manager) as an ally, supportive",
    ),
    "log_ally_action": (
        with_ally,
        {"ally_id": "a1", "action": "Spoke to the department head"},
        "Priya: Spoke to the department head",
    ),
    "change_ally_stance": (
        with_ally,
        {"ally_id": "a1", "stance": "opposed", "reason": "Budget"},
        "Priya is now opposed (Budget)",
    ),
    "log_alternative": (
        None,
        {
            "label": "Offer from Contoso",
            "kind": "competing_offer",
            "values-base_salary-amount": "124000",
            "values-base_salary-currency": "EUR",
            "deadline": "2026-12-01",
        },
        "Logged an alternative, Offer from Contoso (competing offer): Base salary 124,000 EUR",
    ),
    "make_proposal": (
        None,
        {
            "from_party": "p1",
            "to_parties": ["p2", "p3"],
            "values-base_salary-amount": "130000",
            "values-base_salary-currency": "EUR",
            "values-remote_days": "3",
            "values-car": "yes",
            "values-start_date": "2026-09-01",
            "values-title": "Senior Engineer",
            "rationale": "Market data",
        },
        "Alex Morgan (candidate) proposed to Dana Kim (hiring manager), Rick Alvarez (recruiter): "
        "Base salary 130,000 EUR, Remote days 3 days, Company car yes, Start date 2026-09-01, "
        "Title Senior Engineer",
    ),
    "log_interaction": (
        None,
        {"channel": "call", "participants": ["p1", "p2"], "summary": "Friendly call", "tone": "warm"},
        "Call with Alex Morgan (candidate), Dana Kim (hiring manager) (warm)",
    ),
    "add_note": (None, {"text": "Ask about the team budget"}, "Note: Ask about the team budget"),
    "change_stage": (None, {"stage": "negotiating", "reason": "Talks began"}, "Stage changed to negotiating"),
    "conclude": (None, {"outcome": "walked_away", "lessons": "Too far apart"}, "Concluded: walked away"),
    "record_lessons": (None, {"lessons": "Start with research"}, "Lessons learned: Start with research"),
    "reopen": (closed, {"reason": "They came back"}, "Reopened: They came back"),
}


def every_input_is_labelled(html: str) -> None:
    form = html[html.index('<form class="step"') : html.index("</form>")]
    labelled = set(re.findall(r'<label for="([^"]+)"', form))
    for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", form):
        if 'type="hidden"' in tag:
            continue
        if 'type="checkbox"' in tag:
            continue  # wrapped in its own <label class="check">
        match = re.search(r'id="([^"]+)"', tag)
        assert match and match.group(1) in labelled, f"no label for {tag}"


def test_every_command_has_a_form(client, nid):
    from tracker.application import COMMANDS
    from tracker.web.pages.steps.answers import ACTIONS
    from tracker.web.pages.steps.routes import BUILDERS

    answered_elsewhere = {command for command, _ in ACTIONS.values()}
    assert set(BUILDERS) == COMMANDS - answered_elsewhere


@pytest.mark.parametrize("command", sorted(STEPS))
def test_each_step_form_records_its_step_and_redirects_to_the_entry(client, tracker, nid, command):
    setup, data, sentence = STEPS[command]
    if setup:
        setup(tracker, nid)
    url = f"/negotiations/{nid}/steps/{command}"
    page = client.get(url)
    assert page.status_code == 200
    every_input_is_labelled(text(page))
    before = tracker.get(nid).version
    response = fill(client, url, data)
    assert response.status_code == 303, text(response)[:2000]
    version = tracker.get(nid).version
    assert version == before + 1
    assert response.headers["Location"].endswith(f"/negotiations/{nid}#v{version}")
    timeline = text(client.get(f"/negotiations/{nid}"))
    entry = timeline[timeline.index(f'id="v{version}"') :]
    assert sentence in entry
    assert "local user" in entry  # the actor comes from the identity seam


def test_the_start_form_starts_a_negotiation(client, tracker):
    page = client.get("/negotiations/new")
    every_input_is_labelled(text(page))
    response = fill(
        client,
        "/negotiations/new",
        {
            "title": "Move to the platform team",
            "kind": "internal_role_change",
            "opportunity_type": "new_direction",
            "description": "Lead it",
        },
    )
    assert response.status_code == 303
    [nid] = tracker.negotiation_ids()
    assert response.headers["Location"].endswith(f"/negotiations/{nid}#v1")
    n = tracker.get(nid)
    assert (n.title, n.kind_value, n.opportunity_type_value, n.owner) == (
        "Move to the platform team",
        "internal_role_change",
        "new_direction",
        "local user",
    )


def test_a_proposal_stores_typed_values(client, tracker, nid):
    fill(client, f"/negotiations/{nid}/steps/make_proposal", STEPS["make_proposal"][1])
    proposal = tracker.get(nid).proposals["prop1"]
    assert proposal.values["base_salary"] == {
        "amount": __import__("decimal").Decimal("130000"),
        "currency": "EUR",
    }
    assert proposal.values["car"] is True and proposal.values["start_date"] == "2026-09-01"
    assert proposal.to_parties == ["p2", "p3"] and proposal.rationale == "Market data"


def test_the_proposal_form_has_one_input_of_the_right_type_per_term(client, nid):
    page = text(client.get(f"/negotiations/{nid}/steps/make_proposal"))
    assert re.search(r'name="values-base_salary-amount" type="text" inputmode="decimal"', page)
    assert '<input type="hidden" name="values-base_salary-currency" value="EUR">' in page
    assert re.search(r'name="values-start_date" type="date"', page)
    assert re.search(r'<select id="f-values-car" name="values-car"', page)
    assert "<option>Senior Engineer</option>" in page
    assert re.search(r'name="values-remote_days" type="text" inputmode="decimal"', page)


def test_a_counter_proposal_is_prefilled_from_the_proposal_it_answers(client, tracker, nid):
    tracker.step(
        nid,
        "make_proposal",
        actor="alex",
        from_party="p2",
        to_parties=["p1"],
        values={"base_salary": EUR("118000"), "remote_days": "2", "title": "Engineer"},
    )
    page = text(client.get(f"/negotiations/{nid}/steps/make_proposal?in_reply_to=prop1"))
    assert "Counter proposal prop1" in page
    assert re.search(r'name="values-base_salary-amount"[^>]*value="118000"', page.replace("\n", " "))
    assert re.search(r'name="values-remote_days"[^>]*value="2"', page.replace("\n", " "))
    assert "<option selected>Engineer</option>" in page
    assert re.search(r'<option value="p1" selected>', page)  # from: the party it was made to
    assert 'name="to_parties" value="p2" checked' in page  # to: the party who made it
    assert '<option value="prop1" selected>' in page
    response = fill(
        client,
        f"/negotiations/{nid}/steps/make_proposal?in_reply_to=prop1",
        {
            "from_party": "p1",
            "to_parties": "p2",
            "in_reply_to": "prop1",
            "values-base_salary-amount": "126000",
            "values-base_salary-currency": "EUR",
        },
    )
    assert response.status_code == 303
    n = tracker.get(nid)
    assert n.proposals["prop2"].in_reply_to == "prop1" and n.proposals["prop1"].status == "superseded"


def test_countering_an_unknown_proposal_is_404(client, nid):
    assert client.get(f"/negotiations/{nid}/steps/make_proposal?in_reply_to=prop9").status_code == 404


def test_an_unknown_step_is_404(client, nid):
    assert client.get(f"/negotiations/{nid}/steps/delete_everything").status_code == 404
    assert client.post(f"/negotiations/{nid}/steps/delete_everything", data={}).status_code == 404


def test_set_priority_asks_for_the_term_first_then_shows_inputs_of_its_kind(client, tracker, nid):
    picker = text(client.get(f"/negotiations/{nid}/steps/set_priority"))
    assert '<form class="step" method="get"' in picker and 'name="term_key"' in picker
    page = text(client.get(f"/negotiations/{nid}/steps/set_priority?term_key=base_salary"))
    assert 'name="target-amount"' in page and 'name="walk_away-amount"' in page
    response = fill(
        client,
        f"/negotiations/{nid}/steps/set_priority?term_key=base_salary",
        {"weight": "40", "target-amount": "130000", "walk_away-amount": "112000"},
    )
    assert response.status_code == 303
    priority = tracker.get(nid).owner_priorities()["base_salary"]
    assert (priority.weight, str(priority.target["amount"]), str(priority.walk_away["amount"])) == (
        40,
        "130000",
        "112000",
    )
    again = text(client.get(f"/negotiations/{nid}/steps/set_priority?term_key=base_salary"))
    assert re.search(r'name="weight" type="number" value="40"', again)  # prefilled with the current one


def test_set_priority_rates_the_options_of_a_choice_term(client, tracker, nid):
    url = f"/negotiations/{nid}/steps/set_priority?term_key=title"
    assert 'name="ratings-Senior Engineer"' in text(client.get(url))
    response = fill(
        client,
        url,
        {
            "weight": "10",
            "target": "Senior Engineer",
            "walk_away": "Engineer",
            "ratings-Engineer": "30",
            "ratings-Senior Engineer": "90",
        },
    )
    assert response.status_code == 303
    assert tracker.get(nid).owner_priorities()["title"].ratings == {"Engineer": 30, "Senior Engineer": 90}
