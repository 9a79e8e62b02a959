"""The analysis page says when a better deal for both sides exists, term by term, with the bargaining
points; without the other side's priorities it says what to enter."""

from __future__ import annotations

from tests.support.web import text


def prepare(tracker, *, both_sides: bool = True) -> str:
    nid = tracker.start_negotiation(actor="local user", title="Offer", kind="job_offer")

    def step(command, **fields):
        return tracker.step(nid, command, actor="local user", **fields).value

    me = step("join_party", name="Alex Morgan", role="candidate", side="owner")
    dana = step("join_party", name="Dana Kim", role="hiring manager", side="counterpart")
    step("add_term", label="Base salary", kind="money", currency="EUR", minimum="100000", maximum="120000")
    step("add_term", label="Remote days", kind="days", maximum="4")
    eur = lambda amount: {"amount": amount, "currency": "EUR"}  # noqa: E731
    step("set_priority", term_key="base_salary", weight=50, target=eur("120000"), walk_away=eur("100000"))
    step("set_priority", term_key="remote_days", weight=50, target="4", walk_away="0")
    if both_sides:
        step(
            "set_priority",
            term_key="base_salary",
            weight=90,
            target=eur("100000"),
            walk_away=eur("120000"),
            party_id=dana,
        )
        step("set_priority", term_key="remote_days", weight=10, target="0", walk_away="4", party_id=dana)
    offer = step(
        "make_proposal",
        from_party=dana,
        to_parties=[me],
        values={"base_salary": eur("110000"), "remote_days": "0"},
    )
    step("accept_proposal", proposal_id=offer, party=me)
    return str(nid)


def test_the_page_shows_the_better_deal_term_by_term(client, tracker):
    page = text(client.get(f"/negotiations/{prepare(tracker)}/analysis"))
    section = page[page.index('id="win-win"') :]
    assert "can be improved for everyone" in section
    assert "Base salary 110,000 EUR → 100,000 EUR; Remote days 0 days → 4 days" in section
    assert "You (owner) 50 instead of 25, Dana Kim (hiring manager) 90 instead of 55" in section
    assert "Nash bargaining solution" in section and "Kalai-Smorodinsky" in section
    assert "What you could propose next" in section and "points better for you" in section
    assert "Remote days matters 50% to you and 10% to Dana Kim (hiring manager): ask for it." in section


def test_without_the_other_sides_priorities_the_page_says_what_to_enter(client, tracker):
    page = text(client.get(f"/negotiations/{prepare(tracker, both_sides=False)}/analysis"))
    section = page[page.index('id="win-win"') :]
    assert "Enter the priorities of Dana Kim" in section and "Nash" not in section.split("</section>")[0]


def test_the_utility_space_is_drawn_on_the_page_and_as_its_own_svg(client, tracker):
    nid = prepare(tracker)
    page = text(client.get(f"/negotiations/{nid}/analysis"))
    section = page[page.index('id="win-win"') :]
    assert '<svg role="img" aria-label="Every package: Your score across' in section
    dana = next(p for p, party in tracker.get(nid).parties.items() if party.name == "Dana Kim")
    svg = client.get(f"/negotiations/{nid}/charts/utility/owner/{dana}.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    body = svg.get_data(as_text=True)
    for series in (
        "Frontier: no package beats these for both",
        "Proposals on the table, in order",
        "Nash point",
    ):
        assert series in body
    assert "<script" not in body  # offline and inline-safe, as the other charts
    assert client.get(f"/negotiations/{nid}/charts/utility/owner/owner.svg").status_code == 404
