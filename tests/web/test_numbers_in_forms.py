"""Numbers in the step forms as people write them: read in their locale, asked back when they could
be read two ways; term bounds refused beside the field; every error of a form in one answer; every
text input and text area carrying the limit the server enforces."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from babel import Locale
from flask import g

from tests.support.web import errors_beside, fill, text
from tracker.domain.limits import LONG_TEXT, SHORT_TEXT
from tracker.web.pages.steps.routes import BUILDERS

PROPOSAL = {"from_party": "p1", "to_parties": ["p2"], "values-base_salary-currency": "EUR"}


def in_locale(app, code: str | None) -> None:
    """Every request of ``app`` in the locale ``code`` (None: unknown), as the person's settings give it."""

    @app.before_request
    def set_locale():
        g.locale = Locale.parse(code) if code else None


def propose(client, nid, **values: str):
    data = dict(PROPOSAL, **{f"values-{k}": v for k, v in values.items()})
    return fill(client, f"/negotiations/{nid}/steps/make_proposal", data)


def latest_proposal(tracker, nid):
    return tracker.get(nid).proposals_in_order()[-1]


@pytest.mark.parametrize(
    "locale, written",
    [
        ("en_US", "€88,000"),
        ("en_US", "EUR 88,000"),
        ("de_DE", "88.000 €"),
        (None, "88k"),
        (None, "88000"),
        ("fr_FR", "88\u202f000 €"),
        ("de_DE", "88000.00"),
    ],
)
def test_a_salary_written_as_people_write_it_is_understood(app, client, tracker, nid, locale, written):
    in_locale(app, locale)
    response = propose(client, nid, **{"base_salary-amount": written})
    assert response.status_code == 303, text(response)[:3000]
    assert latest_proposal(tracker, nid).values["base_salary"]["amount"] == Decimal(88000)


def test_80_000_with_the_locale_unknown_is_asked_back_not_read_as_80(app, client, tracker, nid):
    in_locale(app, None)
    before = tracker.get(nid).version
    response = fill(
        client,
        f"/negotiations/{nid}/steps/set_priority?term_key=base_salary",
        {"weight": "40", "target-amount": "95000", "walk_away-amount": "80.000"},
    )
    assert response.status_code == 422
    message = errors_beside(text(response))["walk_away-amount"]
    assert "80.000 could be 80 or 80,000" in message and "80000" in message
    assert 'value="80.000"' in text(response)  # what was typed comes back to be corrected
    assert tracker.get(nid).version == before


def test_80_000_in_german_is_eighty_thousand(app, client, tracker, nid):
    in_locale(app, "de_DE")
    response = fill(
        client,
        f"/negotiations/{nid}/steps/set_priority?term_key=base_salary",
        {"weight": "40", "target-amount": "95.000", "walk_away-amount": "80.000"},
    )
    assert response.status_code == 303, text(response)[:3000]
    priority = tracker.get(nid).owner_priorities()["base_salary"]
    assert priority.walk_away["amount"] == Decimal(80000) and priority.target["amount"] == Decimal(95000)


def test_a_currency_symbol_that_is_not_the_terms_currency_is_refused_beside_the_field(app, client, nid):
    in_locale(app, "en_US")
    response = propose(client, nid, **{"base_salary-amount": "$88,000"})
    assert response.status_code == 422
    assert "USD" in errors_beside(text(response))["values-base_salary-amount"]


def test_a_stored_amount_comes_back_in_the_form_in_the_persons_locale(app, client, tracker, nid):
    tracker.step(
        nid,
        "set_priority",
        actor="alex",
        term_key="base_salary",
        weight=40,
        target={"amount": "130000.5", "currency": "EUR"},
    )
    in_locale(app, "de_DE")
    page = text(client.get(f"/negotiations/{nid}/steps/set_priority?term_key=base_salary"))
    assert re.search(r'name="target-amount"[^>]*value="130\.000,5"', page.replace("\n", " "))


def test_nine_remote_days_a_week_are_refused_beside_the_field(client, tracker, nid):
    response = fill(
        client,
        f"/negotiations/{nid}/steps/add_term",
        {
            "label": "Remote days per week",
            "key": "remote_per_week",
            "kind": "days",
            "better": "higher",
            "min": "0",
            "max": "7",
        },
    )
    assert response.status_code == 303, text(response)[:3000]
    assert tracker.get(nid).terms["remote_per_week"].bounds == (0, 7)
    before = tracker.get(nid).version
    response = propose(client, nid, remote_per_week="9")
    assert response.status_code == 422
    assert "at most 7 days" in errors_beside(text(response))["values-remote_per_week"]
    assert tracker.get(nid).version == before


def test_bounds_that_contradict_each_other_are_refused_beside_them(client, nid):
    response = fill(
        client,
        f"/negotiations/{nid}/steps/add_term",
        {"label": "Bonus", "key": "bonus", "kind": "percent", "min": "20", "max": "10"},
    )
    assert response.status_code == 422
    assert "above the highest" in errors_beside(text(response))["max"]


def test_a_proposal_with_three_bad_values_shows_all_three_in_one_answer(client, tracker, nid):
    before = tracker.get(nid).version
    response = fill(
        client,
        f"/negotiations/{nid}/steps/make_proposal",
        {
            "to_parties": ["p2"],
            "values-base_salary-amount": "lots",
            "values-base_salary-currency": "EUR",
            "values-remote_days": "400",
            "values-car": "maybe",
        },
    )
    assert response.status_code == 422
    errors = errors_beside(text(response))
    assert "not a number" in errors["values-base_salary-amount"]  # read in the web layer
    assert "at most 366" in errors["values-remote_days"]  # the domain's bounds
    assert "yes or no" in errors["values-car"]  # the domain's check of a yes/no term
    assert "required" in errors["from_party"]  # the schema's
    assert tracker.get(nid).version == before


