"""Equality for the analysis' results whose parts are worked out when first read (a dataclass field
holding the function, not compared, and a cached property giving its result)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any


def equal_with(one: Any, other: Any, worked_out: str) -> bool:
    """Whether ``one`` and ``other``, of the same dataclass, agree on every compared field and on the
    part named ``worked_out`` (worked out on both, if not yet)."""
    same = all(getattr(one, f.name) == getattr(other, f.name) for f in fields(one) if f.compare)
    return same and getattr(one, worked_out) == getattr(other, worked_out)
