"""The add-term form fills the key from the label while it is typed (tracker.js, as the server would
derive it, suffixed when the key is taken) until the person edits the key; the term is stored under
the key shown."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_key_follows_the_label_until_it_is_edited(live_server, page):
    nid = live_server.tracker.start_negotiation(actor="demo@example.org", title="Promotion", kind="promotion")
    live_server.tracker.step(
        nid, "add_term", actor="demo@example.org", label="Base salary", kind="money", currency="EUR"
    )
    page.goto(f"{live_server.url}/negotiations/{nid}/steps/add_term")
    label, key = page.locator("#f-label"), page.locator("#f-key")
    label.press_sequentially("Prime d'été")
    expect(key).to_have_value("prime_d_ete")
    label.fill("")
    label.press_sequentially("Base salary")
    expect(key).to_have_value("base_salary_2")  # base_salary is on the table already
    key.fill("salary")
    label.fill("Base salary 2027")
    expect(key).to_have_value("salary")  # edited by the person: left alone
    page.locator("#f-kind").select_option("money")
    page.locator("#f-currency").fill("EUR")
    page.get_by_role("button", name="Put it on the table").click()
    page.wait_for_url(f"**/negotiations/{nid}**")
    assert live_server.tracker.get(nid).terms["salary"].label == "Base salary 2027"
