"""Compare two packages of a stored negotiation, now or as it stood at a version (see
``tracker.domain.compare`` for what a comparison holds)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from tracker.audit.timetravel import negotiation_as_of
from tracker.domain.compare import Comparison, compare_refs

if TYPE_CHECKING:  # pragma: no cover
    from tracker.application import NegotiationTracker


def compare_in_store(
    tracker: NegotiationTracker,
    negotiation_id: UUID | str,
    base_ref: str,
    other_ref: str,
    *,
    version: object = None,
    moment: object = None,
) -> Comparison:
    """``base_ref``/``other_ref``: a proposal id ("prop1"), an alternative id ("alt1"), "targets" or
    "walk_away". Raises NotFound, or a DomainError (field "ref", "as_of_version" or "as_of")."""
    as_of = negotiation_as_of(tracker, negotiation_id, version=version, moment=moment)
    return compare_refs(as_of.negotiation, base_ref, other_ref)
