"""Snapshots of a negotiation that stay quick to load however long its history grows.

The library's snapshot stores the aggregate's attributes as they are, so each note, interaction or
party becomes a tagged JSON object ({"_type_", "_data_"}) that the decoder hands to Python one by
one. ``PackedSnapshot`` stores each collection of state objects (a list or a dict of one kind, e.g.
``notes``) as a table instead: the field names once, then one plain JSON array per object, which the
decoder reads without calling back into Python. A negotiation with 10,000 notes loads about three
times faster from a packed snapshot than from a plain one.

The rows of the collections no rule of the domain reads (``DEFERRED``: notes and interactions, only
ever appended to) are held as ``Rows``, which the store keeps as one JSON text inside the snapshot
(``tracker.eventstore.transcodings.RowsAsJSON``) and decodes only when first asked for; loading gives a
``DeferredList`` that builds its entries then. A page that shows neither (the negotiation page)
never decodes them, which halves the cost of loading a snapshot of 10,000 events.

Those collections only grow, so a snapshot need not pack and encode again the entries that the
snapshot before it, taken by the same process, stored: a ``Prefix`` (kept on the ``DeferredList`` once
that snapshot is stored) names how the store wrote the first entries, and the next snapshot's ``Rows``
continue it with the entries after them (``Rows.continuing``). The store writes the same text as for
the whole list. A snapshot loaded from the store is never continued: its first successor is packed whole.

Snapshots taken before this (topic ``eventsourcing.domain:Snapshot``) still load as they are.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from eventsourcing.domain import Snapshot

from tracker.domain.deferred import DeferredList, Once
from tracker.domain.state import STATE_CLASSES

PACKED = "_packed_"  # the state key holding the packed collections (never an attribute name)
DEFERRED = frozenset({"notes", "interactions"})  # lists no rule reads: decoded when first read
CLASSES = {cls.__name__: cls for cls in STATE_CLASSES}
FIELDS = {cls: [f.name for f in dataclasses.fields(cls)] for cls in STATE_CLASSES}


@dataclass(frozen=True)
class Prefix:
    """The first ``count`` rows of a deferred table as a stored snapshot holds them: packed from
    ``class_name`` objects with ``fields``, kept by the store as ``stored`` (opaque here), and read
    back by ``read``."""

    count: int
    class_name: str
    fields: tuple[str, ...]
    stored: Any
    read: Callable[[], list[list[Any]]] = dataclasses.field(repr=False, compare=False)


class Rows:
    """The rows of a packed table, read when first asked for: ``read`` returns them (when a snapshot is
    taken, the rows themselves; when one is loaded, the store's decoding of them, run at most once).
    ``prefix`` and ``tail``: rows that continue a prefix stored before (``continuing``). ``stored``:
    how the store wrote these rows (set by the store)."""

    __slots__ = ("_rows", "prefix", "stored", "tail")

    def __init__(self, read: Callable[[], list[list[Any]]]) -> None:
        self._rows = Once(read)
        self.prefix: Prefix | None = None
        self.tail: list[list[Any]] = []
        self.stored: Any = None

    @classmethod
    def of(cls, rows: list[list[Any]]) -> Rows:
        return cls(lambda: rows)

    @classmethod
    def continuing(cls, prefix: Prefix, tail: list[list[Any]]) -> Rows:
        """The prefix's rows, then ``tail``: the store writes only the tail anew."""
        rows = cls(lambda: prefix.read() + tail)
        rows.prefix, rows.tail = prefix, tail
        return rows

    def read(self) -> list[list[Any]]:
        return self._rows.get()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Rows) and self.read() == other.read()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Rows({self.read()!r})"


def row_maker(names: list[str] | tuple[str, ...]) -> Callable[[Any], list[Any]]:
    """A function giving an object's row: its values of ``names``, in order."""
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda item: [one(item)]
    many = attrgetter(*names)
    return lambda item: list(many(item))


