"""The analysis API says when an agreement left value on the table: the accepted proposal's Pareto row
is improvable, with the better package term by term, and the frontier object holds the bargaining
points, the ZOPA and the space's size (issue 19's worked case: salary against remote days)."""

from __future__ import annotations

from tests.support.api_client import Api, eur


def test_an_agreement_that_leaves_value_on_the_table_is_improvable_in_the_api(api: Api):
    nid = api.start()["id"]
    me = api.ok(nid, "/parties", {"name": "Alex Morgan", "side": "owner"})["party_id"]
    dana = api.ok(nid, "/parties", {"name": "Dana Kim", "role": "hiring manager", "side": "counterpart"})[
        "party_id"
    ]
    api.ok(
        nid,
        "/terms",
        {"label": "Base salary", "kind": "money", "currency": "EUR", "min": "100000", "max": "120000"},
    )
    api.ok(nid, "/terms", {"label": "Remote days", "kind": "days", "max": "4"})
    for party, salary, remote in (
        (None, (50, "120000", "100000"), (50, "4", "0")),
        (dana, (90, "100000", "120000"), (10, "0", "4")),
    ):
        whose = {"party_id": party} if party else {}
        weight, target, walk_away = salary
        api.ok(
            nid,
            "/priorities",
            {
                "term_key": "base_salary",
                "weight": weight,
                "target": eur(target),
                "walk_away": eur(walk_away),
                **whose,
            },
        )
        weight, target, walk_away = remote
        api.ok(
            nid,
            "/priorities",
            {"term_key": "remote_days", "weight": weight, "target": target, "walk_away": walk_away, **whose},
        )
    offer = api.ok(
        nid,
        "/proposals",
        {
            "from_party": dana,
            "to_parties": [me],
            "values": {"base_salary": eur("110000"), "remote_days": "0"},
        },
    )["proposal_id"]
    assert api.ok(nid, f"/proposals/{offer}/accept", {"party": me})["stage"] == "agreed"

    body = api.get(nid, "/analysis").get_json()
    [row] = body["pareto"]["rows"]
    assert row["dominated"] is False  # nothing recorded beats it...
    assert row["improvable"] is True  # ...but a package of the whole space does, for both sides
    better = row["improvement"]["better"]
    assert better["values"]["remote_days"] == "4" and better["scores"]["owner"] == "50.00"
    assert row["improvement"]["scores"] == {"owner": "25.00", dana: "55.00"}
    assert [c["term_key"] for c in row["improvement"]["changes"]] == ["base_salary", "remote_days"]
    frontier = body["frontier"]
    assert frontier["space_size"] == 41 * 5 and frontier["zopa"] is True and frontier["frontier_size"] > 1
    assert frontier["nash"]["values"]["remote_days"] == "4" and frontier["kalai"] is not None
    [first, *_] = frontier["suggestions"]
    assert first["deal"]["scores"][dana] >= "55" and "points better for you" in first["reason"]
    assert [h["term_key"] for h in frontier["trade_hints"]] == ["base_salary", "remote_days"]
