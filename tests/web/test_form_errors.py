"""What goes wrong on a form: a bad value (beside its field, input kept, nothing stored), a step the
negotiation refuses, someone else's step in the meantime (conflict), a double submit, a missing token."""

import re

from tests.support.web import fill, hidden_fields, make_app, text

EUR = lambda amount: {"amount": amount, "currency": "EUR"}  # noqa: E731
PROPOSAL = {
    "from_party": "p1",
    "to_parties": ["p2"],
    "values-base_salary-amount": "130000",
    "values-base_salary-currency": "EUR",
    "values-remote_days": "3",
    "rationale": "My <b>reasons</b>",
}


def error_beside(page: str, name: str) -> str:
    match = re.search(rf'<p class="error" id="f-{re.escape(name)}-error">([^<]*)</p>', page)
    assert match, f"no error beside {name}"
    return match.group(1)


def test_a_bad_amount_is_shown_beside_its_field_with_the_input_kept(client, tracker, nid):
    before = tracker.get(nid).version
    response = fill(
        client,
        f"/negotiations/{nid}/steps/make_proposal",
        dict(PROPOSAL, **{"values-base_salary-amount": "lots"}),
    )
    page = text(response)
    assert response.status_code == 422
    assert "is not a number" in error_beside(page, "values-base_salary-amount")
    assert re.search(
        r'name="values-base_salary-amount"[^>]*value="lots"[^>]*aria-invalid="true"', page.replace("\n", " ")
    )
    assert re.search(r'name="values-remote_days"[^>]*value="3"', page.replace("\n", " "))
    assert "My &lt;b&gt;reasons&lt;/b&gt;</textarea>" in page
    assert 'name="to_parties" value="p2" checked' in page
    assert "Nothing was recorded" in page
    assert tracker.get(nid).version == before


def test_a_negative_amount_is_refused_by_the_domain_beside_the_field(client, tracker, nid):
    response = fill(
        client,
        f"/negotiations/{nid}/steps/make_proposal",
        dict(PROPOSAL, **{"values-base_salary-amount": "-5"}),
    )
    assert response.status_code == 422
    assert "cannot be negative" in error_beside(text(response), "values-base_salary-amount")


def test_a_proposal_without_values_or_addressees_says_so(client, tracker, nid):
    response = fill(client, f"/negotiations/{nid}/steps/make_proposal", {"from_party": "p1"})
    page = text(response)
    assert response.status_code == 422
    assert error_beside(page, "values") and error_beside(page, "to_parties")


def test_missing_required_fields_and_bad_choices(client, tracker, nid):
    response = fill(
        client, f"/negotiations/{nid}/steps/join_party", {"name": "  ", "role": "HR", "side": "boss"}
    )
    page = text(response)
    assert response.status_code == 422
    assert "required" in error_beside(page, "name")
    assert "Choose one of" in error_beside(page, "side")
    assert re.search(r'id="f-role" name="role" type="text" value="HR"', page)


def test_a_weight_that_is_not_a_number(client, tracker, nid):
    response = fill(
        client,
        f"/negotiations/{nid}/steps/set_priority?term_key=remote_days",
        {"weight": "a lot", "target": "3"},
    )
    page = text(response)
    assert response.status_code == 422
    assert "integer" in error_beside(page, "weight")
    assert re.search(r'name="target"[^>]*value="3"', page.replace("\n", " "))


def test_a_target_worse_than_the_walk_away_is_refused_beside_the_target(client, tracker, nid):
    response = fill(
        client,
        f"/negotiations/{nid}/steps/set_priority?term_key=base_salary",
        {"weight": "40", "target-amount": "100000", "walk_away-amount": "112000"},
    )
    assert response.status_code == 422
    assert "worse than the walk-away" in error_beside(text(response), "target")


def test_a_time_in_the_future_is_refused_beside_occurred_at(client, tracker, nid):
    response = fill(
        client, f"/negotiations/{nid}/steps/add_note", {"text": "hi", "occurred_at": "2999-01-01T10:00"}
    )
    page = text(response)
    assert response.status_code == 422
    assert "future" in error_beside(page, "occurred_at")
    assert 'value="2999-01-01T10:00"' in page


