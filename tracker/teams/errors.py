"""Access errors. Someone who cannot see a negotiation (or team) gets NotFound (HTTP 404: nothing
hints that it exists); someone who can see it but not do this gets AccessDenied (HTTP 403)."""

from __future__ import annotations

from tracker.domain.errors import NotFound


class AccessDenied(Exception):
    """Visible, but the role does not allow this (a viewer logging a step, a member managing a team)."""

    def __init__(self, message: str = "Your role does not allow this.") -> None:
        super().__init__(message)
        self.message = message


__all__ = ["AccessDenied", "NotFound"]
