"""A signed-in world over HTTP: one negotiation and one team, and a test client (pages: a session
from the real sign-in form; API: a bearer token) for each role someone can have on them."""

from __future__ import annotations

import pytest

from tests.support.access import (  # noqa: F401
    AUDITOR,
    EDITOR,
    LEAD,
    MEMBER,
    OWNER,
    PEOPLE,
    ROLES,
    STRANGER,
    VIEWER,
    World,
    build_world,
    prepared_negotiation,
    web_config,
)
from tests.support.config import make_config


@pytest.fixture
def sqlite_world(tmp_path):
    from tracker import create_app

    app = create_app(
        web_config(make_config(store="sqlite", data_dir=str(tmp_path), sqlite_file="tracker.sqlite"))
    )
    world = build_world(app)
    yield world
    world.close()


@pytest.fixture
def pg_world(pg_config):
    from tracker import create_app

    world = build_world(create_app(web_config(pg_config)))
    yield world
    world.close()
