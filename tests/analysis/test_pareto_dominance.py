"""The Pareto check compares every package with all the others at once; it must find exactly the
dominating packages the rule names: at least as good for every perspective, better for one, and
never a package some perspective could not score."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.analysis.pareto import BLOCK, dominated_by

SCORES = st.one_of(st.none(), st.sampled_from([Decimal(s) for s in ("0", "50", "50.0", "62.5", "70", "100")]))


def by_the_rule(table, who):
    def dominates(a, b):
        if any(a[w] is None for w in who) or any(b[w] is None for w in who):
            return False
        return all(a[w] >= b[w] for w in who) and any(a[w] > b[w] for w in who)

    return {p: [q for q in table if q != p and dominates(table[q], table[p])] for p in table}


@st.composite
def tables(draw):
    who = draw(st.lists(st.sampled_from(["owner", "p2", "p3"]), unique=True, max_size=3))
    size = draw(st.integers(0, 30))
    return {f"proposal:{i}": {w: draw(SCORES) for w in who} for i in range(size)}, who


@settings(max_examples=300)
@given(tables())
def test_the_dominating_packages_are_those_the_rule_names(drawn):
    table, who = drawn
    assert dominated_by(table, who) == by_the_rule(table, who)


def test_more_packages_than_a_block_are_all_compared():
    who = ["owner", "p2"]
    table = {
        f"proposal:{i}": {"owner": Decimal(i % 97), "p2": Decimal((i * 7) % 89)} for i in range(BLOCK * 2 + 5)
    }
    assert dominated_by(table, who) == by_the_rule(table, who)
