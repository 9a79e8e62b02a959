"""Password hashing with argon2id (argon2-cffi). Only the hash is ever stored; a hash made with older
parameters is upgraded at the next successful sign-in."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from tracker.domain.errors import InvalidValue

MIN_LENGTH = 10
MAX_LENGTH = 1024  # long enough for any passphrase, short enough that hashing stays cheap


class Passwords:
    """Hashes and verifies passwords. ``profile`` names an argon2 parameter set from
    ``argon2.profiles`` (the default RFC_9106_LOW_MEMORY; tests may use CHEAPEST)."""

    def __init__(self, profile: str = "RFC_9106_LOW_MEMORY") -> None:
        parameters = getattr(profiles, profile or "RFC_9106_LOW_MEMORY", None)
        if parameters is None or not hasattr(parameters, "memory_cost"):
            raise ValueError(f"unknown argon2 profile {profile!r}")
        self.hasher = PasswordHasher.from_parameters(parameters)
        self._dummy_hash = self.hasher.hash(secrets.token_urlsafe(16))

    def hash(self, password: object) -> str:
        return self.hasher.hash(check_password(password))

    def verify(self, password_hash: str | None, password: object) -> bool:
        """True when ``password`` matches. Without a hash (unknown user) a dummy hash is verified, so
        the answer takes as long as for a real account."""
        if not isinstance(password, str) or not password or len(password) > MAX_LENGTH:
            return False
        try:
            return self.hasher.verify(password_hash or self._dummy_hash, password) and bool(password_hash)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        return self.hasher.check_needs_rehash(password_hash)


def check_password(password: object) -> str:
    if not isinstance(password, str) or not password:
        raise InvalidValue("Choose a password.", "password")
    if len(password) < MIN_LENGTH:
        raise InvalidValue(f"A password needs at least {MIN_LENGTH} characters.", "password")
    if len(password) > MAX_LENGTH:
        raise InvalidValue(f"A password can have at most {MAX_LENGTH} characters.", "password")
    if not password.strip():
        raise InvalidValue("A password cannot be only spaces.", "password")
    return password


def generate_password() -> str:
    """A random password for operators to hand over (about 96 bits)."""
    return secrets.token_urlsafe(12)