def continued(value: Any) -> dict[str, Any] | None:
    """A deferred list's table that continues the prefix a snapshot stored before (None: none to
    continue, or entries after it that are not of its class)."""
    prefix = value.stored if isinstance(value, DeferredList) else None
    if prefix is None or len(value) < prefix.count:
        return None
    cls = CLASSES.get(prefix.class_name)
    tail = value.after(prefix.count)
    if cls is None or tuple(FIELDS[cls]) != prefix.fields or any(type(item) is not cls for item in tail):
        return None
    row = row_maker(prefix.fields)
    rows = Rows.continuing(prefix, [row(item) for item in tail])
    return {"class": prefix.class_name, "fields": list(prefix.fields), "count": len(value), "rows": rows}


def pack(value: Any, deferred: bool = False) -> dict[str, Any] | None:
    """A table for a non-empty list or dict whose values are all state objects of one class (else None).
    ``deferred`` (lists only): its rows are ``Rows`` with their ``count`` beside them, continuing those
    a snapshot stored before when the list knows them."""
    if deferred:
        table = continued(value)
        if table is not None:
            return table
    if isinstance(value, DeferredList):
        value = value.data
    items = list(value.values()) if isinstance(value, dict) else value if isinstance(value, list) else None
    if not items or type(items[0]) not in FIELDS:
        return None
    cls = type(items[0])
    if any(type(item) is not cls for item in items):
        return None
    names = FIELDS[cls]
    row = row_maker(names)
    table: dict[str, Any] = {"class": cls.__name__, "fields": names, "rows": [row(item) for item in items]}
    if isinstance(value, dict):
        table["keys"] = list(value)
    elif deferred:
        table["count"], table["rows"] = len(items), Rows.of(table["rows"])
    return table


def prefix_of(table: dict[str, Any]) -> Prefix | None:
    """What a deferred table's rows leave for the next snapshot to continue: known once the store
    has written them."""
    rows = table["rows"]
    if not isinstance(rows, Rows) or rows.stored is None:
        return None
    return Prefix(table["count"], table["class"], tuple(table["fields"]), rows.stored, rows.read)


def keep_prefixes(aggregate: Any, snapshot: PackedSnapshot) -> None:
    """After ``snapshot`` of ``aggregate`` (in hand, at its version) is stored: its deferred lists
    remember how the store holds their entries, so the next snapshot stores only newer ones."""
    for name, table in snapshot.state.get(PACKED, {}).items():
        prefix = prefix_of(table) if name in DEFERRED else None
        current = getattr(aggregate, name, None)
        if prefix is None or current is None or len(current) != prefix.count:
            continue
        if isinstance(current, DeferredList):
            current.stored = prefix
        elif type(current) is list:
            setattr(aggregate, name, DeferredList(current, stored=prefix))


def unpack(table: dict[str, Any]) -> list[Any] | dict[str, Any]:
    cls, names, rows = CLASSES[table["class"]], table["fields"], table["rows"]
    if isinstance(rows, Rows):
        return DeferredList(head=Once(lambda: build(cls, names, rows.read())), count=table["count"])
    objects = build(cls, names, rows)
    return dict(zip(table["keys"], objects, strict=False)) if "keys" in table else objects


def build(cls: type, names: list[str], rows: list[list[Any]]) -> list[Any]:
    if names == FIELDS[cls]:  # the usual case: fields as they are declared now
        return [cls(*row) for row in rows]
    return [
        cls(**dict(zip(names, row, strict=False))) for row in rows
    ]  # stored before fields were added, or reordered


class PackedSnapshot(Snapshot):
    """A Snapshot whose collections of state objects are stored as tables (see the module docstring)."""

    @classmethod
    def take(cls, aggregate: Any) -> PackedSnapshot:
        plain = Snapshot.take(aggregate)
        state, packed = {}, {}
        for name, value in plain.state.items():
            table = pack(value, deferred=name in DEFERRED)
            if table is None:
                state[name] = value
            else:
                packed[name] = table
        state[PACKED] = packed
        return cls(
            originator_id=plain.originator_id,
            originator_version=plain.originator_version,
            timestamp=plain.timestamp,
            topic=plain.topic,
            state=state,
        )

    def mutate(self, _: None) -> Any:
        state = dict(self.state)
        for name, table in state.pop(PACKED, {}).items():
            state[name] = unpack(table)
        return Snapshot(
            originator_id=self.originator_id,
            originator_version=self.originator_version,
            timestamp=self.timestamp,
            topic=self.topic,
            state=state,
        ).mutate(None)
