"""Scenarios of features/agreement.feature (steps in common_steps.py)."""

from pytest_bdd import scenarios

scenarios("agreement.feature")