def test_a_priority_with_several_mistakes_shows_them_all(client, nid):
    response = fill(
        client,
        f"/negotiations/{nid}/steps/set_priority?term_key=remote_days",
        {"weight": "500", "target": "-1", "walk_away": "400"},
    )
    assert response.status_code == 422
    errors = errors_beside(text(response))
    assert {"weight", "target", "walk_away"} <= set(errors)


def test_every_text_input_and_text_area_carries_the_enforced_limit(client, tracker, nid):
    tracker.step(nid, "enlist_ally", actor="alex", name="Jo", relationship="mentor")
    for command in BUILDERS:
        page = text(client.get(f"/negotiations/{nid}/steps/{command}")).replace("\n", " ")
        for tag in re.findall(r'<textarea[^>]*>|<input[^>]*type="(?:text|url)"[^>]*>', page):
            if 'inputmode="decimal"' in tag:
                continue  # numbers: read and bounded as numbers
            assert "maxlength=" in tag, (command, tag)
    note_page = text(client.get(f"/negotiations/{nid}/steps/add_note"))
    research_page = text(client.get(f"/negotiations/{nid}/steps/log_research"))
    assert f'name="text" rows="3" required maxlength="{LONG_TEXT}"' in note_page
    assert f'name="text" rows="3" maxlength="{LONG_TEXT}"' in research_page  # the same kind, the same limit
    assert re.search(rf'name="source"[^>]*maxlength="{SHORT_TEXT}"', research_page)


@pytest.mark.parametrize(
    "command, field, extra",
    [
        ("add_note", "text", {}),
        ("log_research", "text", {"source": "Survey"}),
        ("log_interaction", "summary", {"channel": "call"}),
    ],
)
def test_the_limit_in_the_page_is_the_limit_the_server_enforces(client, tracker, nid, command, field, extra):
    url = f"/negotiations/{nid}/steps/{command}"
    assert fill(client, url, {**extra, field: "x" * LONG_TEXT}).status_code == 303
    refused = fill(client, url, {**extra, field: "x" * (LONG_TEXT + 1)})
    assert refused.status_code == 422 and field in errors_beside(text(refused))


def test_values_on_the_negotiation_page_are_shown_in_the_persons_locale(app, client, tracker, nid):
    tracker.step(
        nid,
        "make_proposal",
        actor="alex",
        from_party="p2",
        to_parties=["p1"],
        values={"base_salary": {"amount": "121000.5", "currency": "EUR"}, "remote_days": "2.5"},
    )
    in_locale(app, "de_DE")
    page = text(client.get(f"/negotiations/{nid}"))
    assert "121.000,50\xa0€" in page and "2,5 days" in page


def test_a_zero_salary_is_recorded_with_a_notice_that_stops_nothing(client, tracker, nid):
    response = propose(client, nid, **{"base_salary-amount": "0"})
    assert response.status_code == 303
    page = text(client.get(response.headers["Location"]))
    assert "Base salary was recorded as 0 EUR" in page
    assert latest_proposal(tracker, nid).values["base_salary"]["amount"] == 0


def test_bounds_left_blank_are_not_given(client, tracker, nid):
    """A browser sends every input of the form, the empty ones as "": blank bounds mean none."""
    response = fill(
        client,
        f"/negotiations/{nid}/steps/add_term",
        {
            "label": "Signing bonus",
            "key": "signing_bonus",
            "kind": "money",
            "currency": "EUR",
            "min": "",
            "max": " ",
        },
    )
    assert response.status_code == 303, errors_beside(text(response))
    spec = tracker.get(nid).terms["signing_bonus"]
    assert spec.minimum is None and spec.maximum is None


def test_a_terms_step_is_read_in_the_persons_locale_and_a_date_terms_bounds_as_dates(
    app, client, tracker, nid
):
    in_locale(app, "de_DE")
    response = fill(
        client,
        f"/negotiations/{nid}/steps/add_term",
        {"label": "Sign-on bonus", "kind": "money", "currency": "EUR", "max": "20.000", "step": "2.500"},
    )
    assert response.status_code == 303, errors_beside(text(response))
    spec = tracker.get(nid).terms["sign_on_bonus"]
    assert (spec.maximum, spec.step) == (Decimal(20000), Decimal(2500))
    response = fill(
        client,
        f"/negotiations/{nid}/steps/add_term",
        {"label": "First day", "kind": "date", "min": "2027-01-04", "max": "2027-03-01", "step": "7"},
    )
    assert response.status_code == 303, errors_beside(text(response))
    assert (
        tracker.get(nid).terms["first_day"].bound_text(tracker.get(nid).terms["first_day"].maximum)
        == "2027-03-01"
    )


def test_a_bad_step_and_bound_are_shown_beside_their_fields_at_once(client, nid):
    response = fill(
        client,
        f"/negotiations/{nid}/steps/add_term",
        {"label": "Start date", "kind": "date", "min": "next spring", "step": "0.5"},
    )
    assert response.status_code == 422
    errors = errors_beside(text(response))
    assert "YYYY-MM-DD" in errors["min"] and "whole number of days" in errors["step"]
