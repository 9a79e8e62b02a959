"""Calibrate my weights in the browser's forms: rating whole packages (in the person's own number
format), the analysis page's panel saying where ratings and weights disagree, and taking the fitted
weights through a form prefilled with them."""

from __future__ import annotations

import re

from tests.support.web import errors_beside, fill, text


def weigh(client, nid):
    for key, weight, target, walk in (("base_salary", 80, "120000", "100000"), ("remote_days", 20, "4", "0")):
        data = {"term_key": key, "weight": str(weight)}
        if key == "base_salary":
            data |= {
                "target-amount": target,
                "target-currency": "EUR",
                "walk_away-amount": walk,
                "walk_away-currency": "EUR",
            }
        else:
            data |= {"target": target, "walk_away": walk}
        response = fill(client, f"/negotiations/{nid}/steps/set_priority?term_key={key}", data)
        assert response.status_code == 303, text(response)[:2000]


def rate(client, nid, label, rating, salary, remote):
    return fill(
        client,
        f"/negotiations/{nid}/steps/rate_package",
        {
            "label": label,
            "values-base_salary-amount": salary,
            "values-base_salary-currency": "EUR",
            "values-remote_days": remote,
            "rating": str(rating),
        },
    )


def test_rating_packages_then_taking_the_fitted_weights(client, nid):
    weigh(client, nid)
    page = text(client.get(f"/negotiations/{nid}/steps/calibrate_weights"))
    assert "rate at least 3 first" in page
    for label, rating, salary, remote in (
        ("Top pay, at the desk", 55, "120000", "0"),
        ("Lower pay, fully remote", 60, "100000", "4"),
        ("Middle of both", 65, "110000", "2"),
    ):
        response = rate(client, nid, label, rating, salary, remote)
        assert response.status_code == 303, text(response)[:2000]
    analysis = text(client.get(f"/negotiations/{nid}/analysis"))
    assert "Do your weights match your judgement?" in analysis
    assert "You rated Lower pay, fully remote (60) above Top pay, at the desk (55)" in analysis
    assert "Review and take these weights" in analysis
    form = text(client.get(f"/negotiations/{nid}/steps/calibrate_weights"))
    proposed = dict(re.findall(r'name="weights-(\w+)"[^>]*value="(\d+)"', form))
    assert set(proposed) == {"base_salary", "remote_days"} and int(proposed["remote_days"]) > 20
    response = fill(
        client,
        f"/negotiations/{nid}/steps/calibrate_weights",
        {f"weights-{k}": v for k, v in proposed.items()},
    )
    assert response.status_code == 303, text(response)[:2000]
    timeline = text(client.get(f"/negotiations/{nid}"))
    assert "Took calibrated weights (fitted to 3 rated packages)" in timeline
    assert "Rated a package, Middle of both, 65 of 100" in timeline


def test_a_bad_rating_is_shown_beside_each_field_at_once(client, nid):
    weigh(client, nid)
    response = fill(
        client,
        f"/negotiations/{nid}/steps/rate_package",
        {"values-base_salary-amount": "110000", "values-base_salary-currency": "EUR", "rating": "150"},
    )
    assert response.status_code == 422
    page = text(response)
    errors = errors_beside(page)
    assert "rating" in errors and "values-remote_days" in errors, errors
