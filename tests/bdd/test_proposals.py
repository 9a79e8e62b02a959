"""Scenarios of features/proposals.feature (steps in common_steps.py)."""

from pytest_bdd import scenarios

scenarios("proposals.feature")
