"""Flat HTML form fields <-> the nested data and errors of the schemas."""

from werkzeug.datastructures import MultiDict

from tracker.web.pages.steps.formdata import error_key, flat_errors, initial_values, to_nested


def test_money_and_term_values_become_nested_dicts():
    form = MultiDict(
        [
            ("values-base_salary-amount", "128000"),
            ("values-base_salary-currency", "EUR"),
            ("values-remote_days", "2"),
            ("values-title", ""),
            ("from_party", "p1"),
            ("csrf_token", "x"),
        ]
    )
    assert to_nested(form) == {
        "values": {"base_salary": {"amount": "128000", "currency": "EUR"}, "remote_days": "2"},
        "from_party": "p1",
    }


def test_a_money_value_without_an_amount_is_not_given():
    form = MultiDict(
        [
            ("target-amount", " "),
            ("target-currency", "EUR"),
            ("values-x-amount", ""),
            ("values-x-currency", "EUR"),
        ]
    )
    assert to_nested(form) == {"values": {}}


def test_checkbox_groups_are_lists_even_when_nothing_is_ticked():
    form = MultiDict([("to_parties", "p2"), ("to_parties", "p3")])
    assert to_nested(form, ["to_parties", "participants"]) == {"to_parties": ["p2", "p3"], "participants": []}


def test_rating_options_keep_their_dashes():
    form = MultiDict([("ratings-Full-time", "80"), ("ratings-Part-time", "")])
    assert to_nested(form) == {"ratings": {"Full-time": "80"}}
    assert error_key("ratings-Full-time") == "ratings.Full-time"
    assert error_key("values-base_salary-amount") == "values.base_salary.amount"


def test_nested_marshmallow_messages_are_named_by_dotted_paths():
    messages = {
        "weight": ["Not a valid integer."],
        "ratings": {"Senior": {"value": ["Not a valid integer."]}},
        "to_parties": {0: ["Too long."]},
        "values.base_salary.amount": ["Not a number."],
    }
    assert flat_errors(messages) == {
        "weight": ["Not a valid integer."],
        "ratings.Senior": ["Not a valid integer."],
        "to_parties": ["Too long."],
        "values.base_salary.amount": ["Not a number."],
    }
    assert flat_errors(["Expected a JSON object."]) == {"_schema": ["Expected a JSON object."]}


def test_initial_values_hold_lists_for_checkboxes():
    values = initial_values({"to_parties": ["p1", "p2"], "from_party": "p3", "skip": None})
    assert (
        values.getlist("to_parties") == ["p1", "p2"] and values["from_party"] == "p3" and "skip" not in values
    )
