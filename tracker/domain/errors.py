"""Domain errors: each names what was refused and why, in words a person understands."""

from __future__ import annotations


class DomainError(Exception):
    """A step the negotiation refuses. ``field`` names the input at fault, if one is."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidValue(DomainError):
    """A value does not fit what it is for (wrong currency, not an option, negative salary...)."""


class UnknownParty(DomainError):
    """A party id that is not (or no longer) part of this negotiation."""


class UnknownTerm(DomainError):
    """A term key that is not on the table."""


class UnknownProposal(DomainError):
    """A proposal id this negotiation has never seen."""


class UnknownAlly(DomainError):
    """An ally id this negotiation has never seen."""


class NotAnApprover(DomainError):
    """Someone who is not a required approver tried to approve or decline a proposal (403)."""


class NotAddressed(DomainError):
    """A party answered a proposal that was not made to them."""


class ProposalNotOpen(DomainError):
    """A withdrawn, rejected, accepted or superseded proposal cannot be answered that way."""


class NegotiationClosed(DomainError):
    """After conclusion only reopening is allowed."""


class InvalidTransition(DomainError):
    """A change of stage or state that the lifecycle does not allow."""


class TargetWorseThanWalkAway(DomainError):
    """A target must be at least as good for the owner as the walk-away point."""


class ConflictError(Exception):
    """Someone else recorded a step in the meantime: the write was based on a stale version."""

    def __init__(self, expected: int | None, actual: int) -> None:
        super().__init__(
            f"This negotiation changed since you loaded it (you saw version {expected}, "
            f"it is now at version {actual}). Review the latest steps and submit again."
        )
        self.expected = expected
        self.actual = actual


class NotFound(Exception):
    """No negotiation (or proposal) with that id."""


class Refusals(DomainError):
    """Several refusals of one step, found together so that a form can show them all at once.
    ``message`` and ``field`` are the first one's; ``errors`` holds each (never another Refusals)."""

    def __init__(self, errors: list[DomainError]) -> None:
        super().__init__(errors[0].message, errors[0].field)
        self.errors = errors


def each_refusal(error: DomainError) -> list[DomainError]:
    """The single refusals an error stands for: itself, or each of a Refusals."""
    return list(error.errors) if isinstance(error, Refusals) else [error]
