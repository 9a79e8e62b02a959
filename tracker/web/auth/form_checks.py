"""The sign-up and password forms' checks, all run before anything is stored so that every mistake
is shown beside its field in one answer; and the limits their inputs carry as ``maxlength``."""

from __future__ import annotations

from tracker.accounts.emails import MAX_LENGTH as EMAIL_TEXT
from tracker.accounts.emails import normalise_email
from tracker.accounts.passwords import MAX_LENGTH as PASSWORD_TEXT
from tracker.accounts.passwords import check_password
from tracker.domain.checks import Checks
from tracker.domain.errors import each_refusal
from tracker.domain.limits import SHORT_TEXT
from tracker.domain.terms import optional_text

#: input name -> the longest text the server takes there
LIMITS = {
    "email": EMAIL_TEXT,
    "display_name": SHORT_TEXT,
    "password": PASSWORD_TEXT,
    "new_password": PASSWORD_TEXT,
    "confirm": PASSWORD_TEXT,
    "current_password": PASSWORD_TEXT,
    "label": SHORT_TEXT,
}
NOT_THE_SAME = "The two passwords are not the same."


def _collected(checks: Checks, rename: dict[str, str] | None = None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for error in checks.errors:
        for each in each_refusal(error):
            field = (rename or {}).get(each.field or "", each.field or "_schema")
            errors.setdefault(field, []).append(each.message)
    return errors


def sign_up_errors(email: str, display_name: str, password: str, confirm: str) -> dict[str, list[str]]:
    checks = Checks()
    checks(normalise_email, email)
    checks(optional_text, display_name, "display_name", SHORT_TEXT)
    checks(check_password, password)
    errors = _collected(checks)
    if password != confirm:
        errors.setdefault("confirm", []).append(NOT_THE_SAME)
    return errors


def new_password_errors(new: str, confirm: str, current_is_right: bool) -> dict[str, list[str]]:
    checks = Checks()
    checks(check_password, new)
    errors = _collected(checks, {"password": "new_password"})
    if not current_is_right:
        errors.setdefault("current_password", []).append("The current password is not right.")
    if new != confirm:
        errors.setdefault("confirm", []).append(NOT_THE_SAME)
    return errors
