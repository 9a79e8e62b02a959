"""The digest's canonical form does not change by a byte: every stored chain was sealed with it.

The reference below is the form as first written (a tree walk, then ``json.dumps`` with sorted keys);
the chain's faster walk must give the same digest for every kind of value an event may hold,
including str enums, tuples, int keys and nested money."""

import datetime as dt
import enum
import hashlib
import json
from decimal import Decimal
from typing import Any
from uuid import UUID

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.chain import EXCLUDED, event_digest


class Colour(str, enum.Enum):
    RED = "red"
    BLUE = "blue"


def reference_canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): reference_canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [reference_canonical(v) for v in value]
    if isinstance(value, Decimal):
        return {"$dec": str(value)}
    if isinstance(value, dt.datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, UUID):
        return {"$uuid": str(value)}
    return value


def reference_digest(topic: str, originator_id: Any, version: int, state: dict[str, Any]) -> str:
    body = {k: v for k, v in state.items() if k not in EXCLUDED}
    payload = {
        "topic": topic.rsplit(":", 1)[-1],
        "originator_id": str(originator_id),
        "version": version,
        "state": reference_canonical(body),
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()


leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.decimals(allow_nan=False, allow_infinity=False, places=3),
    st.datetimes(timezones=st.just(dt.UTC)),
    st.uuids(),
    st.sampled_from(list(Colour)),
)
values = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(st.text(max_size=6), inner, max_size=4),
        st.dictionaries(st.integers(0, 30), inner, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.text(min_size=1, max_size=8), values, max_size=6), st.uuids(), st.integers(1, 10**6)
)
def test_the_digest_is_the_reference_digest(state, originator, version):
    topic = "tracker.domain.events:ProposalMade"
    assert event_digest(topic, originator, version, state) == reference_digest(
        topic, originator, version, state
    )


def test_a_known_event_keeps_its_known_digest():
    state = {
        "actor": "dana@example.org",
        "timestamp": dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
        "values": {"base_salary": {"amount": Decimal("110000.00"), "currency": "EUR"}},
        "to_parties": ("p1", "p3"),
        "stage": Colour.RED,
        "digest": "left out",
        "class_version": 3,
    }
    originator = UUID("5b0c4a8e-2f55-4a0e-9d0c-7f1c3c1e8a41")
    found = event_digest("x:ProposalMade", originator, 4, state)
    assert found == reference_digest("x:ProposalMade", originator, 4, state)
    assert found == "39e7afb523c03f7ea8d3e564c80e77b149955e8607a05f6986464c549d70a4d5"
