"""A step's form as the step registry (tracker.schemas.steps) names it: its title comes from there,
its fields and texts from the form builders (preparation_forms, bargaining_forms)."""

from __future__ import annotations

from typing import Any

from tracker.schemas.steps import BY_COMMAND
from tracker.web.pages.steps.formspec import Field, StepForm


def step_form(command: str, intro: str, fields: list[Field], *, title: str = "", **options: Any) -> StepForm:
    """The form of the registered step ``command``; ``title``: a fuller one than the registry's (the
    term a priority is about, the proposal a counter answers)."""
    return StepForm(command, title or BY_COMMAND[command].title, intro, fields, **options)
