"""A whole negotiation with the keyboard alone (Tab, Shift+Tab, Enter, Space and typing; never the
mouse): skip to the content, start a negotiation, add two parties and a term, make a proposal, accept
it, then read the timeline. Every control reached shows where the focus is (a :focus-visible outline)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import screenshot

pytestmark = pytest.mark.browser

FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const text = e.labels && e.labels.length ? e.labels[0].innerText
        : (e.getAttribute('aria-label') || e.innerText || '');
    const style = getComputedStyle(e);
    const box = e.getBoundingClientRect();
    return {tag: e.tagName.toLowerCase(), id: e.id, name: text.replace(/\\s+/g, ' ').replace(/\\s*\\*$/, '').trim(),
            value: e.value ?? null, outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
            on_screen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0};
}"""


def tab_to(page, name: str, backwards: bool = False, limit: int = 200) -> dict:
    """Presses Tab (or Shift+Tab) until the focused control's name matches ``name`` (a regex, from the
    start); checks that the focus can be seen there."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = page.evaluate(FOCUSED)
        if focused and re.match(name, focused["name"]):
            assert focused["outline"], f"no visible focus outline on {focused}"
            assert focused["on_screen"], f"the focused control is not on the screen: {focused}"
            return focused
    raise AssertionError(f"{limit} presses of Tab never reached a control named {name!r}")


def type_into(page, name: str, text: str) -> None:
    tab_to(page, name)
    page.keyboard.type(text)


def choose(page, name: str, option_text: str) -> None:
    """A closed <select>: typing the start of an option's text picks it, as in every browser."""
    tab_to(page, name)
    page.keyboard.type(option_text)
    chosen = page.evaluate("() => document.activeElement.selectedOptions[0].textContent")
    assert chosen.lower().startswith(option_text.lower()), f"{name}: typing {option_text!r} chose {chosen!r}"


def press(page, name: str, key: str = "Enter") -> None:
    """Follows a link or submits a form from the keyboard, and waits for the next page."""
    tab_to(page, name)
    with page.expect_navigation():
        page.keyboard.press(key)


def latest_entry(page):
    return page.locator(".timeline li.entry").last


def test_a_whole_negotiation_with_the_keyboard_only(live_server, page):
    page.goto(live_server.url + "/")

    # The first Tab reaches the skip link, which shows itself and jumps over the site's navigation.
    skip = tab_to(page, "Skip to the content")
    assert skip["tag"] == "a"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    press(page, "Start a negotiation")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Start")
    type_into(page, "Title", "Offer at Northwind")
    choose(page, "What it is about", "job")
    press(page, "Start the negotiation")
    expect(latest_entry(page)).to_contain_text("Offer at Northwind")

    for name, role, side in (
        ("Alex Morgan", "candidate", "owner"),
        ("Dana Kim", "hiring manager", "counterpart"),
    ):
        press(page, "Add a party")
        type_into(page, "Name", name)
        type_into(page, "Role", role)
        choose(page, "Side", side)
        press(page, "Add the party")
        expect(latest_entry(page)).to_contain_text(name)

    press(page, "Put a term on the table")
    type_into(page, "Label", "Base salary")
    tab_to(page, "Key")
    if not page.evaluate("document.activeElement.value"):  # unless it was derived from the label
        page.keyboard.type("base_salary")
    choose(page, "Kind of value", "money")
    type_into(page, "Currency", "EUR")
    choose(page, "Which way is better", "higher")
    press(page, "Put it on the table")
    expect(latest_entry(page)).to_contain_text("Base salary")

    press(page, "Make a proposal")
    choose(page, "From", "Dana")
    tab_to(page, "Alex Morgan")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    type_into(page, "Base salary", "118000")
    type_into(page, "Rationale", "Our standard senior package.")
    screenshot(page, "keyboard-01-proposal-form")
    press(page, "Record the proposal")
    expect(latest_entry(page)).to_contain_text("118,000")

    press(page, r"Accept\b")
    # Shift+Tab: from the button back to the question of who answers.
    tab_to(page, "Accept|Record")
    tab_to(page, "Who answers", backwards=True)
    page.keyboard.type("Alex")
    press(page, "Accept|Record")
    expect(latest_entry(page)).to_contain_text(re.compile("accept|agreed", re.IGNORECASE))

    # Reading the timeline: newest first, then follow the newest step's own link.
    press(page, "show newest first")
    focused = tab_to(page, r"#\d+$")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"#v{focused['name'][1:]}$"))
    expect(page.locator(f"#v{focused['name'][1:]}")).to_contain_text(
        re.compile("accept|agreed", re.IGNORECASE)
    )
    expect(page.locator(".timeline")).to_contain_text(re.compile("accepted", re.IGNORECASE))
    screenshot(page, "keyboard-02-timeline")
