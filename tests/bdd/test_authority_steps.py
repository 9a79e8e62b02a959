"""features/authority.feature: the authority map and the deciders' hints."""

from __future__ import annotations

from pytest_bdd import scenarios

from tests.bdd.analysis_steps import *  # noqa: F403

scenarios("authority.feature")
