"""Stated figures in the browser's forms and pages: the "they said" fields of the interaction form
(in the person's number format, errors beside the fields), the contradiction flagged on the timeline
with a link to the other step, the analysis page's ledger and the API's ledger."""

from __future__ import annotations

import re

from tests.support.web import errors_beside, fill, text


def said_on_the_phone(client, nid, salary="120000"):
    return fill(
        client,
        f"/negotiations/{nid}/steps/log_interaction",
        {
            "channel": "call",
            "summary": "Dana called about the offer.",
            "participants": ["p2"],
            "stated_by": "p2",
            "stated-base_salary-amount": salary,
            "stated-base_salary-currency": "EUR",
        },
    )


def test_a_figure_said_on_the_phone_then_taken_back_is_flagged_on_the_timeline(client, tracker, nid):
    assert said_on_the_phone(client, nid).status_code == 303
    said = tracker.get(nid).version
    tracker.step(
        nid,
        "make_proposal",
        actor="alex",
        from_party="p2",
        to_parties=["p1"],
        values={"base_salary": {"amount": "115000", "currency": "EUR"}},
    )
    page = text(client.get(f"/negotiations/{nid}"))
    assert "(Dana Kim (hiring manager) said: Base salary 120,000 EUR)" in page
    flags = re.findall(r'<p class="contradiction" role="note">(.*?)</p>', page, re.S)
    assert len(flags) == 2 and all("went back on Base salary" in f for f in flags)
    assert f'href="#v{said}"' in flags[1]
    card = page[page.index('class="card ledger-card"') :]
    card = card[: card.index("</div>")]  # the panel's card: the contradiction, linked to both steps
    [line] = re.findall(r'<li class="contradiction">(.*?)</li>', card, re.S)
    assert "went back on Base salary" in line and f'href="#v{said}"' in line
    assert f'href="#v{tracker.get(nid).version}"' in line
    analysis = text(client.get(f"/negotiations/{nid}/analysis"))
    assert "Figures stated" in analysis and "120,000 EUR" in analysis
    body = client.get(f"/api/v1/negotiations/{nid}/analysis").get_json()
    [contradiction] = body["ledger"]["contradictions"]
    assert (contradiction["kind"], contradiction["earlier"]["version"]) == ("went_back", said)


def test_figures_without_a_speaker_are_refused_beside_the_field(client, nid):
    response = fill(
        client,
        f"/negotiations/{nid}/steps/log_interaction",
        {"channel": "call", "summary": "A call.", "stated-remote_days": "soon"},
    )
    assert response.status_code == 422
    errors = errors_beside(text(response))
    assert "stated_by" in errors and "stated-remote_days" in errors, errors
