"""A list whose older entries are built only when something first reads them.

A snapshot of a long negotiation holds thousands of notes and interactions that no rule of the
domain reads (they are only appended to, and shown by the API). Decoding them and building their
objects is most of what loading such a snapshot costs. ``DeferredList`` starts from a function that
builds them (shared by every copy, run at most once) and the number it will build; appending, ``len``
and copying need no build, and anything else (iterating, indexing, comparing...) builds them once and
then behaves as the plain list it holds.
"""

from __future__ import annotations

import threading
from collections import UserList
from collections.abc import Callable, Iterable, Iterator
from typing import Any


class Once:
    """Calls ``build`` on the first ``get`` only; every caller gets that same result."""

    __slots__ = ("_build", "_lock", "_result")

    def __init__(self, build: Callable[[], list[Any]]) -> None:
        self._build: Callable[[], list[Any]] | None = build
        self._result: list[Any] = []
        self._lock = threading.Lock()

    def get(self) -> list[Any]:
        if self._build is not None:
            with self._lock:
                if self._build is not None:
                    self._result, self._build = self._build(), None
        return self._result


class DeferredList(UserList):
    """A list of ``count`` entries built by ``head`` (a shared ``Once``), then those appended since."""

    def __init__(
        self,
        initlist: Iterable[Any] | None = None,
        *,
        head: Once | None = None,
        count: int = 0,
        stored: Any = None,
    ) -> None:
        # UserList.__init__ is not called: it would assign ``data``, which builds the entries.
        self._head, self._count = head, count
        #: How a snapshot already stored this list's first entries (tracker.domain.snapshot.Prefix),
        #: so the next snapshot stores only the entries after them; None: not known.
        self.stored = stored
        self._data: list[Any] = (
            [] if initlist is None else list(initlist)
        )  # with a head: the entries after it
        self._lock = threading.Lock() if head is not None else None

    @property
    def built(self) -> bool:
        return self._head is None

    @property
    def data(self) -> list[Any]:  # type: ignore[override]
        if self._head is not None:
            with self._lock:  # type: ignore[union-attr]
                if self._head is not None:  # the whole list is in place before the head is let go
                    self._data = self._head.get() + self._data
                    self._head = None
        return self._data

    @data.setter
    def data(self, value: list[Any]) -> None:
        self._head, self._data = None, value

    def __len__(self) -> int:
        if self._head is not None:
            with self._lock:  # type: ignore[union-attr]
                if self._head is not None:
                    return self._count + len(self._data)
        return len(self._data)

    def __bool__(self) -> bool:
        return len(self) > 0

    def __iter__(self) -> Iterator[Any]:
        return iter(self.data)

    def __reversed__(self) -> Iterator[Any]:
        return reversed(self.data)

    def append(self, item: Any) -> None:
        self._data.append(item)  # before the build this is the tail, after it the whole list

    def after(self, start: int) -> list[Any]:
        """The entries from index ``start`` on, built only if the unbuilt head holds some of them."""
        if self._head is not None:
            with self._lock:  # type: ignore[union-attr]
                if self._head is not None and start >= self._count:
                    return self._data[start - self._count :]
        return self.data[start:]

    def copy(self) -> DeferredList:
        """A copy sharing the entries (which are never changed) and the build, not yet run."""
        return DeferredList(self._data, head=self._head, count=self._count, stored=self.stored)

    __copy__ = copy

    def __reduce__(self) -> tuple[Any, ...]:  # pickled and deep-copied as the plain list it stands for
        return DeferredList, (list(self.data),)
