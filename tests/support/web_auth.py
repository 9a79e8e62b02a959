"""Helpers shared by the tests (moved out of tests/web/auth/conftest.py, which keeps only fixtures)."""

from __future__ import annotations

from tests.support.config import make_config

ANA, BO = "ana@example.org", "bo@example.org"


def auth_app(clock=None, **overrides):
    from tracker import create_app

    config = make_config(
        **{
            "store": "memory",
            "secret_key": "auth-tests",
            "csrf_enabled": True,
            "auth_required": True,
            "password_hash_profile": "CHEAPEST",
            **overrides,
        }
    )
    if clock is not None:
        config["clock"] = clock
    return create_app(config)
