"""The ledger finds each statement's contradiction in a few steps however long the history; it must
name the same one as the plain reading of the rule: for each statement, the first earlier one, in
order, that is not the same value and is in the same round or one the later went back on."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.analysis.ledger import Statement, _contradictions
from tracker.domain.terms import TermSpec
from tracker.domain.vocabulary import Better, Side, TermKind

AT = datetime(2026, 3, 2, tzinfo=UTC)
SPECS = {
    "money up": (TermSpec("salary", "Salary", TermKind.MONEY, Better.HIGHER, currency="EUR"), "money"),
    "days down": (TermSpec("commute", "Commute days", TermKind.DAYS, Better.LOWER), "number"),
    "days, no direction": (TermSpec("leave", "Leave", TermKind.DAYS), "number"),
    "text": (TermSpec("title", "Title", TermKind.TEXT, Better.HIGHER), "text"),
}
NUMBERS = ["15", "15.0", "16", "14", "100", "99.5", "0"]


def plain_reading(spec: TermSpec, side: str | None, said: list[Statement]) -> list[tuple[int, int, str]]:
    """(later, earlier, kind) by the rule as written: every earlier statement tried in turn."""
    found = []
    for i, later in enumerate(said):
        for j, earlier in enumerate(said[:i]):
            if spec.same(earlier.value, later.value):
                continue
            if earlier.round == later.round:
                found.append((i, j, "same_round"))
                break
            directed = spec.better is not Better.NONE and side in (Side.OWNER.value, Side.COUNTERPART.value)
            better = spec.at_least_as_good(later.value, earlier.value) if directed else None
            if better is not None and (better if side == Side.OWNER.value else not better):
                found.append((i, j, "went_back"))
                break
    return found


@st.composite
def histories(draw):
    name = draw(st.sampled_from(sorted(SPECS)))
    spec, shape = SPECS[name]
    side = draw(st.sampled_from([Side.OWNER.value, Side.COUNTERPART.value, None, "observer"]))
    steps = draw(st.lists(st.tuples(st.sampled_from(NUMBERS), st.booleans()), max_size=40))
    said, round_ = [], 0
    for version, (figure, new_round) in enumerate(steps, start=1):
        round_ += new_round
        value = {"money": {"amount": figure, "currency": "EUR"}, "number": figure, "text": f"T{figure}"}[
            shape
        ]
        said.append(Statement(version, AT, "p2", spec.key, value, "note", round_))
    return spec, side, said


@settings(max_examples=400)
@given(histories())
def test_each_statement_is_flagged_against_the_same_earlier_one_as_the_plain_reading(history):
    spec, side, said = history
    found = _contradictions(spec, "Dana", side, said)
    index = {s.version: i for i, s in enumerate(said)}
    assert [(index[c.later.version], index[c.earlier.version], c.kind) for c in found] == plain_reading(
        spec, side, said
    )


def test_a_counterpart_going_back_is_flagged_against_the_first_higher_figure():
    spec = SPECS["money up"][0]
    said = [
        Statement(v, AT, "p2", "salary", {"amount": a, "currency": "EUR"}, "proposal", v)
        for v, a in enumerate(["100000", "104000", "103000", "102000"], start=1)
    ]
    found = _contradictions(spec, "Dana", Side.COUNTERPART.value, said)
    assert [(c.earlier.version, c.later.version, c.kind) for c in found] == [
        (2, 3, "went_back"),
        (2, 4, "went_back"),
    ]
    assert found[0].sentence.startswith("Dana went back on Salary: 104,000")
    assert Decimal(found[1].later.value["amount"]) == 102000


def test_each_rows_figures_are_written_when_first_read_as_the_term_shows_them():
    """The negotiation page counts the ledger's rows; each figure as people read it (``shown``) is
    written when first read, once, as the term displays it, and the API's answer lists them."""
    from tests.support.analysis_builders import Deal
    from tracker.analysis.ledger import ledger, read_statements
    from tracker.analysis.report import jsonable

    deal = Deal().terms("base_salary")
    deal.propose(deal.dana, base_salary="110000")
    deal.propose(deal.dana, base_salary="105000")
    statements = read_statements(deal.n.collect_events())
    row, twin = (ledger(deal.n, statements).rows[0] for _ in range(2))
    assert "shown" not in vars(row)
    assert row.shown == ["110,000 EUR", "105,000 EUR"] and row.shown is row.shown
    assert row == twin and jsonable(row)["shown"] == row.shown and "_display" not in jsonable(row)
    assert [c.kind for c in ledger(deal.n, statements).contradictions] == ["went_back"]
