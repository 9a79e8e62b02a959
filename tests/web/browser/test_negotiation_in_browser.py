"""A person with only a browser runs a whole negotiation: start it, add three parties and three
terms, make a proposal, counter it, accept it (which concludes it); every step shows on the timeline.
A bad value comes back beside its field with the input kept. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import PERSON, screenshot

pytestmark = pytest.mark.browser

PARTIES = [
    ("Alex Morgan", "candidate", "owner"),
    ("Dana Kim", "hiring manager", "counterpart"),
    ("Rick Alvarez", "recruiter", "counterpart"),
]


def log_step(page, link: str) -> None:
    page.locator("#log-a-step").get_by_role("link", name=link, exact=True).click()


def submit(page, button: str) -> None:
    page.get_by_role("button", name=button).click()
    page.wait_for_url(re.compile(r"/negotiations/[0-9a-f-]+(\?[^#]*)?#v\d+$"))


def latest_entry(page):
    version = page.url.rsplit("#v", 1)[1]
    return page.locator(f"#v{version}")


def test_a_whole_negotiation_from_start_to_agreement(live_server, page, phone):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Your negotiations")).to_be_visible()
    screenshot(page, "01-empty-list")
    page.get_by_role("main").get_by_role("link", name="Start a negotiation").click()
    page.locator("#f-title").fill("Senior Data Engineer offer at Northwind")
    page.locator("#f-kind").select_option("job_offer")
    page.locator("#f-description").fill("Offer after four interview rounds.")
    submit(page, "Start the negotiation")
    expect(latest_entry(page)).to_contain_text("Started “Senior Data Engineer offer at Northwind”: job offer")

    for name, role, side in PARTIES:
        log_step(page, "Add a party")
        page.get_by_label("Name").fill(name)
        page.get_by_label("Role").fill(role)
        page.get_by_label("Side").select_option(side)
        submit(page, "Add the party")
        expect(latest_entry(page)).to_contain_text(f"{name} ({role}) joined on the {side} side")

    terms = [
        ("Base salary", "base_salary", "money", "EUR", "", "higher"),
        ("Remote days", "remote_days", "days", "", "", "higher"),
        ("Title", "title", "choice", "", "Data Engineer, Senior Data Engineer", "none"),
    ]
    for label, key, kind, currency, options, better in terms:
        log_step(page, "Put a term on the table")
        page.locator("#f-label").fill(label)
        page.locator("#f-key").fill(key)
        page.locator("#f-kind").select_option(kind)
        if currency:
            page.locator("#f-currency").fill(currency)
        if options:
            page.locator("#f-options").fill(options)
        page.locator("#f-better").select_option(better)
        submit(page, "Put it on the table")
        expect(latest_entry(page)).to_contain_text(f"Put {label} on the table ({kind}")

    page.get_by_role("link", name="Make a proposal").first.click()
    page.get_by_label("From").select_option("p2")
    page.get_by_label("Alex Morgan (candidate), owner").check()
    page.locator("#f-values-base_salary-amount").fill("118000")
    page.locator("#f-values-remote_days").fill("2")
    page.locator("#f-values-title").select_option("Data Engineer")
    page.get_by_label("Rationale").fill("Our standard senior package.")
    screenshot(page, "04-proposal-form")
    submit(page, "Record the proposal")
    expect(latest_entry(page)).to_contain_text(
        "Dana Kim (hiring manager) proposed to Alex Morgan (candidate): Base salary 118,000 EUR, "
        "Remote days 2 days, Title Data Engineer"
    )

    page.get_by_role("link", name="Counter proposal #1").first.click()
    expect(page.locator("#f-values-base_salary-amount")).to_have_value(
        "118,000"
    )  # prefilled, in the browser language (en-US)
    expect(page.get_by_label("Dana Kim (hiring manager), counterpart")).to_be_checked()
    page.locator("#f-values-base_salary-amount").fill("127000")
    page.locator("#f-values-remote_days").fill("3")
    page.locator("#f-values-title").select_option("Senior Data Engineer")
    page.get_by_label("Rationale").fill("Market data puts the role at 122k typical.")
    submit(page, "Record the proposal")
    expect(latest_entry(page)).to_contain_text(
        "Alex Morgan (candidate) countered proposal #1 from Dana Kim to Dana Kim (hiring manager): "
        "Base salary 127,000 EUR, Remote days 3 days, Title Senior Data Engineer"
    )
    screenshot(page, "02-negotiation-open")

    page.get_by_role("link", name="Accept proposal #2").first.click()
    page.get_by_label("Who answers").select_option("p2")
    page.get_by_label("Reason").fill("Approved by the department head.")
    submit(page, "Accept the proposal")
    expect(latest_entry(page)).to_contain_text(
        "Concluded: agreed on Base salary 127,000 EUR, Remote days 3 days, Title Senior Data Engineer"
    )
    expect(page.locator(".page-head .stage")).to_have_text("agreed")

    timeline = page.locator(".timeline")
    for sentence in (
        "Started",
        "Alex Morgan (candidate) joined",
        "Dana Kim (hiring manager) joined",
        "Rick Alvarez (recruiter) joined",
        "Put Base salary on the table",
        "Put Remote days on the table",
        "Put Title on the table",
        "Dana Kim (hiring manager) proposed",
        "countered proposal #1 from Dana Kim",
        "Dana Kim (hiring manager) accepted proposal #2 from Alex Morgan",
        "Concluded: agreed",
    ):
        expect(timeline).to_contain_text(sentence)
    expect(timeline.locator("li.entry")).to_have_count(11)
    screenshot(page, "03-negotiation-agreed")

    phone.goto(page.url.split("#")[0])
    expect(phone.locator(".terms-table")).to_be_visible()
    screenshot(phone, "05-negotiation-phone")
    nid = page.url.split("/negotiations/")[1].split("#")[0]
    n = live_server.tracker.get(nid)
    assert n.stage_value == "agreed" and str(n.final_terms["base_salary"]["amount"]) == "127000"

    page.goto(live_server.url + "/")
    expect(page.get_by_role("link", name="Senior Data Engineer offer at Northwind")).to_be_visible()
    screenshot(page, "06-list")


def test_a_bad_value_comes_back_beside_its_field_with_the_input_kept(live_server, page):
    tracker = live_server.tracker
    nid = tracker.start_negotiation(actor=PERSON, title="Promotion to team lead", kind="promotion")
    tracker.step(nid, "join_party", actor=PERSON, name="Alex", role="engineer", side="owner")
    tracker.step(nid, "join_party", actor=PERSON, name="Morgan", role="manager", side="counterpart")
    tracker.step(
        nid,
        "add_term",
        actor=PERSON,
        key="base_salary",
        label="Base salary",
        kind="money",
        currency="EUR",
        better="higher",
    )
    page.goto(f"{live_server.url}/negotiations/{nid}/steps/make_proposal")
    page.get_by_label("From").select_option("p1")
    page.get_by_label("Morgan (manager), counterpart").check()
    page.locator("#f-values-base_salary-amount").fill("twelve grand")
    page.get_by_label("Rationale").fill("Took on the team lead duties in March.")
    page.get_by_role("button", name="Record the proposal").click()

    error = page.locator("#f-values-base_salary-amount-error")
    expect(error).to_contain_text("“twelve grand” is not a number.")
    field = page.locator("#f-values-base_salary-amount")
    expect(field).to_have_value("twelve grand")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Rationale")).to_have_value("Took on the team lead duties in March.")
    expect(page.get_by_label("Morgan (manager), counterpart")).to_be_checked()
    assert (
        field.bounding_box()["y"] < error.bounding_box()["y"] < field.bounding_box()["y"] + 120
    )  # beside it
    assert tracker.get(nid).proposals == {}
    screenshot(page, "07-form-error")

    field.fill("95000")
    submit(page, "Record the proposal")
    expect(latest_entry(page)).to_contain_text(
        "Alex (engineer) proposed to Morgan (manager): Base salary 95,000 EUR"
    )


def test_conclude_and_reopen_with_the_keyboard(live_server, page):
    tracker = live_server.tracker
    nid = tracker.start_negotiation(actor=PERSON, title="Four-day week", kind="flexible_work")
    page.goto(f"{live_server.url}/negotiations/{nid}/steps/conclude")
    page.locator("#f-outcome").focus()
    page.keyboard.press("End")  # the last outcome: stalled
    page.keyboard.press("Tab")
    page.keyboard.type("They froze every change until next year.")
    page.locator("#f-lessons").press("Tab")  # on to the time it happened
    page.keyboard.press("Enter")  # submits the form
    page.wait_for_url(re.compile(r"#v2$"))
    expect(page.locator("#v2")).to_contain_text("Concluded: stalled")
    expect(page.locator(".page-head .stage")).to_have_text("stalled")
    log_step(page, "Reopen")
    page.get_by_label("Why reopen").fill("New budget approved.")
    submit(page, "Reopen")
    expect(latest_entry(page)).to_contain_text("Reopened: New budget approved.")
