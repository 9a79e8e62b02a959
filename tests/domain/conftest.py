"""Builders for unit tests of the Negotiation aggregate (no store involved)."""

from __future__ import annotations

import pytest

from tests.support.domain import ACTOR, TERMS, Table, eur, event_types, last_event, start  # noqa: F401
from tracker.domain.negotiation import Negotiation


@pytest.fixture
def negotiation() -> Negotiation:
    return start()


@pytest.fixture
def table(negotiation: Negotiation) -> Table:
    n = negotiation
    me = n.join_party(actor=ACTOR, name="Alex Morgan", role="candidate", side="owner")
    dana = n.join_party(actor=ACTOR, name="Dana Kim", role="hiring manager", side="counterpart")
    rick = n.join_party(actor=ACTOR, name="Rick Alvarez", role="recruiter", side="counterpart")
    coach = n.join_party(actor=ACTOR, name="Sam Patel", role="career coach", side="advisor")
    for term in TERMS:
        n.add_term(actor=ACTOR, **term)
    return Table(n, me, dana, rick, coach)
