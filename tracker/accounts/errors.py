"""Errors of signing in. Bad input (an invalid email, a short password) is a DomainError
(``InvalidValue``) naming its field, like everywhere else."""

from __future__ import annotations

from datetime import datetime

from tracker.domain.errors import DomainError


class EmailTaken(DomainError):
    """Someone already signed up with that address."""


class SignInFailed(Exception):
    """Wrong email, password or token. The message never says which (HTTP 401)."""

    def __init__(self, message: str = "That email and password do not match an account.") -> None:
        super().__init__(message)
        self.message = message


class SignInLocked(SignInFailed):
    """Too many failures recently: no attempt is checked until ``until`` (HTTP 429)."""

    def __init__(self, until: datetime) -> None:
        super().__init__(f"Too many failed attempts. Try again after {until:%H:%M} UTC.")
        self.until = until