def test_occurred_at_is_read_as_utc(client, tracker, nid):
    fill(client, f"/negotiations/{nid}/steps/add_note", {"text": "hi", "occurred_at": "2026-01-05T14:30"})
    entry = tracker.timeline(nid)[-1]
    assert entry.occurred_at.isoformat() == "2026-01-05T14:30:00+00:00"


def test_a_step_on_a_closed_negotiation_is_refused_with_the_reason(client, tracker, nid):
    url = f"/negotiations/{nid}/steps/add_note"
    form = hidden_fields(text(client.get(url)))
    tracker.step(nid, "conclude", actor="alex", outcome="declined")
    assert "reopen it to record new steps" in text(client.get(url))
    form.pop("expected_version")
    response = client.post(url, data=dict(form, text="one more thing"))
    assert response.status_code == 422
    assert "closed" in text(response) and "one more thing" in text(response)


def test_a_conflict_keeps_the_input_shows_what_changed_and_lets_one_resubmit(client, tracker, nid):
    url = f"/negotiations/{nid}/steps/make_proposal"
    form = hidden_fields(text(client.get(url)))
    seen = tracker.get(nid).version
    assert form["expected_version"] == str(seen)
    tracker.step(nid, "add_note", actor="dana@example.org", text="Budget frozen until May")
    response = client.post(url, data=dict(form, **PROPOSAL))
    page = text(response)
    assert response.status_code == 409
    assert "Someone else logged a step" in page and f"it is now at version {seen + 1}" in page
    assert "Note: Budget frozen until May" in page and "dana@example.org" in page
    assert re.search(r'name="values-base_salary-amount"[^>]*value="130000"', page.replace("\n", " "))
    assert tracker.get(nid).version == seen + 1 and not tracker.get(nid).proposals
    resubmit = hidden_fields(page)
    assert resubmit["expected_version"] == str(seen + 1)
    assert resubmit["request_id"] == form["request_id"]
    again = client.post(url, data=dict(resubmit, **PROPOSAL))
    assert again.status_code == 303
    assert list(tracker.get(nid).proposals) == ["prop1"]


def test_a_double_submit_stores_one_step(client, tracker, nid):
    url = f"/negotiations/{nid}/steps/make_proposal"
    data = dict(hidden_fields(text(client.get(url))), **PROPOSAL)
    first = client.post(url, data=data)
    second = client.post(url, data=data)  # the same request id; expected_version is stale by now
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert list(tracker.get(nid).proposals) == ["prop1"]
    assert "already recorded" in text(client.get(second.headers["Location"]))


def test_a_double_submit_of_the_start_form_starts_one_negotiation(client, tracker):
    data = dict(hidden_fields(text(client.get("/negotiations/new"))), title="Raise", kind="promotion")
    first = client.post("/negotiations/new", data=data)
    second = client.post("/negotiations/new", data=data)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert len(tracker.negotiation_ids()) == 1


def test_the_start_form_keeps_input_on_errors(client, tracker):
    response = client.post(
        "/negotiations/new", data={"title": "", "kind": "promotion", "description": "x" * 10}
    )
    page = text(response)
    assert response.status_code == 422
    assert "required" in error_beside(page, "title")
    assert '<option value="promotion" selected>' in page
    assert tracker.negotiation_ids() == []


def test_an_unknown_field_is_refused_at_the_top(client, tracker, nid):
    response = client.post(f"/negotiations/{nid}/steps/add_note", data={"text": "hi", "admin": "yes"})
    assert response.status_code == 422
    assert (
        '<span class="error-field">Admin:</span> <span class="error-message">Unknown field.</span>'
        in text(response)
    )


def test_csrf_token_missing_is_400_and_the_forms_token_works(tracker):
    app = make_app(csrf_enabled=True)
    client = app.test_client()
    nid = app.extensions["tracker"].start_negotiation(actor="a", title="Raise", kind="promotion")
    url = f"/negotiations/{nid}/steps/add_note"
    assert client.post(url, data={"text": "no token"}).status_code == 400
    assert client.post("/negotiations/new", data={"title": "x", "kind": "other"}).status_code == 400
    form = hidden_fields(text(client.get(url)))
    assert form["csrf_token"]
    assert client.post(url, data=dict(form, text="with token")).status_code == 303
    assert app.extensions["tracker"].get(nid).notes[0].text == "with token"
