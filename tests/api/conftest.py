"""Fixtures of the API tests: an app on the in-memory store, its client, a prepared negotiation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.support.api_client import Api, prepare
from tests.support.config import make_config
from tracker import create_app
from tracker.teams.approval_rules import ApprovalRule
from tracker.teams.approvals import ChainPolicy


@pytest.fixture
def app():
    app = create_app(make_config(store="memory", auth_required=False))  # one local user
    # As if the negotiations were shared with a team whose chain asks the local user to approve a base
    # salary above 1,000,000 EUR (the approval steps' samples propose 1,500,000).
    app.extensions["tracker"].approval_chains = local_chain()
    yield app
    app.extensions["tracker"].close()


def local_chain() -> ChainPolicy:
    rule = ApprovalRule("local user", 1, "above_amount", "base_salary", Decimal("1000000"), "EUR")
    return ChainPolicy(lambda nid: [("local-team", [rule], None)])


@pytest.fixture
def api(app) -> Api:
    return Api(app.test_client())


@pytest.fixture
def nid(api) -> str:
    """A prepared negotiation (see tests.support.api_client.prepare)."""
    return prepare(api)


@pytest.fixture
def fuzzed_app(sqlite_config):
    """The app schemathesis runs against, on the SQLite file store. Bad-token throttling per client
    address is tested in tests/security; schemathesis sends many wrong tokens on purpose (the
    ignored_auth check) from one address. Webhooks may call this machine: the links register one at a
    closed local port (its calls fail at once), so creating one can succeed."""
    from tests.support.api_fuzz import OWNER
    from tracker import create_app

    app = create_app(
        {
            **sqlite_config,
            "password_hash_profile": "CHEAPEST",
            "client_max_failures": 10**6,
            "webhooks_allow_loopback": True,
        }
    )
    # As if every negotiation were shared with a team whose chain asks the fuzzing owner to approve a
    # base salary above 120,000 EUR: the approval steps can then succeed.
    rule = ApprovalRule(OWNER, 1, "above_amount", "base_salary", Decimal("120000"), "EUR")
    app.extensions["tracker"].approval_chains = ChainPolicy(lambda nid: [("fuzz-team", [rule], None)])
    yield app
    app.extensions["people"].close()
    app.extensions["tracker"].close()
