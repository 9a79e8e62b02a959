"""The teams blueprint and what its views share. Every view here needs a signed-in person (teams and
sharing are about people), even when sign-in is not required elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint

from tracker.domain.errors import DomainError
from tracker.web.auth.blueprint import signed_in_only

bp = Blueprint("teams", __name__)

TEAM_ROLE_CHOICES = (
    ("member", "Member"),
    ("owner", "Owner (manages the team)"),
    ("viewer", "Viewer (auditor: reads only)"),
)
GRANT_ROLE_CHOICES = (("viewer", "Viewer (reads only)"), ("editor", "Editor (may log steps)"))


def field_errors(error: DomainError, default_field: str = "_schema") -> dict[str, list[str]]:
    return {error.field or default_field: [error.message]}


def person_only(view: Callable[..., Any]) -> Callable[..., Any]:
    return wraps(view)(signed_in_only(view))
