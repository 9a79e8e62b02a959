"""A term's key is derived from its label when left blank (and kept when given); a step whose
preconditions are missing says what to do first and links to it, in the form and in the steps menu."""

from __future__ import annotations

import re

from tests.support.web import fill, text


def add_term(client, nid, **data):
    return fill(client, f"/negotiations/{nid}/steps/add_term", {"kind": "money", "currency": "EUR", **data})


def test_a_blank_key_is_derived_from_the_label(client, tracker, nid):
    assert add_term(client, nid, label="Sign-on bonus", key="").status_code == 303
    assert tracker.get(nid).terms["sign_on_bonus"].label == "Sign-on bonus"


def test_a_label_already_on_the_table_gets_a_suffixed_key(client, tracker, nid):
    assert add_term(client, nid, label="Base salary", key="").status_code == 303
    assert add_term(client, nid, label="Base salary", key="").status_code == 303
    terms = tracker.get(nid).terms
    assert terms["base_salary_2"].label == terms["base_salary_3"].label == "Base salary"


def test_a_key_of_a_removed_term_is_not_reused(client, tracker, nid):
    tracker.step(nid, "remove_term", actor="alex", key="car")
    assert add_term(client, nid, label="Car", key="", kind="boolean", currency="").status_code == 303
    assert "car_2" in tracker.get(nid).terms


def test_an_explicit_key_is_kept(client, tracker, nid):
    assert add_term(client, nid, label="Sign-on bonus", key="welcome").status_code == 303
    assert "welcome" in tracker.get(nid).terms and "sign_on_bonus" not in tracker.get(nid).terms


def test_the_key_field_is_optional_and_follows_the_label(client, nid):
    page = text(client.get(f"/negotiations/{nid}/steps/add_term"))
    key = re.search(r'<input id="f-key"[^>]*>', page).group(0)
    assert " required" not in key and 'data-key-from="f-label"' in key
    assert 'data-keys-taken="base_salary remote_days car start_date title"' in key
    assert page.index('id="f-label"') < page.index('id="f-key"')


def test_a_proposal_before_any_party_says_to_add_the_parties_first(client, tracker):
    nid = tracker.start_negotiation(actor="alex", title="Promotion", kind="promotion")
    page = text(client.get(f"/negotiations/{nid}/steps/make_proposal"))
    assert "Add the parties first." in page
    assert f'<a class="button first-step" href="/negotiations/{nid}/steps/join_party">Add a party</a>' in page
    assert 'name="from_party"' not in page


def test_a_proposal_without_terms_says_to_put_one_on_the_table(client, tracker):
    nid = tracker.start_negotiation(actor="alex", title="Promotion", kind="promotion")
    for name, side in (("Alex", "owner"), ("Dana", "counterpart")):
        tracker.step(nid, "join_party", actor="alex", name=name, role="", side=side)
    page = text(client.get(f"/negotiations/{nid}/steps/make_proposal"))
    assert "Put a term on the table first." in page and f"/negotiations/{nid}/steps/add_term" in page


def test_a_step_needing_an_ally_links_to_enlisting_one(client, nid):
    page = text(client.get(f"/negotiations/{nid}/steps/log_ally_action"))
    assert (
        "Enlist an ally first." in page
        and f'href="/negotiations/{nid}/steps/enlist_ally">Enlist an ally<' in page
    )


def test_the_steps_menu_shows_what_is_not_yet_available(client, tracker):
    nid = tracker.start_negotiation(actor="alex", title="Promotion", kind="promotion")
    menu = text(client.get(f"/negotiations/{nid}")).split('id="log-a-step"', 1)[1].split("</section>", 1)[0]
    assert 'steps/make_proposal"' not in menu and 'steps/set_priority"' not in menu
    assert (
        '<span class="step-name">Make a proposal</span> <span class="meta">(not yet: add the parties first)'
        in menu
    )
    assert menu.count(f'href="/negotiations/{nid}/steps/join_party"') == 1
    assert f'<a href="/negotiations/{nid}/steps/add_note">Add a note</a>' in menu


def test_the_steps_menu_offers_a_step_once_it_is_possible(client, nid):
    menu = text(client.get(f"/negotiations/{nid}")).split('id="log-a-step"', 1)[1].split("</section>", 1)[0]
    assert f'<a href="/negotiations/{nid}/steps/make_proposal">Make a proposal</a>' in menu
    assert "not yet: enlist an ally first" in menu
