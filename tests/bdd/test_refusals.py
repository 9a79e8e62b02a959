"""Scenarios of features/refusals.feature (steps in common_steps.py)."""

from pytest_bdd import scenarios

scenarios("refusals.feature")
