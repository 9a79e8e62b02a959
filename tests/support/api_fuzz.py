"""Driving schemathesis over the JSON API: an app on the in-memory store with sign-in required, a
bearer token, real negotiations to aim at, and one Hypothesis run per documented operation.

Generated requests mix schema-valid ("positive") and schema-violating ("negative") data, with path
values drawn from the real negotiations (the prepared one, a concluded one, another user's one) or
generated outright; half of the valid writes carry the negotiation's current version in If-Match so
they reach the domain rules instead of stopping at a stale version.

Checks: all of schemathesis' defaults (no 5xx, documented status codes, content types, headers and
bodies that match the documented schemas, negative data refused, a missing or wrong token refused,
...). One is tuned, ``positive_data_acceptance`` ("schema-valid requests must get 2xx"): the API
refuses some schema-valid requests on purpose, with rules a JSON Schema cannot state, so these
answers are accepted as well: 428 (a write must name the version it saw, in If-Match *or* in the
body: neither is required on its own), 422 (domain rules: an unknown party or term named in the body,
a target worse than the walk-away point, an import file that does not replay), 400 (the header and
the body disagree: If-Match vs expected_version, Idempotency-Key vs request_id). ``check_refusal``
then holds each such answer to its reason, so the tuning lets nothing else through.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from tests.support.api_client import Api, prepare
from tests.support.auth import api_token, bearer

OWNER, STRANGER = "fuzz-owner@example.org", "someone-else@example.org"
ALSO_ACCEPTED = ["2xx", "3xx", "400", "401", "403", "404", "409", "422", "428", "429"]
CROSS_FIELD_400 = ("disagree", "lone surrogate")
REAL_PATH_VALUES = {
    "proposal_id": ["prop1", "prop2", "prop9"],
    "party_id": ["p1", "p2", "p3", "p4"],
    "ally_id": ["a1", "a2"],
    "key": ["base_salary", "remote_days", "sign_on", "title"],
}


def fuzz_config(token: str) -> schemathesis.Config:
    return schemathesis.Config.from_dict(
        {
            "auth": {"openapi": {"bearerAuth": {"bearer": token}}},
            "checks": {"positive_data_acceptance": {"expected-statuses": ALSO_ACCEPTED}},
        }
    )


@dataclass
class Target:
    """The app under test, its token and the negotiations generated paths can point at."""

    app: Any
    token: str
    negotiation_ids: list[str]

    @classmethod
    def seeded(cls, app: Any) -> Target:
        token = api_token(app, OWNER)
        mine = app.test_client()
        mine.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        api = Api(mine)
        prepared = prepare(api)
        closed = prepare(api)
        api.ok(closed, "/conclusion", {"outcome": "stalled"})
        theirs = app.test_client()
        theirs.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {api_token(app, STRANGER)}"
        foreign = prepare(Api(theirs))
        return cls(app, token, [prepared, prepared, closed, foreign])  # the open one twice as often

    def schema(self) -> Any:
        return schemathesis.openapi.from_wsgi(
            "/api/v1/openapi.json", self.app, headers=bearer(self.token), config=fuzz_config(self.token)
        )

    def current_version(self, negotiation_id: str) -> int | None:
        try:
            return self.app.extensions["tracker"].get(negotiation_id).version
        except Exception:  # not a negotiation (a generated id)
            return None


def path_values(operation: Any, target: Target) -> st.SearchStrategy[dict[str, Any]]:
    names = [p.name for p in operation.path_parameters]
    pools = {"negotiation_id": target.negotiation_ids, **REAL_PATH_VALUES}
    return st.fixed_dictionaries({n: st.sampled_from(pools[n]) for n in names if n in pools})


def cases(operation: Any, target: Target) -> st.SearchStrategy[Any]:
    """Real paths (valid data three times as often) and generated ones."""

    def aimed(mode: GenerationMode):
        return path_values(operation, target).flatmap(
            lambda values: operation.as_strategy(mode, path_parameters=values or None)
        )

    positive, negative = GenerationMode.POSITIVE, GenerationMode.NEGATIVE
    return st.one_of(
        aimed(positive),
        aimed(positive),
        aimed(positive),
        aimed(negative),
        operation.as_strategy(positive),
        operation.as_strategy(negative),
    )


@dataclass
class Tally:
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    modes: Counter = field(default_factory=Counter)
    operations: int = 0
    failures: dict[str, str] = field(default_factory=dict)


def check_refusal(case: Any, response: Any) -> None:
    """Holds a refused schema-valid request to the reasons the module docstring gives."""
    if not (case.meta and case.meta.generation.mode.is_positive):
        return
    try:
        body = response.json()
    except ValueError:
        body = {}
    if response.status_code == 400:
        assert any(word in body.get("message", "") for word in CROSS_FIELD_400), body
    if response.status_code == 422:
        assert body.get("errors"), body  # names the field(s) at fault


def fuzz_operation(operation: Any, target: Target, examples: int, tally: Tally) -> None:
    @given(case=cases(operation, target), fresh_version=st.booleans())
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any, fresh_version: bool) -> None:
        nid = (case.path_parameters or {}).get("negotiation_id")
        positive = bool(case.meta and case.meta.generation.mode.is_positive)
        if fresh_version and positive and case.method.upper() == "POST" and nid:
            version = target.current_version(nid)
            if version is not None:
                case.headers = {**(case.headers or {}), "If-Match": f'"{version}"'}
        response = case.call()
        tally.requests += 1
        tally.statuses[response.status_code] += 1
        tally.modes["positive" if positive else "negative"] += 1
        case.validate_response(response)
        check_refusal(case, response)

    tally.operations += 1
    try:
        run()
    except BaseException as error:  # every operation runs; all failures are reported together
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise
        tally.failures[operation.label] = f"{type(error).__name__}: {error}"[:3000]


def fuzz_api(target: Target, examples: int) -> Tally:
    tally = Tally()
    for result in target.schema().get_all_operations():
        fuzz_operation(result.ok(), target, examples, tally)
    return tally
