"""Fixtures of the API tests: an app on the in-memory store, its client, a prepared negotiation."""

from __future__ import annotations

import pytest

from tests.support.api_client import Api, prepare
from tests.support.config import make_config
from tracker import create_app


@pytest.fixture
def app():
    app = create_app(make_config(store="memory", auth_required=False))  # one local user
    yield app
    app.extensions["tracker"].close()


@pytest.fixture
def api(app) -> Api:
    return Api(app.test_client())


@pytest.fixture
def nid(api) -> str:
    """A prepared negotiation (see tests.support.api_client.prepare)."""
    return prepare(api)
