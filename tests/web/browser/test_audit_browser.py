"""An auditor with only a browser: opens the sample negotiation, sees that its record is intact,
filters the timeline, looks at the negotiation "as of" the first offer, compares two proposals and a
proposal with the targets, downloads the record and imports one through the upload form (CSRF on).
Screenshots go to artifacts/screenshots/audit-*.png."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import PERSON, screenshot
from tracker.demo import load_demo

pytestmark = pytest.mark.browser


def entry(page, version: int):
    return page.locator(f"#v{version}")


def test_an_auditor_travels_in_time_and_compares_offers(live_server, page, phone):
    nid = load_demo(live_server.tracker)
    page.goto(f"{live_server.url}/negotiations/{nid}")
    badge = page.locator("#record-badge")
    expect(badge).to_have_text(re.compile(r"Record intact: 40 events verified"))
    expect(badge).to_have_class(re.compile(r"\bintact\b"))
    screenshot(page, "audit-01-negotiation")

    page.get_by_label("Party").select_option(label="Dana Kim (hiring manager)")
    page.get_by_label("Kind of step").select_option("proposals")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".timeline li.entry")).to_have_count(5)
    expect(page.locator(".timeline-count")).to_contain_text("Showing 5 of 40 steps.")
    screenshot(page, "audit-02-filtered")

    entry(page, 32).get_by_role("link", name="Show as of here").click()
    banner = page.locator("#as-of-banner")
    expect(banner).to_contain_text("You are looking at version 32 of 40")
    expect(page.locator("#log-a-step")).to_have_count(0)
    expect(page.get_by_role("link", name="Make a proposal")).to_have_count(0)
    # the browser's language (en-US) is the person's locale since sign-up: money as en-US writes it
    expect(page.locator(".terms-table")).to_contain_text("€118,000")
    expect(page.locator(".terms-table")).not_to_contain_text("€124,000")
    screenshot(page, "audit-03-as-of-first-offer")
    banner.get_by_role("link", name="Back to now").click()
    expect(page.locator("#as-of-banner")).to_have_count(0)
    expect(page.locator("#log-a-step")).to_be_visible()

    entry(page, 35).get_by_role(
        "link", name=re.compile("Compare with proposal #2 from Alex Morgan, which it answers")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare packages")
    salary = page.locator("#term-base_salary")
    expect(salary).to_contain_text("132,000 EUR")
    expect(salary).to_contain_text("-8,000 EUR")
    expect(salary).to_contain_text("Worse for you")
    screenshot(page, "audit-04-compare")

    page.get_by_label("Compare", exact=True).select_option("targets")
    page.get_by_label("with", exact=True).select_option("prop4")
    page.get_by_role("button", name="Compare").click()
    expect(page.locator("#comparison-title")).to_contain_text("compared with Your targets")
    expect(page.locator("#term-remote_days")).to_contain_text("No change")
    expect(page.locator("#term-title")).to_contain_text("No change")
    screenshot(page, "audit-05-compare-targets")
    phone.goto(page.url)
    expect(phone.locator(".compare-table")).to_be_visible()
    screenshot(phone, "audit-06-compare-phone")


def test_download_the_record_and_import_it_elsewhere(live_server, page, tmp_path):
    from tests.support.config import make_config
    from tracker.audit.exporting import export_negotiation
    from tracker.bootstrap import build_tracker

    nid = load_demo(live_server.tracker)
    page.goto(f"{live_server.url}/negotiations/{nid}")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the record (JSON)").click()
    assert download.value.suggested_filename == f"negotiation-{nid}-v40.json"
    saved = tmp_path / "record.json"
    download.value.save_as(saved)
    assert json.loads(saved.read_text())["version"] == 40

    page.goto(f"{live_server.url}/negotiations/import")
    page.get_by_label("Export file").set_input_files(saved)
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#error-summary")).to_contain_text("already exists in this store")

    elsewhere = build_tracker(make_config(store="memory"))
    try:
        other = elsewhere.start_negotiation(
            actor=PERSON, title="Promotion to staff engineer", kind="promotion"
        )
        elsewhere.step(other, "add_note", actor=PERSON, text="Ask for the staff title first.")
        (tmp_path / "other.json").write_text(json.dumps(export_negotiation(elsewhere, other)))
    finally:
        elsewhere.close()
    page.get_by_label("Export file").set_input_files(tmp_path / "other.json")
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".flash")).to_contain_text("Imported “Promotion to staff engineer”: 2 events")
    expect(page.locator(".flash")).to_contain_text("Origin not proven: the file is not signed.")
    badge = "Record intact: 3 events verified; imported, origin not proven"
    expect(page.locator("#record-badge")).to_contain_text(badge)
    expect(page.locator("#import-mark")).to_contain_text(f"Imported by {PERSON} on")
    expect(page.locator("#import-mark")).to_contain_text("origin not proven (the file is not signed)")
    expect(page.locator("#v2 .unproven")).to_have_text("(as the file says; origin not proven)")
    expect(page.locator("#v3 .unproven")).to_have_count(0)  # the import itself is the importer's step
    screenshot(page, "audit-07-imported-origin-not-proven")
