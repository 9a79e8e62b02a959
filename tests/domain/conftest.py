"""Builders for unit tests of the Negotiation aggregate (no store involved)."""

from __future__ import annotations

import pytest

from tests.support.domain import ACTOR, TERMS, Table, eur, event_types, last_event, seated, start  # noqa: F401
from tracker.domain.negotiation import Negotiation


@pytest.fixture
def negotiation() -> Negotiation:
    return start()


@pytest.fixture
def table(negotiation: Negotiation) -> Table:
    return seated(negotiation)
