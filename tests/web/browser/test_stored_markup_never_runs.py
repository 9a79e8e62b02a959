"""Stored markup does not run: in real headless Chromium, a person types script and event-handler
payloads into the forms (a negotiation's title and description, a party's name, a note); every page
that shows them shows them as text. No payload sets its window flag, no dialog opens, no element the
payloads describe exists in the page (escaping works on its own, before the Content-Security-Policy
would block an inline script), and the browser reports no error (no CSP violation either)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PAYLOADS = {
    "title": '<script>window.__xss="title";alert(1)</script>',
    "description": "<img src=x onerror=\"window.__xss='description';alert(2)\">",
    "name": '"><svg onload="window.__xss=\'party\';alert(3)">',
    "note": "</textarea><iframe srcdoc=\"<script>parent.__xss='note'</script>\"></iframe>",
}
INJECTED = "script:not([src]), img[src='x'], svg[onload], iframe[srcdoc], [onerror], [onload]"


def submit(page, button: str) -> None:
    page.get_by_role("button", name=button).click()
    page.wait_for_url(re.compile(r"/negotiations/[0-9a-f-]+(\?[^#]*)?#v\d+$"))


def test_stored_payloads_are_shown_as_text_and_never_run(live_server, page):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(live_server.url + "/negotiations/new")
    page.locator("#f-title").fill(PAYLOADS["title"])
    page.locator("#f-kind").select_option("job_offer")
    page.locator("#f-description").fill(PAYLOADS["description"])
    submit(page, "Start the negotiation")
    negotiation_url = page.url.split("#")[0]
    page.goto(negotiation_url.split("?")[0] + "/steps/join_party")
    page.get_by_label("Name").fill(PAYLOADS["name"])
    page.get_by_label("Role").fill("recruiter")
    page.get_by_label("Side").select_option("counterpart")
    submit(page, "Add the party")
    page.goto(negotiation_url.split("?")[0] + "/steps/add_note")
    page.locator("#f-text").fill(PAYLOADS["note"])
    page.locator("form[method=post] button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"#v\d+$"))

    base = negotiation_url.split("?")[0]
    pages = [
        live_server.url + "/",
        base,
        base + "/analysis",
        base + "/steps/add_note",
        base + "/access",
        base + "/steps/make_proposal",
    ]
    for url in pages:
        response = page.goto(url)
        assert response is not None and response.ok, (url, response and response.status)
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.__xss === undefined"), f"a payload ran on {url}"
        injected = page.locator(INJECTED).count()
        assert injected == 0, f"{injected} injected element(s) on {url}"
    page.goto(base)
    text = page.locator("main").inner_text()
    for field in ("title", "name", "note"):
        assert PAYLOADS[field] in text, f"the {field} is not shown as text"
    assert dialogs == []
