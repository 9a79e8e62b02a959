"""Makes the shared step definitions (and the ``workflow`` fixture) visible to every feature test here."""

from tests.bdd.common_steps import *  # noqa: F403
