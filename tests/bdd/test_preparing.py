"""Scenarios of features/preparing.feature (steps in common_steps.py)."""

from pytest_bdd import scenarios

scenarios("preparing.feature")
