"""The analysis page's "Scores then and now" panel and the API's ``drift`` object: an offer scored
against the priorities in force when it came and against today's, with the steps in between."""

from __future__ import annotations

from tests.support.domain import eur
from tests.support.web import text


def drifted(tracker, nid) -> None:
    def step(command, **fields):
        return tracker.step(nid, command, actor="alex", **fields)

    step("set_priority", term_key="base_salary", weight=80, target=eur("120000"), walk_away=eur("100000"))
    step("set_priority", term_key="remote_days", weight=20, target="4", walk_away="0")
    step(
        "make_proposal",
        from_party="p2",
        to_parties=["p1"],
        values={"base_salary": eur("110000"), "remote_days": "4"},
    )
    step("set_priority", term_key="remote_days", weight=80, target="4", walk_away="0")


def test_the_panel_shows_the_score_then_now_and_why(client, tracker, nid):
    drifted(tracker, nid)
    page = text(client.get(f"/negotiations/{nid}/analysis"))
    assert "Scores then and now" in page
    assert "1 of 1 packages score differently" in page
    row = page[page.index('<tr class="moved">') :]
    row = row[: row.index("</tr>")]
    assert ">60<" in row and ">75<" in row and "Remote days: weight 20 → 80" in row


def test_the_api_answers_the_same(client, tracker, nid):
    drifted(tracker, nid)
    body = client.get(f"/api/v1/negotiations/{nid}/analysis").get_json()
    [row] = body["drift"]["rows"]
    assert (row["then"], row["now"], row["score_moved"]) == ("60.00", "75.00", True)
    assert row["changes"][0]["words"] == "weight 20 → 80"
