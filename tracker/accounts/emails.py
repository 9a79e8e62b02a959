"""Email addresses identify people: checked with email-validator (syntax only, no DNS) and
normalised (NFKC, then lower case), so "Ana@Example.com", "ana@example.com" and the full-width
"ａｎａ@example.com" are the same account; a local part that passes for another address (mixed
alphabets, look-alike letters: ``lookalikes``) is refused."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from email_validator import EmailNotValidError, validate_email

from tracker.accounts.lookalikes import refuse_lookalike
from tracker.domain.errors import InvalidValue

MAX_LENGTH = 254


def normalise_email(email: object, field: str = "email") -> str:
    """The canonical form of a valid address; InvalidValue (naming ``field``) otherwise."""
    if not isinstance(email, str) or not email.strip():
        raise InvalidValue("Give an email address.", field)
    text = unicodedata.normalize("NFKC", email).strip()
    if len(text) > MAX_LENGTH:
        raise InvalidValue("That email address is too long.", field)
    try:
        checked = validate_email(text, check_deliverability=False)
    except EmailNotValidError as error:
        raise InvalidValue(f"That is not a valid email address: {error}", field) from None
    refuse_lookalike(checked.local_part, field)
    return checked.normalized.lower()


def email_key(email: object) -> str:
    """A lookup key for any input: the canonical address when valid, else the trimmed lower-case text
    (a sign-in with a malformed address still counts towards its throttle)."""
    if isinstance(email, str):
        return _key(email)
    return str(email or "").strip().lower()[:MAX_LENGTH]


@lru_cache(maxsize=4096)
def _key(email: str) -> str:
    """Every request checks access with the signed-in address: validating it once per process will do."""
    try:
        return normalise_email(email)
    except InvalidValue:  # an account stored before the look-alike check still finds itself
        return email.strip().lower()[:MAX_LENGTH]
