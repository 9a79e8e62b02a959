"""features/analysis_package_value.feature"""

from pytest_bdd import scenarios

from tests.bdd.analysis_steps import *  # noqa: F403

scenarios("analysis_package_value.feature")
