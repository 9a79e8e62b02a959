"""Running a step's checks one after the other and refusing with all that failed, not the first.

    checks = Checks()
    spec = checks(self.require_term, key, "term_key")   # None when refused
    value = checks(spec.validate, raw, "target") if spec else None
    checks.done()                                        # raises the one refusal, or Refusals

A person who made three mistakes in a form then sees three messages beside three fields in one
answer, instead of one per round trip.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from tracker.domain.errors import DomainError, Refusals, each_refusal

T = TypeVar("T")


class Checks:
    def __init__(self) -> None:
        self.errors: list[DomainError] = []

    def __call__(self, check: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """The check's result, or None when it refused (the refusal is kept for ``done``)."""
        try:
            return check(*args, **kwargs)
        except DomainError as error:
            self.errors.extend(each_refusal(error))
            return None

    def refuse(self, error: DomainError) -> None:
        self.errors.extend(each_refusal(error))

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def done(self) -> None:
        """Raises the refusal (one) or Refusals (several); nothing when every check passed."""
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise Refusals(list(self.errors))
