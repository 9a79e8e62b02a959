"""Copying a negotiation cheaply: what ``copy.deepcopy`` (and so the repository's cache) returns.

A negotiation's history-sized collections only ever grow: a note, an interaction, a piece of research,
an aspiration or a lesson is appended once and never changed afterwards, and a request id keeps the
version it was first recorded at. A copy can therefore share those entries with the original and
copy only the list or dict that holds them (a C-level copy); so can the terms (frozen TermSpecs, only
ever replaced) and plain values (strings, numbers, UUIDs, datetimes), while everything that events
do change in place (parties, proposals, allies, priorities...) is deep-copied as before. Loading a negotiation
of thousands of notes from the cache then costs about what its mutable part costs, not its history.
Proposals (a thousand in a long negotiation), parties, priorities, allies and alternatives hold only
plain data and copy themselves with ``copy_plain`` (``PlainData``).
"""

from __future__ import annotations

import copy
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar
from uuid import UUID

from tracker.domain.deferred import DeferredList

T = TypeVar("T")  # the Negotiation (its __deepcopy__)

#: Attributes whose entries are never changed once appended (see the events' ``apply`` methods), and
#: those whose entries are only ever replaced, by frozen objects (terms: TermSpec).
APPEND_ONLY = frozenset(
    {"notes", "interactions", "research", "aspirations", "lessons", "request_ids", "terms", "removed_terms"}
)
#: Values that cannot change, shared as they are (``deepcopy`` would rebuild a UUID or a datetime).
IMMUTABLE = (str, int, float, bool, type(None), UUID, datetime, Decimal)


def copy_negotiation(negotiation: T, memo: dict[int, Any]) -> T:
    """A copy of ``negotiation`` that no later event on the original can change (and vice versa)."""
    clone = type(negotiation).__new__(type(negotiation))
    memo[id(negotiation)] = clone
    for name, value in negotiation.__dict__.items():
        if isinstance(value, IMMUTABLE):
            pass
        elif name in APPEND_ONLY and type(value) in (list, dict, DeferredList):
            value = value.copy()  # a DeferredList's copy shares its build, not yet run
        else:
            value = copy.deepcopy(value, memo)
        clone.__dict__[name] = value
    return clone


class PlainData:
    """For a state object that holds plain data only (a party, an ally, a proposal...): deep-copied
    directly with ``copy_plain``, not through ``copy.deepcopy``'s generic reduce and rebuild."""

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        clone = object.__new__(type(self))
        clone.__dict__.update(copy_plain(self.__dict__))
        return clone


def copy_plain(value: T) -> T:
    """A deep copy of plain data (dicts and lists of strings, numbers and the like), built directly:
    about a tenth of what ``copy.deepcopy`` spends on the same values. Anything else is deep-copied."""
    kind = type(value)
    if kind is dict:
        return {key: copy_plain(item) for key, item in value.items()}  # type: ignore[return-value]
    if kind is list:
        return [copy_plain(item) for item in value]  # type: ignore[return-value]
    if isinstance(value, IMMUTABLE):
        return value
    return copy.deepcopy(value)
