"""Marshmallow schemas shared by the web forms and the JSON API.

``load_step(command, data)`` validates one command's input and returns ``(fields, common)``:
the command's own keyword arguments and the common ones (occurred_at, expected_version, request_id).
It raises marshmallow.ValidationError with ``messages`` shaped {field: [message]} (nested fields as
dicts). Domain refusals become the same shape with ``domain_errors``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from tracker.schemas.commands import NegotiationCreateSchema
from tracker.schemas.common import StepSchema, domain_errors
from tracker.schemas.steps import COMMAND_SCHEMAS

COMMON = ("occurred_at", "expected_version", "request_id")


def split_common(loaded: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    common = {k: loaded.pop(k) for k in COMMON if k in loaded}
    return loaded, common


def load_step(command: str, data: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    return split_common(step_schema(command).load(data))


@cache
def step_schema(command: str, exclude: tuple[str, ...] = (), blank_means_missing: bool = True) -> StepSchema:
    """A command's schema; ``exclude``: fields the caller takes from elsewhere (the JSON API's URL
    path), refused as unknown when given in the data. Made once per (command, exclude) and shared:
    loading keeps no state on the schema, and building one copies every declared field."""
    schema_class = COMMAND_SCHEMAS[command]
    schema = schema_class(exclude=tuple(name for name in exclude if name in schema_class._declared_fields))
    schema.blank_means_missing = blank_means_missing
    return schema


def load_start(data: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    return split_common(NegotiationCreateSchema().load(data))


__all__ = [
    "COMMAND_SCHEMAS",
    "COMMON",
    "NegotiationCreateSchema",
    "domain_errors",
    "load_start",
    "load_step",
    "step_schema",
]
