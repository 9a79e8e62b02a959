"""features/analysis_scoring.feature and features/analysis_perspectives.feature"""

from pytest_bdd import scenarios

from tests.bdd.analysis_steps import *  # noqa: F403

scenarios("analysis_scoring.feature", "analysis_perspectives.feature")
